// The live event for the station screens: one EventState fed by one EventStream (a station's
// screen gets the station's cut of the stream). Applying a frame twice is harmless: the stream
// drops seq numbers it has seen, order.placed sets the order by id, and every ticket frame carries
// the whole ticket, which replaces the old one. The state is kept in sessionStorage, so a reload
// shows it at once and resumes with `since` instead of taking a snapshot.
import { EventState } from "../lib/eventState.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";
import type { DeltaFrame, SnapshotFrame, StationDeltaFrame, StationSnapshotFrame, Ticket, TicketChangedFrame } from "../../../worker/protocol.ts";
import { clock } from "./clock.svelte.ts";

/** The latest time stamped on a ticket: the moment of the change a frame reports. */
function latest(ticket: Ticket): number {
  let max = Math.max(ticket.createdAt, ticket.doneAt ?? 0, ticket.pickedUpAt ?? 0);
  for (const item of ticket.items) max = Math.max(max, item.doneAt ?? 0);
  return max;
}

/** When the change a frame reports happened, if the frame says so. */
function changedAt(frame: DeltaFrame): number | undefined {
  switch (frame.type) {
    case "order.placed":
      return frame.order.createdAt;
    case "availability.changed":
    case "menu.changed":
    case "event.started":
      return undefined;
    case "payment.recorded":
    case "payment.reversed":
      return frame.payment.reversal?.at ?? frame.payment.createdAt;
    case "item.voided":
      return frame.void.createdAt;
    case "table.moved":
      return frame.move.createdAt;
    case "order.closed":
      return frame.closedAt;
    case "settlement.recorded":
      return frame.settlement.createdAt;
    default:
      return latest(frame.ticket);
  }
}

const TICKET_CHANGES: ReadonlySet<DeltaFrame["type"]> = new Set<TicketChangedFrame["type"]>(["item.bumped", "item.reopened", "ticket.bumped", "ticket.reopened", "ticket.picked_up"]);
const isTicketChange = (frame: DeltaFrame): frame is TicketChangedFrame => TICKET_CHANGES.has(frame.type);

/** How many picked-up tickets of closed orders the screens remember for their "recently done" lists. */
const CLOSED_KEPT = 30;

/** Every ticket still waiting for a runner, and the newest picked-up ones. */
function keepRecent(tickets: Ticket[]): Ticket[] {
  let picked = 0;
  return tickets.filter((t) => t.pickedUpAt === null || ++picked <= CLOSED_KEPT);
}

export class BarLive {
  readonly state = new EventState();
  readonly stream: EventStream<SnapshotFrame | StationSnapshotFrame, DeltaFrame | StationDeltaFrame>;
  #loaded = $state(false);
  /** Tickets of orders that closed while this screen watched, newest first. */
  #closed = $state.raw<Ticket[]>([]);
  readonly #savedKey: string | undefined;
  #saver: ReturnType<EventState["keepSaved"]> | undefined;

  /** `savedKey`: where the state is kept across reloads (savedStateKey), or undefined for nowhere. */
  constructor(station: string | undefined, onUnauthorized: (reason?: string) => void, savedKey?: string) {
    this.#savedKey = savedKey;
    this.stream = new EventStream<SnapshotFrame | StationSnapshotFrame, DeltaFrame | StationDeltaFrame>(
      {
        onSnapshot: (frame) => {
          this.state.applySnapshot(frame);
          this.#forget(new Set(frame.orders.map((o) => o.id)));
          clock.observe(frame.now);
          this.#loaded = true;
          this.#scheduleSave();
        },
        onDelta: (input) => {
          const frame = this.state.expand(input, this.#closed);
          if (!frame) return;
          this.#keepClosed(frame);
          this.state.applyDelta(frame);
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
    );
    const saved = savedKey ? this.state.restore(savedKey) : undefined;
    if (saved) {
      this.stream.lastSeq = saved.seq;
      this.#closed = ((saved.extra as { closed?: Ticket[] } | undefined)?.closed ?? []).slice(0, CLOSED_KEPT);
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
    const closed = this.#closed.filter((t) => (!station || t.station === station) && !this.state.orders.has(t.orderId));
    return [...this.state.tickets(station), ...closed];
  }

  #keepClosed(frame: DeltaFrame) {
    if (frame.type === "payment.reversed") return this.#forget(new Set(frame.reopened.map((o) => o.id)));
    if (isTicketChange(frame)) {
      if (frame.reopened) return this.#forget(new Set([frame.reopened.id]));
      // A pickup (or undo) of a ticket whose order already closed: the memory follows it too.
      const ticket = frame.ticket;
      if (this.#closed.some((t) => t.id === ticket.id)) this.#closed = this.#closed.map((t) => (t.id === ticket.id ? ticket : t));
      return;
    }
    if (frame.type !== "order.closed") return;
    const order = this.state.orders.get(frame.orderId);
    if (!order) return;
    const gone = new Set(order.tickets.map((t) => t.id));
    this.#closed = keepRecent([...order.tickets, ...this.#closed.filter((t) => !gone.has(t.id))]);
  }

  /** Orders that are live again (a reversal reopened them) are shown from live state instead. */
  #forget(orders: ReadonlySet<string>) {
    if (this.#closed.some((t) => orders.has(t.orderId))) this.#closed = this.#closed.filter((t) => !orders.has(t.orderId));
  }

  /** True once the first snapshot has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }

  start(): () => void {
    if (this.#savedKey) this.#saver = this.state.keepSaved(this.#savedKey, () => this.stream.lastSeq, () => ({ closed: this.#closed }));
    this.stream.open();
    return () => {
      this.#saver?.stop();
      this.#saver = undefined;
      this.stream.close();
    };
  }
}
