// When the statistics page reads GET /report again: after any frame that changes its figures
// (orders, tickets, payments, voids, settlements) or a fresh snapshot, at most once a second, so a
// busy bar bumping tickets causes one reload a second, not one per bump.
import type { DeltaFrame } from "../../../worker/protocol.ts";
import { changesReport } from "../lib/deltaFrames.ts";

const AT_MOST_EVERY_MS = 1000;

export class ReportFeed {
  #revision = $state(0);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = 0;

  /** Goes up when the report may have changed. */
  get revision(): number {
    return this.#revision;
  }

  noteSnapshot(): void {
    this.#schedule();
  }

  noteDelta(frame: DeltaFrame): void {
    if (changesReport(frame)) this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + AT_MOST_EVERY_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#last = Date.now();
      this.#revision++;
    }, wait);
  }
}
