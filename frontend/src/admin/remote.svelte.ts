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

/**
 * One GET's last answer. At most one request is under way: a load asked for meanwhile (money moved
 * again) becomes one more request after it, shared by every caller, so a page on a busy evening
 * never piles up requests (the report can take seconds to come: worker/report/pacedReads.ts) and
 * shows each answer as it comes, the newest last. An answer for a path no longer wanted (a filter
 * changed meanwhile) is not shown.
 */
export class Remote<T> {
  #value = $state.raw<T | undefined>(undefined);
  #error = $state("");
  readonly #path: () => string;
  readonly #ctx: () => AdminContext;
  #underWay: Promise<void> | undefined;
  #next: Promise<void> | undefined;

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

  /** Resolves once an answer asked for after this call is shown (or its failure). */
  load(): Promise<void> {
    if (!this.#underWay) {
      this.#underWay = this.#read().finally(() => (this.#underWay = undefined));
      return this.#underWay;
    }
    this.#next ??= this.#underWay.then(() => {
      this.#next = undefined;
      return this.load();
    });
    return this.#next;
  }

  async #read(): Promise<void> {
    const path = this.#path();
    try {
      const value = await api<T>("GET", path);
      if (path === this.#path()) [this.#value, this.#error] = [value, ""];
    } catch (error) {
      if (path === this.#path()) this.#error = describeError(error, this.#ctx().tc("offline"));
    }
  }
}
