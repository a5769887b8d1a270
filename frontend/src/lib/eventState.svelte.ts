// The live state of the event as the stream tells it: open orders with their tickets, and availability.
// Lists are replaced whole ($state.raw), and an unchanged ticket keeps its object, so a keyed
// {#each} re-renders only what changed.
import type { DeltaFrame, Order, OrderPositions, ProductAvailability, SnapshotFrame, Ticket } from "../../../worker/protocol.ts";

export class EventState {
  orders = $state.raw(new Map<string, Order>());
  availability = $state.raw(new Map<string, ProductAvailability>());
  menuVersion = $state(0);
  /** Bumped on every applied frame; handy for "something changed" effects. */
  revision = $state(0);

  /** Ticket ids that went from open to done since the page loaded (for ready notices). */
  readonly #listeners = new Set<(ticket: Ticket, before: Ticket | undefined) => void>();

  onTicketChange(listener: (ticket: Ticket, before: Ticket | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  applySnapshot(frame: SnapshotFrame): void {
    this.orders = new Map(frame.orders.map((o) => [o.id, o]));
    this.availability = new Map(frame.availability.map((a) => [a.product, a]));
    this.menuVersion = frame.menuVersion;
    this.revision++;
  }

  applyDelta(frame: DeltaFrame): void {
    switch (frame.type) {
      case "order.placed":
        this.orders = new Map(this.orders).set(frame.order.id, frame.order);
        break;
      case "availability.changed": {
        const next = new Map(this.availability);
        for (const a of frame.availability) next.set(a.product, a);
        this.availability = next;
        this.menuVersion = frame.menuVersion;
        break;
      }
      case "payment.recorded":
        this.#applyPositions(frame.positions);
        break;
      case "table.moved":
        this.#applyPositions(frame.positions);
        for (const ticket of frame.tickets) this.#applyTicket(ticket);
        break;
      case "payment.reversed": {
        const next = new Map(this.orders);
        for (const o of frame.reopened) next.set(o.id, o);
        this.orders = next;
        this.#applyPositions(frame.positions);
        break;
      }
      case "order.closed": {
        if (!this.orders.has(frame.orderId)) break;
        const next = new Map(this.orders);
        next.delete(frame.orderId);
        this.orders = next;
        break;
      }
      case "settlement.recorded":
        break;
      case "item.voided":
        this.#applyTicket(frame.ticket);
        this.#applyPositions(frame.positions);
        break;
      default:
        // An undo that reopened a closed order brings the order back whole (with this ticket in it).
        if (frame.reopened) this.orders = new Map(this.orders).set(frame.reopened.id, frame.reopened);
        this.#applyTicket(frame.ticket);
    }
    this.revision++;
  }

  #applyTicket(ticket: Ticket): void {
    const order = this.orders.get(ticket.orderId);
    if (!order) return;
    const before = order.tickets.find((t) => t.id === ticket.id);
    const tickets = order.tickets.map((t) => (t.id === ticket.id ? ticket : t));
    this.orders = new Map(this.orders).set(order.id, { ...order, tickets });
    for (const listener of this.#listeners) listener(ticket, before);
  }

  /** Money frames carry each touched order's positions whole: replace them. */
  #applyPositions(list: OrderPositions[]): void {
    let next: Map<string, Order> | undefined;
    for (const p of list) {
      const order = (next ?? this.orders).get(p.order);
      if (!order) continue;
      next ??= new Map(this.orders);
      next.set(order.id, { ...order, positions: p.positions, closedAt: p.closedAt });
    }
    if (next) this.orders = next;
  }

  /** Every ticket of every open order, optionally for one station. */
  tickets(station?: string): Ticket[] {
    const out: Ticket[] = [];
    for (const order of this.orders.values()) for (const t of order.tickets) if (!station || t.station === station) out.push(t);
    return out;
  }
}
