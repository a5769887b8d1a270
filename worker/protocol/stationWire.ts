// The station socket's lean shape (StationSnapshotFrame, StationDeltaFrame in frames.ts), both
// ways: the worker encodes the event's frames for one station's screen, and the station screens
// and the load scripts decode them back into Order and Ticket. One module, so a new ticket field
// is written once. Pure functions without zod: the frontend imports this file as a value.
//
// Frames are told apart by what they carry (an order, a ticket, tickets, reopened orders), not by
// their type names, which stay where a frame is defined, made and read; TypeScript narrows on
// `"ticket" in frame` as it would on the type. What a station is not sent (prices, categories,
// bill positions but for the parts of lines a move split, `tables`) decodes as neutral values
// that no station view reads; another station's ticket
// is done or not (its doneAt is then the order's time: only whether it is set is read).
import type { Order, OrderItem, ProductAvailability, Ticket } from "./entities.ts";
import type { BillPosition, OrderPositions } from "./money.ts";
import { isSplit, partsOf } from "./lineTables.ts";
import type { DeltaFrame, SnapshotFrame, StationDeltaFrame, StationItem, StationOrder, StationSnapshotFrame, StationTicket, StationTicketChange } from "./frames.ts";
import { parseTicketId, ticketId } from "./ticketId.ts";
import type { PrintChangedFrame } from "./print.ts";

// ---------------------------------------------------------------------------------------------
// Encoding (the worker): the snapshot, the catch-up and the live broadcast all cut the same way.

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

/** `positions`: the order's, when the frame knows them; a line a move split carries its parts (`tables`). */
function encodeItem(item: OrderItem, { names }: FrameNames, table: string, positions: readonly BillPosition[] = []): StationItem {
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
  const parts = partsOf(item, positions, table);
  if (positions.length && isSplit(parts, table)) out.tables = parts;
  return out;
}

/** A ticket after a change: the station's own whole (without prices), another station's as done or not. */
function encodeChange(ticket: Ticket, station: string, names: FrameNames, positions?: readonly BillPosition[]): StationTicketChange {
  const out: StationTicketChange = { id: ticket.id, orderId: ticket.orderId, station: ticket.station };
  if (ticket.doneAt !== null) out.doneAt = ticket.doneAt;
  if (ticket.pickedUpAt !== null) out.pickedUpAt = ticket.pickedUpAt;
  if (ticket.station !== station) return out;
  out.table = ticket.table;
  out.items = ticket.items.map((i) => encodeItem(i, names, ticket.table, positions));
  return out;
}

/** The order as the station's screen needs it, or undefined when the station has no ticket in it. */
function encodeOrder(order: Order, station: string, names: FrameNames, printed?: ReadonlySet<string>): StationOrder | undefined {
  const own = order.tickets.find((t) => t.station === station);
  if (!own) return undefined;
  const out: StationOrder = { id: order.id, table: order.table, number: order.number, waiter: names.waiter(order.waiter), createdAt: order.createdAt, items: [] };
  if (order.counter !== null) out.counter = order.counter;
  if (order.closedAt !== null) out.closedAt = order.closedAt;
  if (own.doneAt !== null) out.doneAt = own.doneAt;
  if (own.pickedUpAt !== null) out.pickedUpAt = own.pickedUpAt;
  if (own.table !== order.table) out.ticketTable = own.table;
  if (printed?.has(own.id)) out.printed = true;
  out.items = own.items.map((i) => encodeItem(i, names, own.table, order.positions));
  const others = order.tickets.filter((t) => t !== own);
  if (others.length) out.others = Object.fromEntries(others.map((t) => [t.station, t.doneAt !== null]));
  return out;
}

/** `printed`: the ids of tickets that printed at their station's printer (issue 21). */
export function encodeStationSnapshot(station: string, seq: number, menuVersion: number, orders: Order[], now: number, printed?: ReadonlySet<string>): StationSnapshotFrame {
  const names = new FrameNames();
  const lean: StationOrder[] = [];
  for (const order of orders) {
    const o = encodeOrder(order, station, names, printed);
    if (o) lean.push(o);
  }
  return { type: "snapshot", station, seq, now, menuVersion, names: names.names, waiters: names.waiters, orders: lean };
}

