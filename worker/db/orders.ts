// Orders in D1: writing a new order with its tickets, items and bill positions, writing what a
// command changed (positions, closed, voided), and reading whole orders back.
import { and, asc, eq, inArray, isNull, max, or, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import { chunk, type Db, type Statement } from "./client.ts";
import { assembleOrders } from "./orderRows.ts";
import type { BillPosition, Order, OrderItem } from "../protocol.ts";

export async function readOrderHash(db: Db, orderId: string) {
  return db
    .select({ eventId: schema.orders.eventId, bodyHash: schema.orders.bodyHash })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId))
    .get();
}

/** The highest order number given in the event (0 before the first): the coordinator counts on from it. */
export async function readLastNumber(db: Db, eventId: string): Promise<number> {
  const row = await db
    .select({ last: max(schema.orders.number) })
    .from(schema.orders)
    .where(eq(schema.orders.eventId, eventId))
    .get();
  return row?.last ?? 0;
}

export function insertOrder(db: Db, eventId: string, order: Order, bodyHash: string): Statement[] {
  const statements: Statement[] = [
    db.insert(schema.orders).values({
      id: order.id,
      eventId,
      seq: order.seq,
      tableName: order.table,
      waiter: order.waiter,
      menuVersion: order.menuVersion,
      bodyHash,
      createdAt: order.createdAt,
      number: order.number,
      counterId: order.counter,
    }),
  ];
  const ticketRows = order.tickets.map((t) => ({
    id: t.id,
    eventId,
    orderId: order.id,
    stationId: t.station,
    tableName: t.table,
    waiter: t.waiter,
    createdAt: t.createdAt,
  }));
  for (const rows of chunk(ticketRows, 7)) statements.push(db.insert(schema.tickets).values(rows));
  const itemRows = order.tickets.flatMap((t) =>
    t.items.map((i) => ({
      orderId: order.id,
      line: i.line,
      ticketId: t.id,
      productId: i.product,
      name: i.name,
      unitCents: i.unitCents,
      depositCents: i.depositCents,
      categoryId: i.category,
      stationId: i.station,
      qty: i.qty,
      voidedQty: i.voidedQty,
      note: i.note,
      options: JSON.stringify(i.options),
    })),
  );
  for (const rows of chunk(itemRows, 13)) statements.push(db.insert(schema.orderItems).values(rows));
  statements.push(...insertPositions(db, eventId, order.id, order.positions));
  return statements;
}

function insertPositions(db: Db, eventId: string, orderId: string, positions: BillPosition[]): Statement[] {
  const rows = positions.map((p) => ({ eventId, orderId, line: p.line, tableName: p.table, qty: p.qty, paidQty: p.paidQty, voidedQty: p.voidedQty }));
  return chunk(rows, 7).map((part) => db.insert(schema.billItems).values(part));
}

/** Writes an order's bill positions as they are now (the coordinator computed them in memory). */
export function replacePositions(db: Db, eventId: string, order: Order): Statement[] {
  return [db.delete(schema.billItems).where(eq(schema.billItems.orderId, order.id)), ...insertPositions(db, eventId, order.id, order.positions)];
}

export function updateOrderClosed(db: Db, order: Order): Statement {
  return db.update(schema.orders).set({ closedAt: order.closedAt }).where(eq(schema.orders.id, order.id));
}

/** Writes an item's voided quantity. */
export function updateItemVoided(db: Db, orderId: string, item: OrderItem): Statement {
  return db
    .update(schema.orderItems)
    .set({ voidedQty: item.voidedQty })
    .where(and(eq(schema.orderItems.orderId, orderId), eq(schema.orderItems.line, item.line)));
}

/**
 * Orders matching `where`, oldest first, with their tickets, items and positions (one batch, no IN
 * lists). `itemsOf`: only the items of this station's tickets (readOpenOrdersForStation).
 */
async function readOrdersWhere(db: Db, where: ReturnType<typeof and>, itemsOf?: string): Promise<Order[]> {
  const ids = db.select({ id: schema.orders.id }).from(schema.orders).where(where);
  const items = inArray(schema.orderItems.orderId, ids);
  const [orderRows, ticketRows, itemRows, positionRows] = await db.batch([
    db.select().from(schema.orders).where(where).orderBy(asc(schema.orders.seq)),
    db.select().from(schema.tickets).where(inArray(schema.tickets.orderId, ids)),
    db.select().from(schema.orderItems).where(itemsOf === undefined ? items : and(items, eq(schema.orderItems.stationId, itemsOf))),
    db.select().from(schema.billItems).where(inArray(schema.billItems.orderId, ids)),
  ]);
  return assembleOrders(orderRows, ticketRows, itemRows, positionRows);
}

/** The orders with these ids (open or closed), by id. */
export async function readOrdersByIds(db: Db, eventId: string, ids: string[]): Promise<Map<string, Order>> {
  if (!ids.length) return new Map();
  const orders = await readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), inArray(schema.orders.id, [...new Set(ids)])));
  return new Map(orders.map((o) => [o.id, o]));
}

/** Open orders with anything on this table's bill (including quantities moved here). */
export async function readOrdersOnTable(db: Db, eventId: string, table: string): Promise<Map<string, Order>> {
  const onTable = db
    .select({ id: schema.billItems.orderId })
    .from(schema.billItems)
    .where(and(eq(schema.billItems.eventId, eventId), eq(schema.billItems.tableName, table)));
  const orders = await readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), isNull(schema.orders.closedAt), inArray(schema.orders.id, onTable)));
  return new Map(orders.map((o) => [o.id, o]));
}

export async function readOrder(db: Db, eventId: string, orderId: string): Promise<Order | undefined> {
  const [order] = await readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), eq(schema.orders.id, orderId)));
  return order;
}

export function readOpenOrders(db: Db, eventId: string): Promise<Order[]> {
  return readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), isNull(schema.orders.closedAt)));
}

/**
 * The open orders with a ticket of this station, as its screen's snapshot needs them: every ticket
 * (the screen shows whether the others are done), but only this station's items. Not whole orders
 * (the other tickets have no items, totalCents counts this station's only): for the station's
 * snapshot alone. With many open orders a screen's reconnect no longer reads every line of them.
 */
export function readOpenOrdersForStation(db: Db, eventId: string, station: string): Promise<Order[]> {
  const atStation = db
    .select({ id: schema.tickets.orderId })
    .from(schema.tickets)
    .where(and(eq(schema.tickets.eventId, eventId), eq(schema.tickets.stationId, station)));
  return readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), isNull(schema.orders.closedAt), inArray(schema.orders.id, atStation)), station);
}

/**
 * The open orders of these waiters (phones' snapshots), by the name they were placed under, in one
 * read whatever their number: the names go in as one JSON parameter (a D1 statement takes at most
 * 100 parameters), so that four hundred phones connecting at once cost one read, not four hundred.
 */
export function readOpenOrdersOf(db: Db, eventId: string, waiters: string[]): Promise<Order[]> {
  const named = sql`${schema.orders.waiter} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(waiters)])}))`;
  return readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), isNull(schema.orders.closedAt), named));
}

/** The table's history: every order placed at it or with items moved to it, open or closed. */
export function readTableOrders(db: Db, eventId: string, table: string): Promise<Order[]> {
  const moved = db
    .select({ id: schema.billItems.orderId })
    .from(schema.billItems)
    .where(and(eq(schema.billItems.eventId, eventId), eq(schema.billItems.tableName, table)));
  return readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), or(eq(schema.orders.tableName, table), inArray(schema.orders.id, moved))));
}
