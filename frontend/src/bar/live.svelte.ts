// The live event for the station screens: one EventState fed by one EventStream.
// Applying a frame twice is harmless: the stream drops seq numbers it has seen, order.placed sets
// the order by id, and every ticket frame carries the whole ticket, which replaces the old one.
import { EventState } from "../lib/eventState.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";
import type { Ticket } from "../../../worker/protocol.ts";
import { clock } from "./clock.svelte.ts";

/** The latest time stamped on a ticket: the moment of the change a frame reports. */
function latest(ticket: Ticket): number {
  let max = Math.max(ticket.createdAt, ticket.doneAt ?? 0, ticket.pickedUpAt ?? 0);
  for (const item of ticket.items) max = Math.max(max, item.doneAt ?? 0);
  return max;
}

export class BarLive {
  readonly state = new EventState();
  readonly stream: EventStream;
  #loaded = $state(false);

  constructor(station: string | undefined, onUnauthorized: () => void) {
    this.stream = new EventStream(
      {
        onSnapshot: (frame) => {
          this.state.applySnapshot(frame);
          clock.observe(frame.now);
          this.#loaded = true;
        },
        onDelta: (frame) => {
          this.state.applyDelta(frame);
          if (frame.type === "order.placed") clock.observe(frame.order.createdAt);
          else if (frame.type !== "availability.changed") clock.observe(latest(frame.ticket));
        },
        onUnauthorized,
      },
      station,
    );
  }

  /** True once the first snapshot has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }

  start(): () => void {
    this.stream.open();
    return () => this.stream.close();
  }
}