/**
 * The frame cut down for a station socket, or undefined when its screen does not need it: orders
 * without this station's ticket, moves of other stations' tickets, and frames that carry neither
 * orders nor tickets (the menu, availability, payments, settlements) do not come. Other
 * stations' ticket changes come as done or not (their orders may have this station's ticket too:
 * the screen shows what the others still make). An order's closing and a new event come as they are.
 */
export function encodeStationDelta(frame: DeltaFrame, station: string): StationDeltaFrame | undefined {
  if (frame.type === "print.changed") return encodePrintChange(frame, station);
  if ("event" in frame) return frame;
  // order.closed as it is, without the phones' table figures.
  if ("orderId" in frame) return { type: frame.type, seq: frame.seq, orderId: frame.orderId, closedAt: frame.closedAt };
  const lean = new FrameNames();
  const { names, waiters } = lean;
  if ("order" in frame) {
    const order = encodeOrder(frame.order, station, lean);
    return order && { type: frame.type, seq: frame.seq, names, waiters, order };
  }
  if ("by" in frame) {
    const reopened = frame.reopened && encodeOrder(frame.reopened, station, lean);
    const ticket = encodeChange(frame.ticket, station, lean);
    return { type: frame.type, seq: frame.seq, names, waiters, ticket, by: frame.by, ...(reopened ? { reopened } : {}) };
  }
  if ("void" in frame) {
    const ticket = encodeChange(frame.ticket, station, lean);
    return { type: frame.type, seq: frame.seq, names, waiters, void: frame.void, ticket, positions: frame.ticket.station === station ? frame.positions : [] };
  }
  if ("tickets" in frame) {
    const positionsOf = (t: Ticket) => frame.positions.find((p) => p.order === t.orderId)?.positions;
    const tickets = frame.tickets.filter((t) => t.station === station).map((t) => encodeChange(t, station, lean, positionsOf(t)));
    return tickets.length ? { type: frame.type, seq: frame.seq, names, waiters, move: frame.move, tickets } : undefined;
  }
  if ("reopened" in frame) {
    const reopened = frame.reopened.map((o) => encodeOrder(o, station, lean)).filter((o) => o !== undefined);
    return reopened.length ? { type: frame.type, seq: frame.seq, names, waiters, payment: frame.payment, reopened } : undefined;
  }
  return undefined;
}

