// Pure bill arithmetic over whole orders: which quantities of which lines lie open on which table,
// taking some of them as paid or voided, moving them, and when an order closes. Every function
// returns new objects and never changes its input, so a refused command leaves nothing behind.
import { fail, type Failure } from "../errors.ts";
import { openQtyOf, type BillPosition, type ItemRef, type Order, type OrderItem, type OrderPositions } from "../protocol.ts";

export type Ledger = Map<string, Order>;
type Field = "paidQty" | "voidedQty";

export function itemOf(order: Order, line: number): OrderItem | undefined {
  for (const t of order.tickets) for (const i of t.items) if (i.line === line) return i;
  return undefined;
}

export function positionOf(order: Order, line: number, table: string): BillPosition | undefined {
  return order.positions.find((p) => p.line === line && p.table === table);
}

/** Refs that name an order or line this ledger does not have: a 404 naming the first. */
export function checkRefsExist(ledger: Ledger, refs: readonly Pick<ItemRef, "order" | "line">[], path = "items"): Failure | undefined {
  for (const [i, ref] of refs.entries()) {
    const order = ledger.get(ref.order);
    if (!order) return fail("NOT_FOUND", `no order "${ref.order}"`, `${path}[${i}].order`);
    if (!itemOf(order, ref.line)) return fail("NOT_FOUND", `order ${ref.order} has no line ${ref.line}`, `${path}[${i}].line`);
  }
  return undefined;
}

function withPosition(order: Order, next: BillPosition): Order {
  const found = order.positions.some((p) => p.line === next.line && p.table === next.table);
  const positions = found ? order.positions.map((p) => (p.line === next.line && p.table === next.table ? next : p)) : [...order.positions, next];
  return { ...order, positions: positions.filter((p) => p.qty > 0) };
}

/** Every ref must be open on `table` in full; the failure names every line that is short. */
export function checkOpen(ledger: Ledger, table: string, refs: readonly ItemRef[], path = "items"): Failure | undefined {
  const short: { order: string; line: number; table: string; openQty: number }[] = [];
  for (const ref of refs) {
    const position = positionOf(ledger.get(ref.order)!, ref.line, table);
    const open = position ? openQtyOf(position) : 0;
    if (open < ref.qty) short.push({ order: ref.order, line: ref.line, table, openQty: open });
  }
  if (!short.length) return undefined;
  const what = short.map((s) => `line ${s.line} of order ${s.order.slice(0, 8)} (${s.openQty} open)`).join(", ");
  return fail("NOT_OPEN", `not open on table ${table} in that amount: ${what}; someone may have paid or voided it meanwhile`, path, { lines: short });
}

/** Marks `qty` of each ref on `table` as paid or voided; nothing is taken unless all of it is open. */
export function takeOpen(ledger: Ledger, table: string, refs: readonly ItemRef[], field: Field, path = "items"): Failure | Ledger {
  const short = checkOpen(ledger, table, refs, path);
  if (short) return short;
  const next = new Map(ledger);
  for (const ref of refs) {
    const order = next.get(ref.order)!;
    const position = positionOf(order, ref.line, table)!;
    next.set(order.id, withPosition(order, { ...position, [field]: position[field] + ref.qty }));
  }
  return next;
}

/** Gives back what a payment had taken: its quantities are open again. */
export function giveBack(ledger: Ledger, items: readonly (ItemRef & { table: string })[], field: Field): Ledger {
  const next = new Map(ledger);
  for (const item of items) {
    const order = next.get(item.order);
    if (!order) continue;
    const position = positionOf(order, item.line, item.table);
    if (position) next.set(order.id, withPosition(order, { ...position, [field]: Math.max(0, position[field] - item.qty) }));
  }
  return next;
}

/** Every open quantity on `table`, as refs (for "move the whole table" and "pay everything"). */
export function openRefsOn(ledger: Ledger, table: string): ItemRef[] {
  const refs: ItemRef[] = [];
  for (const order of ledger.values())
    for (const p of order.positions) if (p.table === table && openQtyOf(p) > 0) refs.push({ order: order.id, line: p.line, qty: openQtyOf(p) });
  return refs;
}

/** Moves open quantities from one table's bill to another's; fails like takeOpen when one is short. */
export function moveOpen(ledger: Ledger, from: string, to: string, refs: readonly ItemRef[]): Failure | Ledger {
  const short = checkOpen(ledger, from, refs);
  if (short) return short;
  const next = new Map(ledger);
  for (const ref of refs) {
    let order = next.get(ref.order)!;
    const source = positionOf(order, ref.line, from)!;
    order = withPosition(order, { ...source, qty: source.qty - ref.qty });
    const target = positionOf(order, ref.line, to) ?? { line: ref.line, table: to, qty: 0, paidQty: 0, voidedQty: 0 };
    next.set(order.id, withPosition(order, { ...target, qty: target.qty + ref.qty }));
  }
  return next;
}

/** Done means nothing is left to prepare: the station bumped it, or every item of it was voided. */
export function ticketIsDone(ticket: Order["tickets"][number]): boolean {
  return ticket.doneAt !== null || ticket.items.every((i) => i.voidedQty >= i.qty);
}

/** An order closes when every item is paid or voided and every ticket is done. */
export function isClosable(order: Order): boolean {
  return order.positions.every((p) => openQtyOf(p) === 0) && order.tickets.every(ticketIsDone);
}

/** Applies closing and reopening: returns the orders whose closed state changed. */
export function settleClosing(ledger: Ledger, touched: Iterable<string>, now: number): { ledger: Ledger; closed: Order[]; reopened: Order[] } {
  const next = new Map(ledger);
  const closed: Order[] = [];
  const reopened: Order[] = [];
  for (const id of new Set(touched)) {
    const order = next.get(id);
    if (!order) continue;
    const closable = isClosable(order);
    if (closable && order.closedAt === null) {
      const after = { ...order, closedAt: now };
      next.set(id, after);
      closed.push(after);
    } else if (!closable && order.closedAt !== null) {
      const after = { ...order, closedAt: null };
      next.set(id, after);
      reopened.push(after);
    }
  }
  return { ledger: next, closed, reopened };
}

export function positionsOf(order: Order): OrderPositions {
  return { order: order.id, closedAt: order.closedAt, positions: order.positions };
}

/** The orders whose positions differ between two ledgers. */
export function changedOrders(before: Ledger, after: Ledger): Order[] {
  return [...after.values()].filter((o) => before.get(o.id) !== o);
}
