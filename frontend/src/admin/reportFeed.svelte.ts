// When the statistics page reads GET /report again: after any frame that changes its figures
// (orders, tickets, payments, voids, settlements) or a fresh snapshot, at most once a second, so a
// busy bar bumping tickets causes one reload a second, not one per bump.
import type { DeltaFrame } from "../../../worker/protocol.ts";

const AT_MOST_EVERY_MS = 1000;

function changesReport(type: DeltaFrame["type"]): boolean {
  return type.startsWith("order.") || type.startsWith("ticket.") || type.startsWith("payment.") || type === "item.voided" || type === "settlement.recorded";
}

export class ReportFeed {
  /** Goes up when the report may have changed. */
  revision = $state(0);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = 0;

  noteSnapshot(): void {
    this.#schedule();
  }

  noteDelta(frame: DeltaFrame): void {
    if (changesReport(frame.type)) this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + AT_MOST_EVERY_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#last = Date.now();
      this.revision++;
    }, wait);
  }
}
