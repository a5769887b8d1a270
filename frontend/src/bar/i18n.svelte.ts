// The station screens' language: a guess before login, the event's language after it.
import { commonStrings, guessLanguage, translator, type Language } from "../lib/i18n.ts";
import { toasts } from "../lib/toast.svelte.ts";
import { barStrings } from "./strings.ts";

class BarLanguage {
  #language = $state<Language>(guessLanguage());
  #t = $derived(translator(barStrings, this.#language));
  #tc = $derived(translator(commonStrings, this.#language));

  get language(): Language {
    return this.#language;
  }
  /** The event's language, once the session says it; toasts follow. */
  set(language: Language): void {
    this.#language = language;
    toasts.setLanguage(language);
  }

  /** Station-screen strings. */
  get t() {
    return this.#t;
  }
  /** Shared strings (login, offline, switch user). */
  get tc() {
    return this.#tc;
  }
}

export const lang = new BarLanguage();
