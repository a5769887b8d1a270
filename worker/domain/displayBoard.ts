// The guests' pickup display in the coordinator's memory (issue 22): per counter order its number
// and, per station the display covers, whether that ticket is open, done (since when) or gone
// (picked up, or nothing left to make after voids). Kept up to date by the frames the commands
// commit, so GET /api/v1/display and the display's socket cost no database work. Plain code
// without I/O: `state(now)` says what the screen shows at that moment, so the minutes a ready
// number stays are a rule of its own, tested without waiting.
import type { DeltaFrame, DisplayState, Order, Ticket } from "../protocol.ts";

export interface BoardTicket {
  doneAt: number | null;
  /** Picked up, or every item voided: nothing for the guest to wait for here. */
  gone: boolean;
}
export interface BoardOrder {
  number: number;
  createdAt: number;
  /** By station; only the stations the display covers. */
  tickets: Map<string, BoardTicket>;
}

const boardTicket = (t: Pick<Ticket, "doneAt" | "pickedUpAt" | "items">): BoardTicket => ({
  doneAt: t.doneAt,
  gone: t.pickedUpAt !== null || t.items.every((i) => i.voidedQty >= i.qty),
});

export class DisplayBoard {
  readonly orders = new Map<string, BoardOrder>();
  private readonly covered: ReadonlySet<string>;
  private readonly readyMs: number;

  constructor(stations: readonly string[], readyMinutes: number) {
    this.covered = new Set(stations);
    this.readyMs = readyMinutes * 60_000;
  }

  /** Puts a counter order's covered ticket in place (loading, and a ticket of an order it no longer holds). */
  put(orderId: string, head: { number: number; createdAt: number }, station: string, ticket: BoardTicket): void {
    if (!this.covered.has(station)) return;
    let order = this.orders.get(orderId);
    if (!order) this.orders.set(orderId, (order = { ...head, tickets: new Map() }));
    order.tickets.set(station, ticket);
  }

  private placed(order: Order): boolean {
    if (order.counter === null) return false;
    let changed = false;
    for (const t of order.tickets) {
      if (!this.covered.has(t.station)) continue;
      this.put(order.id, order, t.station, boardTicket(t));
      changed = true;
    }
    return changed;
  }

  private ticket(ticket: Ticket): boolean {
    if (ticket.counter === null || !this.covered.has(ticket.station)) return false;
    this.put(ticket.orderId, { number: ticket.number, createdAt: ticket.createdAt }, ticket.station, boardTicket(ticket));
    return true;
  }

  /** Applies a committed frame; true when it may have changed what the display shows. */
  apply(frame: DeltaFrame): boolean {
    switch (frame.type) {
      case "order.placed":
        return this.placed(frame.order);
      case "item.bumped":
      case "item.reopened":
      case "ticket.bumped":
      case "ticket.reopened":
      case "ticket.picked_up":
      case "item.voided":
        return this.ticket(frame.ticket);
      default:
        return false;
    }
  }

  /**
   * What the display shows at `now`: preparing oldest first, ready newest first. Orders with
   * nothing left to wait for (all gone, or ready longer than the configured minutes) are dropped
   * from memory here. `nextChange`: when a ready number times out next (undefined: none is ready).
   */
  state(now: number): DisplayState & { nextChange: number | undefined } {
    const preparing: { number: number; at: number }[] = [];
    const ready: { number: number; at: number }[] = [];
    let nextChange: number | undefined;
    for (const [id, order] of this.orders) {
      const live = [...order.tickets.values()].filter((t) => !t.gone);
      if (!live.length) {
        this.orders.delete(id);
        continue;
      }
      if (live.some((t) => t.doneAt === null)) {
        preparing.push({ number: order.number, at: order.createdAt });
        continue;
      }
      const readyAt = Math.max(...live.map((t) => t.doneAt!));
      const until = readyAt + this.readyMs;
      if (now >= until) {
        this.orders.delete(id);
        continue;
      }
      ready.push({ number: order.number, at: readyAt });
      nextChange = Math.min(nextChange ?? until, until);
    }
    preparing.sort((a, b) => a.at - b.at || a.number - b.number);
    ready.sort((a, b) => b.at - a.at || b.number - a.number);
    return { preparing: preparing.map((p) => p.number), ready: ready.map((r) => r.number), nextChange };
  }
}
