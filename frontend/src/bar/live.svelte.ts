// The live event for the station screens: one EventState fed by one EventStream.
// Applying a frame twice is harmless: the stream drops seq numbers it has seen, order.placed sets
// the order by id, and every ticket frame carries the whole ticket, which replaces the old one.
import { EventState } from "../lib/eventState.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";

export class BarLive {
  readonly state = new EventState();
  readonly stream: EventStream;
  #loaded = $state(false);

  constructor(station: string | undefined, onUnauthorized: () => void) {
    this.stream = new EventStream(
      {
        onSnapshot: (frame) => {
          this.state.applySnapshot(frame);
          this.#loaded = true;
        },
        onDelta: (frame) => this.state.applyDelta(frame),
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
