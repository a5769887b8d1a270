// Reads of what is open: a table's bill and the table map's figures. They read D1 directly (not
// through the coordinator's chain), and only open rows, so their cost follows what is open now.
import { and, asc, count, countDistinct, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db } from "./client.ts";
import { billLineOf, openSums, type Bill } from "../protocol.ts";

const b = schema.billItems;
const i = schema.orderItems;
const o = schema.orders;
/** openQtyOf (protocol/totals.ts) in SQL, so that only open positions are read. */
const openQty = sql<number>`${b.qty} - ${b.paidQty} - ${b.voidedQty}`;

export async function readBill(db: Db, eventId: string, table: string): Promise<Bill> {
  const rows = await db
    .select({
      order: b.orderId,
      line: b.line,
      qty: b.qty,
      paidQty: b.paidQty,
      voidedQty: b.voidedQty,
      product: i.productId,
      name: i.name,
      options: i.options,
      note: i.note,
      unitCents: i.unitCents,
      depositCents: i.depositCents,
      waiter: o.waiter,
      orderedAt: o.createdAt,
    })
    .from(b)
    .innerJoin(i, and(eq(i.orderId, b.orderId), eq(i.line, b.line)))
    .innerJoin(o, eq(o.id, b.orderId))
    .where(and(eq(b.eventId, eventId), eq(b.tableName, table), gt(openQty, 0)))
    .orderBy(asc(o.seq), asc(b.line))
    .all();
  // The rows are positions joined with their items in SQL (only open ones), not whole orders, so
  // each becomes a line through the same billLineOf the phone uses on its live orders.
  const lines = rows.map((r) => billLineOf({ id: r.order, waiter: r.waiter, createdAt: r.orderedAt }, r, { ...r, options: JSON.parse(r.options) as string[] }));
  return { table, lines, ...openSums(lines) };
}

export interface TableFigures {
  openOrders: number;
  openCents: number;
  readyTickets: number;
}

/** Per table: orders with open items, their open value, and tickets ready to carry out. */
export async function readTableFigures(db: Db, eventId: string): Promise<Map<string, TableFigures>> {
  const t = schema.tickets;
  const [open, ready] = await db.batch([
    db
      .select({ table: b.tableName, orders: countDistinct(b.orderId), cents: sql<number>`sum((${openQty}) * (${i.unitCents} + ${i.depositCents}))` })
      .from(b)
      .innerJoin(i, and(eq(i.orderId, b.orderId), eq(i.line, b.line)))
      .where(and(eq(b.eventId, eventId), gt(openQty, 0)))
      .groupBy(b.tableName),
    db
      .select({ table: t.tableName, ready: count() })
      .from(t)
      .innerJoin(o, eq(o.id, t.orderId))
      .where(and(eq(t.eventId, eventId), isNull(o.closedAt), isNotNull(t.doneAt), isNull(t.pickedUpAt)))
      .groupBy(t.tableName),
  ]);
  const out = new Map<string, TableFigures>();
  const of = (table: string) => out.get(table) ?? out.set(table, { openOrders: 0, openCents: 0, readyTickets: 0 }).get(table)!;
  for (const r of open) Object.assign(of(r.table), { openOrders: r.orders, openCents: Number(r.cents ?? 0) });
  for (const r of ready) of(r.table).readyTickets = r.ready;
  return out;
}
