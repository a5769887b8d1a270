// Named queries over D1. Each takes the drizzle db, so tests can call them directly. Writes return
// statements for the coordinator to run in one atomic db.batch.
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { BatchItem } from "drizzle-orm/batch";
import { and, asc, desc, eq, gt, inArray, isNull, isNotNull, or, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { BillPosition, Order, OrderItem, ProductAvailability, Ticket } from "../protocol.ts";
import { orderTotalCents } from "../protocol.ts";

export type Db = DrizzleD1Database<typeof schema>;
export type Statement = BatchItem<"sqlite">;

export function openDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}

/** D1 binds at most 100 parameters per statement: split multi-row inserts to stay under it. */
export function chunk<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(100 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// --- event state --------------------------------------------------------------------------------

export async function readEventState(db: Db, eventId: string) {
  return db.select().from(schema.eventState).where(eq(schema.eventState.eventId, eventId)).get();
}

export function upsertEventState(db: Db, row: typeof schema.eventState.$inferInsert): Statement {
  return db
    .insert(schema.eventState)
    .values(row)
    .onConflictDoUpdate({ target: schema.eventState.eventId, set: { seq: row.seq, menuVersion: row.menuVersion, configHash: row.configHash } });
}

export function insertMenuVersion(db: Db, eventId: string, version: number, products: MenuSnapshot, now: number): Statement {
  return db
    .insert(schema.menuVersions)
    .values({ eventId, version, products: JSON.stringify(products), createdAt: now })
    .onConflictDoNothing();
}

export type MenuSnapshot = Record<string, { name: string; priceCents: number; soldOut: boolean }>;

export async function readMenuVersion(db: Db, eventId: string, version: number): Promise<MenuSnapshot | undefined> {
  const row = await db
    .select({ products: schema.menuVersions.products })
    .from(schema.menuVersions)
    .where(and(eq(schema.menuVersions.eventId, eventId), eq(schema.menuVersions.version, version)))
    .get();
  return row ? (JSON.parse(row.products) as MenuSnapshot) : undefined;
}

// --- availability -------------------------------------------------------------------------------

export async function readAvailability(db: Db, eventId: string): Promise<ProductAvailability[]> {
  const rows = await db.select().from(schema.availability).where(eq(schema.availability.eventId, eventId)).all();
  return rows.map((r) => ({ product: r.productId, soldOut: r.soldOut, quota: r.quota }));
}

export function upsertAvailability(db: Db, eventId: string, a: ProductAvailability, now: number): Statement {
  return db
    .insert(schema.availability)
    .values({ eventId, productId: a.product, soldOut: a.soldOut, quota: a.quota, updatedAt: now })
    .onConflictDoUpdate({
      target: [schema.availability.eventId, schema.availability.productId],
      set: { soldOut: a.soldOut, quota: a.quota, updatedAt: now },
    });
}

// --- orders -------------------------------------------------------------------------------------

export async function readOrderHash(db: Db, orderId: string) {
  return db
    .select({ eventId: schema.orders.eventId, bodyHash: schema.orders.bodyHash })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId))
    .get();
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

type OrderRow = typeof schema.orders.$inferSelect;
type TicketRow = typeof schema.tickets.$inferSelect;
type ItemRow = typeof schema.orderItems.$inferSelect;
type PositionRow = typeof schema.billItems.$inferSelect;

function toItem(r: ItemRow): OrderItem {
  return {
    line: r.line,
    product: r.productId,
    name: r.name,
    unitCents: r.unitCents,
    depositCents: r.depositCents,
    category: r.categoryId,
    station: r.stationId,
    qty: r.qty,
    voidedQty: r.voidedQty,
    note: r.note,
    options: JSON.parse(r.options) as string[],
    doneAt: r.doneAt,
  };
}

function toTicket(r: TicketRow, items: OrderItem[]): Ticket {
  return {
    id: r.id,
    orderId: r.orderId,
    station: r.stationId,
    table: r.tableName,
    waiter: r.waiter,
    createdAt: r.createdAt,
    doneAt: r.doneAt,
    pickedUpAt: r.pickedUpAt,
    items,
  };
}

export function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
}

/** Builds whole orders from rows; tickets and items come sorted by order of the lines. */
function assembleOrders(orderRows: OrderRow[], ticketRows: TicketRow[], itemRows: ItemRow[], positionRows: PositionRow[]): Order[] {
  const itemsByTicket = groupBy(itemRows, (r) => r.ticketId);
  const ticketsByOrder = groupBy(ticketRows, (r) => r.orderId);
  const positionsByOrder = groupBy(positionRows, (r) => r.orderId);
  return orderRows.map((o) => {
    const tickets = (ticketsByOrder.get(o.id) ?? [])
      .map((t) => toTicket(t, (itemsByTicket.get(t.id) ?? []).map(toItem).sort((a, b) => a.line - b.line)))
      .sort((a, b) => (a.items[0]?.line ?? 0) - (b.items[0]?.line ?? 0));
    return {
      id: o.id,
      seq: o.seq,
      table: o.tableName,
      waiter: o.waiter,
      menuVersion: o.menuVersion,
      createdAt: o.createdAt,
      totalCents: orderTotalCents(tickets),
      tickets,
      positions: (positionsByOrder.get(o.id) ?? [])
        .map((p) => ({ line: p.line, table: p.tableName, qty: p.qty, paidQty: p.paidQty, voidedQty: p.voidedQty }))
        .sort((a, b) => a.line - b.line || a.table.localeCompare(b.table)),
      closedAt: o.closedAt,
    };
  });
}

