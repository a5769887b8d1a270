// Data the admin pages read over HTTP and read again when money moves: a Remote holds the last
// answer of one GET, and MoneyFeed counts the stream's money frames so pages know when to reload.
import { untrack } from "svelte";
import type { DeltaFrame } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import { changesMoney } from "../lib/deltaFrames.ts";
import type { AdminContext } from "./context.ts";

/** A burst of frames (a busy bar) leads to one reload, not one per frame. */
const RELOAD_DELAY_MS = 150;

export class MoneyFeed {
  #revision = $state(0);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Goes up when figures may have changed: a money frame, or a fresh snapshot after a reconnect. */
  get revision(): number {
    return this.#revision;
  }

  noteSnapshot(): void {
    this.#bump();
  }

  noteDelta(frame: DeltaFrame): void {
    if (changesMoney(frame)) this.#bump();
  }

  #bump() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#revision++, RELOAD_DELAY_MS);
  }
}

/**
 * Runs `load` now and again whenever money moves (call it while a component starts). What
 * `load` reads is not tracked, so only the feed (and `deps`, e.g. a filter) cause a reload.
 */
export function reloadOnMoney(feed: () => MoneyFeed, load: () => void, deps: () => unknown = () => undefined): void {
  $effect(() => {
    void feed().revision;
    deps();
    untrack(load);
  });
}

/** The text to show for a failed request. */
export function describeError(error: unknown, offlineText: string): string {
  if (error instanceof NetworkError) return offlineText;
  if (error instanceof ApiRequestError) return error.message;
  return String(error);
}

export class Remote<T> {
  #value = $state.raw<T | undefined>(undefined);
  #error = $state("");
  readonly #path: () => string;
  readonly #ctx: () => AdminContext;
  #latest = 0;

  constructor(path: () => string, ctx: () => AdminContext) {
    this.#path = path;
    this.#ctx = ctx;
  }

  /** The last answer, or undefined before the first. */
  get value(): T | undefined {
    return this.#value;
  }
  /** Why the last load failed, or "". */
  get error(): string {
    return this.#error;
  }

  async load(): Promise<void> {
    const mine = ++this.#latest;
    try {
      const value = await api<T>("GET", this.#path());
      // A slower, older answer must not overwrite a newer one.
      if (mine === this.#latest) {
        this.#value = value;
        this.#error = "";
      }
    } catch (error) {
      if (mine === this.#latest) this.#error = describeError(error, this.#ctx().tc("offline"));
    }
  }
}
