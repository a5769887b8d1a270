// What a form sends, one request at a time, with its outcome on the form's own status line: busy
// while the request runs (the form's button is off), then what went through or why it failed, in
// words (describeError, or the form's own explanation such as the money sheets'). Failures are
// logged and aborts ignored as everywhere (handleError.ts); the problem stays beside the form,
// where the person looks, instead of in a toast.
import { describeError, logFailure } from "./handleError.ts";

export class Submission {
  #busy = $state(false);
  #error = $state("");
  #done = $state("");
  readonly #explain: (error: unknown) => string;

  constructor(explain: (error: unknown) => string = (error) => describeError(error)) {
    this.#explain = explain;
  }

  get busy(): boolean {
    return this.#busy;
  }
  /** Why the last attempt failed ("" when it did not). */
  get error(): string {
    return this.#error;
  }
  /** What the last attempt that went through said ("" when it said nothing). */
  get done(): string {
    return this.#done;
  }

  /** A problem found before anything is sent (an empty field): shown like a failure. */
  refuse(text: string): void {
    this.#error = text;
    this.#done = "";
  }

  /** Forgets the outcome (the form was closed or changed). */
  clear(): void {
    this.#error = "";
    this.#done = "";
  }

  /**
   * Sends, unless a request of this form is still under way. `send` may return what to say when it
   * went through. Resolves to true when it did.
   */
  async run(send: () => Promise<string | void>, explain = this.#explain): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    this.clear();
    try {
      this.#done = (await send()) ?? "";
      return true;
    } catch (error) {
      if (logFailure(error, "request failed")) this.#error = explain(error);
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
