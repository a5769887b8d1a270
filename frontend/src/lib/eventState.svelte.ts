// The live state of the event as the stream tells it: open orders with their tickets, and availability.
// A closed order whose ready tickets nobody has picked up yet stays until they are (closedAt set);
// a snapshot holds open orders only, so after a reload those are gone (see docs/api.md).
// Lists are replaced whole ($state.raw), and an unchanged ticket keeps its object, so a keyed
// {#each} re-renders only what changed.
import type { DeltaFrame, Order, OrderPositions, ProductAvailability, SnapshotFrame, Ticket } from "../../../worker/protocol.ts";

/** How many closed orders with tickets still to carry out a screen keeps (the newest). */
const CLOSED_KEPT = 100;

/** A ticket of this order is ready but nobody has carried it out yet. */
function awaitsPickup(order: Order): boolean {
  return order.tickets.some((t) => t.doneAt !== null && t.pickedUpAt === null && t.items.some((i) => i.voidedQty < i.qty));
}

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
        const order = this.orders.get(frame.orderId);
        if (!order) break;
        const next = new Map(this.orders);
        // A paid order closes once its tickets are done, often before anyone carried them out:
        // it stays here until they are picked up, so ready notices and the pickup list keep it.
        if (awaitsPickup(order)) next.set(order.id, { ...order, closedAt: frame.closedAt });
        else next.delete(order.id);
        this.orders = next;
        this.#forgetPickedUp();
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
    const after = { ...order, tickets };
    const next = new Map(this.orders);
    // A closed order kept for its pickup leaves once everything is carried out.
    if (after.closedAt !== null && !awaitsPickup(after)) next.delete(order.id);
    else next.set(order.id, after);
    this.orders = next;
    for (const listener of this.#listeners) listener(ticket, before);
  }

  /** Closed orders kept for their pickup: at most the newest CLOSED_KEPT, so a screen left open all evening stays small. */
  #forgetPickedUp(): void {
    const kept = [...this.orders.values()].filter((o) => o.closedAt !== null);
    if (kept.length <= CLOSED_KEPT) return;
    const next = new Map(this.orders);
    for (const o of kept.sort((a, b) => a.closedAt! - b.closedAt!).slice(0, kept.length - CLOSED_KEPT)) next.delete(o.id);
    this.orders = next;
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