/** A print change as one station's screen needs it: its own tickets' jobs, its printers; undefined when neither changed. */
function encodePrintChange(frame: PrintChangedFrame, station: string): PrintChangedFrame | undefined {
  const jobs = frame.jobs.filter((j) => j.ticketId !== null && parseTicketId(j.ticketId)?.station === station);
  const printers = frame.printers.filter((p) => p.stations.includes(station));
  return jobs.length || printers.length ? { ...frame, jobs, printers } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Decoding (the station screens, the load scripts): back into the shapes the rest of a page uses.

/** A frame's product names, and its waiters' names by position (StationOrder.waiter). */
type Names = { names: Record<string, string>; waiters: readonly string[] };
type OrderHead = Pick<Order, "id" | "table" | "number" | "counter" | "waiter" | "createdAt">;

function decodeItem(i: StationItem, station: string, names: Names): OrderItem {
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

function decodeTicket(t: StationTicket, order: OrderHead, names: Names, before?: Ticket): Ticket {
  return {
    id: ticketId(order.id, t.station),
    orderId: order.id,
    station: t.station,
    table: t.table ?? before?.table ?? order.table,
    number: order.number,
    counter: order.counter,
    waiter: order.waiter,
    createdAt: order.createdAt,
    doneAt: t.doneAt ?? null,
    pickedUpAt: t.pickedUpAt ?? null,
    items: (t.items ?? []).map((i) => decodeItem(i, t.station, names)),
    ...(t.printed ? { printed: true } : {}),
  };
}

/** The positions a station screen holds of its lines: only the parts of split lines (partsOf reads the rest as whole at the ticket's table). */
function splitPositions(items: readonly StationItem[] = []): BillPosition[] {
  return items.flatMap((i) => (i.tables ?? []).map((p) => ({ line: i.line, table: p.table, qty: p.qty, paidQty: 0, voidedQty: 0 })));
}

/** The order with the station's ticket whole and the other stations' tickets as done (doneAt set) or not. */
function decodeOrder(o: StationOrder, station: string, names: Names): Order {
  const head: OrderHead = { id: o.id, table: o.table, number: o.number ?? 0, counter: o.counter ?? null, waiter: names.waiters[o.waiter] ?? "", createdAt: o.createdAt };
  const own: StationTicket = { station, table: o.ticketTable, doneAt: o.doneAt, pickedUpAt: o.pickedUpAt, items: o.items, printed: o.printed };
  const others = Object.entries(o.others ?? {}).map(([s, done]): StationTicket => ({ station: s, doneAt: done ? o.createdAt : undefined }));
  return {
    id: o.id,
    seq: 0,
    table: o.table,
    number: head.number,
    counter: head.counter,
    waiter: head.waiter,
    menuVersion: 0,
    createdAt: o.createdAt,
    totalCents: 0,
    tickets: [own, ...others].map((t) => decodeTicket(t, head, names)),
    positions: splitPositions(o.items),
    closedAt: o.closedAt ?? null,
  };
}

/** A station's snapshot as a whole one; it carries no availability, so the page passes what it has. */
export function decodeStationSnapshot(frame: StationSnapshotFrame, availability: readonly ProductAvailability[] = []): SnapshotFrame {
  const orders = frame.orders.map((o) => decodeOrder(o, frame.station, frame));
  return { type: "snapshot", seq: frame.seq, now: frame.now, menuVersion: frame.menuVersion, availability: [...availability], orders };
}

/**
 * The ticket after a change, completed from the order the page holds (or, for an order that
 * closed, from the ticket it still remembers); of an unknown order it is of no use: undefined.
 */
function decodeChange(t: StationTicketChange, orders: ReadonlyMap<string, Order>, names: Names, alsoKnown: readonly Ticket[] = []): Ticket | undefined {
  const known = orders.get(t.orderId);
  if (known) return decodeTicket(t, known, names, known.tickets.find((k) => k.id === t.id));
  const remembered = alsoKnown.find((k) => k.id === t.id);
  return remembered && decodeTicket(t, { id: t.orderId, table: remembered.table, number: remembered.number, counter: remembered.counter, waiter: remembered.waiter, createdAt: remembered.createdAt }, names, remembered);
}

/**
 * A station's frame in the whole shape, completed from what the page knows: `orders` it holds and
 * tickets it remembers of closed orders (`alsoKnown`). Undefined when it concerns nothing known.
 * `station`: the station the socket is for (from its snapshot).
 */
export function decodeStationDelta(frame: StationDeltaFrame, station: string, orders: ReadonlyMap<string, Order>, alsoKnown: readonly Ticket[] = []): DeltaFrame | undefined {
  if (!("names" in frame)) return frame;
  if ("order" in frame) return { type: frame.type, seq: frame.seq, order: decodeOrder(frame.order, station, frame) };
  if ("by" in frame) {
    // An undo that reopened a closed order brings it back whole: its ticket is read from there.
    const reopened = frame.reopened && decodeOrder(frame.reopened, station, frame);
    const t = decodeChange(frame.ticket, reopened ? new Map([[reopened.id, reopened]]) : orders, frame, alsoKnown);
    return t && { type: frame.type, seq: frame.seq, ticket: t, by: frame.by, ...(reopened ? { reopened } : {}) };
  }
  if ("void" in frame) {
    const t = decodeChange(frame.ticket, orders, frame);
    return t && { type: frame.type, seq: frame.seq, void: frame.void, ticket: t, positions: frame.positions };
  }
  if ("tickets" in frame) {
    const tickets = frame.tickets.map((t) => decodeChange(t, orders, frame)).filter((t) => t !== undefined);
    // The parts of the screen's lines after the move, replacing what it held of those orders.
    const positions = frame.tickets
      .filter((t) => orders.has(t.orderId))
      .map((t): OrderPositions => ({ order: t.orderId, closedAt: orders.get(t.orderId)!.closedAt, positions: splitPositions(t.items) }));
    return { type: frame.type, seq: frame.seq, move: frame.move, positions, tickets };
  }
  return { type: frame.type, seq: frame.seq, payment: frame.payment, positions: [], reopened: frame.reopened.map((o) => decodeOrder(o, station, frame)) };
}
