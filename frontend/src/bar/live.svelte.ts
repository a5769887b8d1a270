// The live event for the station screens: one EventState fed by one EventStream (a station's
// screen gets the station's cut of the stream). Applying a frame twice is harmless: the stream
// drops seq numbers it has seen, order.placed sets the order by id, and every ticket frame carries
// the whole ticket, which replaces the old one. The state is kept in sessionStorage, so a reload
// shows it at once and resumes with `since` instead of taking a snapshot. A new event is followed
// in place (onNextEvent): the screen's owner makes a new BarLive for it, no reload.
import { EventState } from "../lib/eventState.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";
import { applyDelta, changedAt, type LiveChanges } from "../lib/deltaFrames.ts";
import type { DeltaFrame, SnapshotFrame, StationDeltaFrame, StationSnapshotFrame, Ticket } from "../../../worker/protocol.ts";
import { clock } from "./clock.svelte.ts";
import { isPrintFrame, PrintState } from "../lib/printState.svelte.ts";

/** How many picked-up tickets of closed orders the screens remember for their "recently done" lists. */
const CLOSED_KEPT = 30;

/** Every ticket still waiting for a runner, and the newest picked-up ones. */
function keepRecent(tickets: Ticket[]): Ticket[] {
  let picked = 0;
  return tickets.filter((t) => t.pickedUpAt === null || ++picked <= CLOSED_KEPT);
}

export class BarLive {
  readonly #state: EventState;
  /** The station's printers and its print jobs' states (issue 21). */
  readonly print = new PrintState();
  readonly #stream: EventStream<SnapshotFrame | StationSnapshotFrame, DeltaFrame | StationDeltaFrame>;
  #loaded = $state(false);
  /** Tickets of orders that closed while this screen watched, newest first. */
  #closed = $state.raw<Ticket[]>([]);
  readonly #savedKey: string | undefined;
  #saver: ReturnType<EventState["keepSaved"]> | undefined;

  /**
   * `savedKey`: where the state is kept across reloads (savedStateKey), or undefined for nowhere.
   * `onNextEvent`: the event ended and the next one started (event.started); this stream stops.
   */
  constructor(station: string | undefined, onUnauthorized: (reason?: string) => void, savedKey?: string, onNextEvent?: (next: { id: string; name: string }) => void) {
    this.#savedKey = savedKey;
    this.#state = new EventState(
      onNextEvent &&
        ((next) => {
          if (savedKey) sessionStorage.removeItem(savedKey);
          this.#stream.close();
          this.#closed = [];
          onNextEvent(next);
        }),
    );
    this.#stream = new EventStream<SnapshotFrame | StationSnapshotFrame, DeltaFrame | StationDeltaFrame>(
      {
        onSnapshot: (frame) => {
          this.#state.applySnapshot(frame);
          this.#forget(new Set(frame.orders.map((o) => o.id)));
          clock.observe(frame.now);
          this.#loaded = true;
          this.#scheduleSave();
        },
        onDelta: (input) => {
          if (isPrintFrame(input)) {
            this.print.apply(input);
            return this.#scheduleSave();
          }
          const frame = this.#state.expand(input, this.#closed);
          if (!frame) return;
          // The memory first: an order that closes leaves the live state with its tickets.
          applyDelta(frame, this.#closedMemory);
          this.#state.applyDelta(frame);
          const at = changedAt(frame);
          if (at !== undefined) clock.observe(at);
          this.#scheduleSave();
        },
        onUnauthorized: (reason) => {
          if (savedKey) sessionStorage.removeItem(savedKey);
          onUnauthorized(reason);
        },
      },
      station,
      // Every open order, also for a runner logged in with the waiter PIN (a waiter's socket gets the phone's shape otherwise).
      station ? undefined : "tickets",
    );
    const saved = savedKey ? this.#state.restore(savedKey) : undefined;
    if (saved) {
      this.#stream.lastSeq = saved.seq;
      const extra = saved.extra as { closed?: Ticket[]; printed?: string[] } | undefined;
      this.#closed = (extra?.closed ?? []).slice(0, CLOSED_KEPT);
      this.print.rememberPrinted(extra?.printed ?? []);
      this.#loaded = true;
    }
  }

  #scheduleSave() {
    this.#saver?.schedule();
  }

  /**
   * Live tickets plus the remembered tickets of closed orders: a paid order closes once its
   * tickets are done, before a runner has picked them up, and the pickup view still needs them.
   */
  allTickets(station?: string): Ticket[] {
    const closed = this.#closed.filter((t) => (!station || t.station === station) && !this.#state.orders.has(t.orderId));
    return [...this.#state.tickets(station), ...closed];
  }

  /** How the memory of closed orders' tickets follows the frames (deltaFrames.ts says what each changes). */
  readonly #closedMemory: Partial<LiveChanges> = {
    // Orders that are live again (an undo or a reversal reopened them) are shown from live state.
    orders: (orders) => this.#forget(new Set(orders.map((o) => o.id))),
    // A pickup (or undo) of a ticket whose order already closed: the memory follows it too.
    ticket: (ticket) => {
      if (this.#closed.some((t) => t.id === ticket.id)) this.#closed = this.#closed.map((t) => (t.id === ticket.id ? ticket : t));
    },
    closed: (orderId) => {
      const order = this.#state.orders.get(orderId);
      if (!order) return;
      const gone = new Set(order.tickets.map((t) => t.id));
      this.#closed = keepRecent([...order.tickets, ...this.#closed.filter((t) => !gone.has(t.id))]);
    },
  };

  /** Orders that are live again (a reversal reopened them) are shown from live state instead. */
  #forget(orders: ReadonlySet<string>) {
    if (this.#closed.some((t) => orders.has(t.orderId))) this.#closed = this.#closed.filter((t) => !orders.has(t.orderId));
  }

  /** The live orders and availability. */
  get state(): EventState {
    return this.#state;
  }
  /** The socket: its connection state, and reconnect for tests. */
  get stream(): EventStream<SnapshotFrame | StationSnapshotFrame, DeltaFrame | StationDeltaFrame> {
    return this.#stream;
  }

  /** True once the first snapshot has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }

  start(): () => void {
    if (this.#savedKey) this.#saver = this.#state.keepSaved(this.#savedKey, () => this.#stream.lastSeq, () => ({ closed: this.#closed, printed: this.print.printedTicketIds }));
    this.#stream.open();
    return () => {
      this.#saver?.stop();
      this.#saver = undefined;
      this.#stream.close();
    };
  }
}
