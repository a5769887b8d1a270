// Short messages at the bottom of the page (or in the station screen's side panel): confirmations,
// and the failures handleError reports. One store for every page; each page says its language.
import { guessLanguage, type Language } from "./i18n.ts";

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}

class Toasts {
  #list = $state.raw<Toast[]>([]);
  #next = 1;
  #docks = $state(0);
  #language = $state<Language>(typeof localStorage === "undefined" ? "en" : guessLanguage());

  get list(): Toast[] {
    return this.#list;
  }

  /** True while a page shows the toasts in a place of its own (the station screen's side panel). */
  get docked(): boolean {
    return this.#docks > 0;
  }

  /** The page's language, for the words a failure adds ("no connection to the server"). */
  get language(): Language {
    return this.#language;
  }

  /** Each app calls this when it knows the event's language. */
  setLanguage(language: Language): void {
    this.#language = language;
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
