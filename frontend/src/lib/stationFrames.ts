// A station socket's lean frames (protocol/frames.ts, "A station socket") expanded into the
// shapes the rest of the page uses, so the station screens keep working on Order and Ticket.
// What the station is not sent (prices, categories, bill positions) is filled with neutral values
// that no station view reads; another station's ticket is done or not (its doneAt is then the
// order's time: only whether it is set is read).
import type {
  DeltaFrame,
  Order,
  OrderItem,
  ProductAvailability,
  SnapshotFrame,
  StationDeltaFrame,
  StationItem,
  StationOrder,
  StationSnapshotFrame,
  StationTicket,
  StationTicketChange,
  Ticket,
} from "../../../worker/protocol.ts";

/** A frame's product names, and its waiters' names by position (StationOrder.waiter). */
type Names = { names: Record<string, string>; waiters: readonly string[] };
type OrderHead = Pick<Order, "id" | "table" | "waiter" | "createdAt">;

function item(i: StationItem, station: string, names: Names): OrderItem {
  return {
    line: i.line,
    product: i.product,
    name: i.name ?? names.names[i.product] ?? i.product,
    unitCents: 0,
    depositCents: 0,
    category: "",
    station,
    qty: i.qty ?? 1,
    voidedQty: i.voidedQty ?? 0,
    note: i.note ?? "",
    options: i.options ?? [],
    doneAt: i.doneAt ?? null,
  };
}

function ticket(t: StationTicket, order: OrderHead, names: Names, before?: Ticket): Ticket {
  return {
    id: `${order.id}.${t.station}`,
    orderId: order.id,
    station: t.station,
    table: t.table ?? before?.table ?? order.table,
    waiter: order.waiter,
    createdAt: order.createdAt,
    doneAt: t.doneAt ?? null,
    pickedUpAt: t.pickedUpAt ?? null,
    items: (t.items ?? []).map((i) => item(i, t.station, names)),
  };
}

/** The order with the station's ticket whole and the other stations' tickets as done (doneAt set) or not. */
function order(o: StationOrder, station: string, names: Names): Order {
  const head: OrderHead = { id: o.id, table: o.table, waiter: names.waiters[o.waiter] ?? "", createdAt: o.createdAt };
  const own: StationTicket = { station, table: o.ticketTable, doneAt: o.doneAt, pickedUpAt: o.pickedUpAt, items: o.items };
  const others = Object.entries(o.others ?? {}).map(([s, done]): StationTicket => ({ station: s, doneAt: done ? o.createdAt : undefined }));
  return {
    id: o.id,
    seq: 0,
    table: o.table,
    waiter: head.waiter,
    menuVersion: 0,
    createdAt: o.createdAt,
    totalCents: 0,
    tickets: [own, ...others].map((t) => ticket(t, head, names)),
    positions: [],
    closedAt: o.closedAt ?? null,
  };
}

export function expandStationSnapshot(frame: StationSnapshotFrame, availability: ReadonlyMap<string, ProductAvailability>): SnapshotFrame {
  const orders = frame.orders.map((o) => order(o, frame.station, frame));
  return { type: "snapshot", seq: frame.seq, now: frame.now, menuVersion: frame.menuVersion, availability: [...availability.values()], orders };
}

/**
 * The ticket after a change, completed from the order this page holds (or, for an order that
 * closed, from the ticket it still remembers); of an unknown order it is of no use: undefined.
 */
function change(t: StationTicketChange, orders: ReadonlyMap<string, Order>, names: Names, alsoKnown: readonly Ticket[] = []): Ticket | undefined {
  const known = orders.get(t.orderId);
  if (known) return ticket(t, known, names, known.tickets.find((k) => k.id === t.id));
  const remembered = alsoKnown.find((k) => k.id === t.id);
  return remembered && ticket(t, { id: t.orderId, table: remembered.table, waiter: remembered.waiter, createdAt: remembered.createdAt }, names, remembered);
}

/** `station`: the station the socket is for (from its snapshot). */
export function expandStationDelta(frame: StationDeltaFrame, station: string, orders: ReadonlyMap<string, Order>, alsoKnown: readonly Ticket[] = []): DeltaFrame | undefined {
  if (frame.type === "order.closed" || frame.type === "event.started") return frame;
  const names = frame;
  switch (frame.type) {
    case "order.placed":
      return { type: frame.type, seq: frame.seq, order: order(frame.order, station, names) };
    case "item.voided": {
      const t = change(frame.ticket, orders, names);
      return t && { type: frame.type, seq: frame.seq, void: frame.void, ticket: t, positions: frame.positions };
    }
    case "table.moved":
      return { type: frame.type, seq: frame.seq, move: frame.move, positions: [], tickets: frame.tickets.map((t) => change(t, orders, names)).filter((t) => t !== undefined) };
    case "payment.reversed":
      return { type: frame.type, seq: frame.seq, payment: frame.payment, positions: [], reopened: frame.reopened.map((o) => order(o, station, names)) };
    default: {
      // An undo that reopened a closed order brings it back whole: its ticket is read from there.
      const reopened = frame.reopened && order(frame.reopened, station, names);
      const t = change(frame.ticket, reopened ? new Map([[reopened.id, reopened]]) : orders, names, alsoKnown);
      return t && { type: frame.type, seq: frame.seq, ticket: t, by: frame.by, ...(reopened ? { reopened } : {}) };
    }
  }
}
