// Short messages at the bottom of the screen (or in the station screen's side panel), and the one place failures go (handleError).
import { ApiRequestError, NetworkError } from "../lib/api.ts";
import { lang } from "./i18n.svelte.ts";

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}

class Toasts {
  #list = $state.raw<Toast[]>([]);
  #next = 1;
  #docks = $state(0);

  get list(): Toast[] {
    return this.#list;
  }

  /** True while a page shows the toasts in a place of its own (the station screen's side panel). */
  get docked(): boolean {
    return this.#docks > 0;
  }

  /** A page that shows the toasts itself calls this while mounted; returns the release. */
  dock(): () => void {
    this.#docks++;
    return () => void this.#docks--;
  }

  show(text: string, kind: Toast["kind"] = "info", ms = 4000): void {
    const toast = { id: this.#next++, text, kind };
    this.#list = [...this.#list.slice(-3), toast];
    setTimeout(() => this.dismiss(toast.id), ms);
  }

  dismiss(id: number): void {
    this.#list = this.#list.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();

/** Logs, ignores aborts, and tells the person what failed in words they can act on. */
export function handleError(error: unknown, message: string): void {
  if (error instanceof DOMException && error.name === "AbortError") return;
  console.error(message, error);
  const detail = error instanceof NetworkError ? lang.tc("offline") : error instanceof ApiRequestError ? error.message : "";
  toasts.show(detail ? `${message}: ${detail}` : message, "error", 6000);
}
