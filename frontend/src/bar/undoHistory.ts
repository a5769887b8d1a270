// The bumps made on one station screen, newest last, for Backspace/U to take back one at a time.
// A step is remembered before its request answers (the stream may show the bump first, and an undo
// pressed in between must find it) and forgotten again if the request fails.

export interface UndoStep {
  ticket: string;
  /** A line of the ticket; undefined for the whole ticket. */
  line?: number;
}

/** How many bumps made on this screen can be undone. */
const UNDO_DEPTH = 50;

export class UndoHistory {
  #steps: UndoStep[] = [];

  /** The ticket was reopened another way: its steps are done with. */
  forgetTicket(ticket: string): void {
    this.#steps = this.#steps.filter((s) => s.ticket !== ticket);
  }

  /** The newest step, taken off the history. */
  pop(): UndoStep | undefined {
    return this.#steps.pop();
  }

  /** Runs `request` for a bump remembered as `step`; forgets the step if the request fails. */
  async track(step: UndoStep, request: () => Promise<void>): Promise<void> {
    this.#steps.push(step);
    if (this.#steps.length > UNDO_DEPTH) this.#steps.shift();
    try {
      await request();
    } catch (error) {
      this.#steps = this.#steps.filter((s) => s !== step);
      throw error;
    }
  }
}
