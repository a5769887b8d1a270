// The one path from a failure to the person. Every failure is logged for whoever debugs it; an
// AbortError (a request the page itself cancelled) is no failure and is ignored. What the person
// sees is said in the page's language: a toast naming what failed (handleError), or, where a form
// shows its own problem beside itself, the text for that place (describeError, see submit.svelte.ts).
import { ApiRequestError, NetworkError } from "./api.ts";
import { commonStrings, type Language } from "./i18n.ts";
import { toasts } from "./toast.svelte.ts";

/** A request the page cancelled on purpose (a newer search, a page left). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** The words for a failed request: "no connection" in the page's language, else the server's message. */
export function describeError(error: unknown, language: Language = toasts.language): string {
  if (error instanceof NetworkError) return commonStrings[language].offline;
  if (error instanceof ApiRequestError) return error.message;
  return String(error);
}

/** Logs a failure for whoever debugs it; false for an abort, which is no failure. */
export function logFailure(error: unknown, what: string): boolean {
  if (isAbort(error)) return false;
  console.error(what, error);
  return true;
}

/**
 * Logs, ignores aborts, and tells the person what failed in words they can act on (a toast):
 * `message` names what failed ("Hat nicht geklappt (A1)"), the request's failure follows it.
 */
export function handleError(error: unknown, message = commonStrings[toasts.language].failed): void {
  if (!logFailure(error, message)) return;
  // Only a request's failure has words for the person; a bug's text would not help them.
  const detail = error instanceof NetworkError || error instanceof ApiRequestError ? describeError(error) : "";
  toasts.show(detail ? `${message}: ${detail}` : message, "error", 6000);
}

/**
 * For a promise nobody awaits (a button's action, an effect's load): its failure goes to
 * handleError. A message given as a function is read only then (inside an effect, reading it at
 * once would make the effect depend on the page's language).
 */
export function catchFailure(promise: Promise<unknown> | undefined, message?: string | (() => string)): void {
  promise?.catch((error: unknown) => handleError(error, typeof message === "function" ? message() : message));
}
