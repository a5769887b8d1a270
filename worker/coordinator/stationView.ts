// What a station socket gets: the event's frames cut down to one station's screen (see
// StationDeltaFrame in protocol/frames.ts). Pure functions, so the snapshot, the catch-up and the
// live broadcast all cut the same way.
import type {
  DeltaFrame,
  Order,
  OrderItem,
  StationDeltaFrame,
  StationItem,
  StationOrder,
  StationSnapshotFrame,
  StationTicketChange,
  Ticket,
} from "../protocol.ts";

/** What a frame names once for all its tickets: product names, and waiters by position. */
class FrameNames {
  readonly names: Record<string, string> = {};
  readonly waiters: string[] = [];
  private readonly waiterAt = new Map<string, number>();

  waiter(name: string): number {
    let at = this.waiterAt.get(name);
    if (at === undefined) this.waiterAt.set(name, (at = this.waiters.push(name) - 1));
    return at;
  }
}

function leanItem(item: OrderItem, { names }: FrameNames): StationItem {
  const out: StationItem = { line: item.line, product: item.product };
  if (item.qty !== 1) out.qty = item.qty;
  // The first name seen for a product goes into the frame's names; a different one (the menu
  // was renamed since) stays on the line.
  names[item.product] ??= item.name;
  if (names[item.product] !== item.name) out.name = item.name;
  if (item.voidedQty) out.voidedQty = item.voidedQty;
  if (item.note) out.note = item.note;
  if (item.options.length) out.options = item.options;
  if (item.doneAt !== null) out.doneAt = item.doneAt;
  return out;
}

/** A ticket after a change: the station's own whole (without prices), another station's as done or not. */
function leanChange(ticket: Ticket, station: string, names: FrameNames): StationTicketChange {
  const out: StationTicketChange = { id: ticket.id, orderId: ticket.orderId, station: ticket.station };
  if (ticket.doneAt !== null) out.doneAt = ticket.doneAt;
  if (ticket.pickedUpAt !== null) out.pickedUpAt = ticket.pickedUpAt;
  if (ticket.station !== station) return out;
  out.table = ticket.table;
  out.items = ticket.items.map((i) => leanItem(i, names));
  return out;
}

/** The order as the station's screen needs it, or undefined when the station has no ticket in it. */
export function stationOrder(order: Order, station: string, names: FrameNames): StationOrder | undefined {
  const own = order.tickets.find((t) => t.station === station);
  if (!own) return undefined;
  const out: StationOrder = { id: order.id, table: order.table, waiter: names.waiter(order.waiter), createdAt: order.createdAt, items: [] };
  if (order.closedAt !== null) out.closedAt = order.closedAt;
  if (own.doneAt !== null) out.doneAt = own.doneAt;
  if (own.pickedUpAt !== null) out.pickedUpAt = own.pickedUpAt;
  if (own.table !== order.table) out.ticketTable = own.table;
  out.items = own.items.map((i) => leanItem(i, names));
  const others = order.tickets.filter((t) => t !== own);
  if (others.length) out.others = Object.fromEntries(others.map((t) => [t.station, t.doneAt !== null]));
  return out;
}

export function stationSnapshot(station: string, seq: number, menuVersion: number, orders: Order[], now: number): StationSnapshotFrame {
  const names = new FrameNames();
  const lean: StationOrder[] = [];
  for (const order of orders) {
    const o = stationOrder(order, station, names);
    if (o) lean.push(o);
  }
  return { type: "snapshot", station, seq, now, menuVersion, names: names.names, waiters: names.waiters, orders: lean };
}

/**
 * The frame cut down for a station socket, or undefined when its screen does not need it. Other
 * stations' ticket changes come as done or not (their orders may have this station's ticket too:
 * the screen shows what the others still make); orders without this station's ticket do not come.
 */
export function stationFrame(frame: DeltaFrame, station: string): StationDeltaFrame | undefined {
  const lean = new FrameNames();
  const { names, waiters } = lean;
  switch (frame.type) {
    case "order.placed": {
      const order = stationOrder(frame.order, station, lean);
      return order && { type: frame.type, seq: frame.seq, names, waiters, order };
    }
    case "item.bumped":
    case "item.reopened":
    case "ticket.bumped":
    case "ticket.reopened":
    case "ticket.picked_up": {
      const reopened = frame.reopened && stationOrder(frame.reopened, station, lean);
      const ticket = leanChange(frame.ticket, station, lean);
      return { type: frame.type, seq: frame.seq, names, waiters, ticket, by: frame.by, ...(reopened ? { reopened } : {}) };
    }
    case "item.voided":
      return { type: frame.type, seq: frame.seq, names, waiters, void: frame.void, ticket: leanChange(frame.ticket, station, lean), positions: frame.ticket.station === station ? frame.positions : [] };
    case "table.moved": {
      const tickets = frame.tickets.filter((t) => t.station === station).map((t) => leanChange(t, station, lean));
      return tickets.length ? { type: frame.type, seq: frame.seq, names, waiters, move: frame.move, tickets } : undefined;
    }
    case "payment.reversed": {
      const reopened = frame.reopened.map((o) => stationOrder(o, station, lean)).filter((o) => o !== undefined);
      return reopened.length ? { type: frame.type, seq: frame.seq, names, waiters, payment: frame.payment, reopened } : undefined;
    }
    case "order.closed":
    case "event.started":
      return frame;
    // A station's screen shows the names its tickets were ordered with, not the menu.
    case "menu.changed":
    case "availability.changed":
    case "payment.recorded":
    case "settlement.recorded":
      return undefined;
  }
}