/** Orders matching `where`, oldest first, with their tickets, items and positions (one batch, no IN lists). */
async function readOrdersWhere(db: Db, where: ReturnType<typeof and>): Promise<Order[]> {
  const ids = db.select({ id: schema.orders.id }).from(schema.orders).where(where);
  const [orderRows, ticketRows, itemRows, positionRows] = await db.batch([
    db.select().from(schema.orders).where(where).orderBy(asc(schema.orders.seq)),
    db.select().from(schema.tickets).where(inArray(schema.tickets.orderId, ids)),
    db.select().from(schema.orderItems).where(inArray(schema.orderItems.orderId, ids)),
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

/** The table's history: every order placed at it or with items moved to it, open or closed. */
export function readTableOrders(db: Db, eventId: string, table: string): Promise<Order[]> {
  const moved = db
    .select({ id: schema.billItems.orderId })
    .from(schema.billItems)
    .where(and(eq(schema.billItems.eventId, eventId), eq(schema.billItems.tableName, table)));
  return readOrdersWhere(db, and(eq(schema.orders.eventId, eventId), or(eq(schema.orders.tableName, table), inArray(schema.orders.id, moved))));
}

// --- tickets ------------------------------------------------------------------------------------

/** Writes a ticket's changed state (the ticket row and each of its items). */
export function updateTicket(db: Db, ticket: Ticket): Statement[] {
  return [
    db.update(schema.tickets).set({ doneAt: ticket.doneAt, pickedUpAt: ticket.pickedUpAt }).where(eq(schema.tickets.id, ticket.id)),
    ...ticket.items.map((i) =>
      db
        .update(schema.orderItems)
        .set({ doneAt: i.doneAt })
        .where(and(eq(schema.orderItems.orderId, ticket.orderId), eq(schema.orderItems.line, i.line))),
    ),
  ];
}

/** A ticket goes to another table (its guests moved). */
export function updateTicketTable(db: Db, ticket: Ticket): Statement {
  return db.update(schema.tickets).set({ tableName: ticket.table }).where(eq(schema.tickets.id, ticket.id));
}

export interface TicketQuery {
  station?: string;
  state: "open" | "done" | "all";
  /** Matches a table name or a product name (substring, case-insensitive for ASCII). */
  q?: string;
  limit?: number;
}

/** Station history: newest first. */
export async function searchTickets(db: Db, eventId: string, query: TicketQuery): Promise<Ticket[]> {
  const conditions = [eq(schema.tickets.eventId, eventId)];
  if (query.station) conditions.push(eq(schema.tickets.stationId, query.station));
  if (query.state === "open") conditions.push(isNull(schema.tickets.doneAt));
  if (query.state === "done") conditions.push(isNotNull(schema.tickets.doneAt));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const byProduct = db
      .select({ id: schema.orderItems.ticketId })
      .from(schema.orderItems)
      .where(sql`${schema.orderItems.name} LIKE ${pattern} ESCAPE '\\'`);
    conditions.push(or(sql`${schema.tickets.tableName} LIKE ${pattern} ESCAPE '\\'`, inArray(schema.tickets.id, byProduct))!);
  }
  const where = and(...conditions);
  const newest = db
    .select({ id: schema.tickets.id })
    .from(schema.tickets)
    .where(where)
    .orderBy(desc(schema.tickets.createdAt), desc(schema.tickets.id))
    .limit(query.limit ?? 200);
  const [ticketRows, itemRows] = await db.batch([
    db.select().from(schema.tickets).where(inArray(schema.tickets.id, newest)).orderBy(desc(schema.tickets.createdAt), desc(schema.tickets.id)),
    db.select().from(schema.orderItems).where(inArray(schema.orderItems.ticketId, newest)),
  ]);
  const itemsByTicket = groupBy(itemRows, (r) => r.ticketId);
  return ticketRows.map((t) => toTicket(t, (itemsByTicket.get(t.id) ?? []).map(toItem).sort((a, b) => a.line - b.line)));
}

// --- the change log -----------------------------------------------------------------------------

export function insertChange(db: Db, eventId: string, frame: { type: string; seq: number }, now: number): Statement {
  return db.insert(schema.changes).values({ eventId, seq: frame.seq, type: frame.type, frame: JSON.stringify(frame), at: now });
}

/** The event's last sequence number: the newest row of its change log (0 before the first change). */
export async function readLastSeq(db: Db, eventId: string): Promise<number> {
  const row = await db
    .select({ seq: sql<number | null>`max(${schema.changes.seq})` })
    .from(schema.changes)
    .where(eq(schema.changes.eventId, eventId))
    .get();
  return row?.seq ?? 0;
}

/** Frames after `since`, in order, at most `limit`. */
export async function readChangesSince(db: Db, eventId: string, since: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ frame: schema.changes.frame })
    .from(schema.changes)
    .where(and(eq(schema.changes.eventId, eventId), gt(schema.changes.seq, since)))
    .orderBy(asc(schema.changes.seq))
    .limit(limit)
    .all();
  return rows.map((r) => r.frame);
}
