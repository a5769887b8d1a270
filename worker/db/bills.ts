// Reads of what is open: a table's bill and the table map's figures. They read D1 directly (not
// through the coordinator's chain), and only open rows, so their cost follows what is open now.
import { and, asc, count, countDistinct, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db } from "./client.ts";
import type { Bill, BillLine } from "../protocol.ts";

const b = schema.billItems;
const i = schema.orderItems;
const o = schema.orders;
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
  const lines: BillLine[] = rows.map((r) => ({ ...r, options: JSON.parse(r.options) as string[], openQty: r.qty - r.paidQty - r.voidedQty }));
  let openCents = 0;
  let openDepositCents = 0;
  for (const l of lines) {
    openCents += l.openQty * (l.unitCents + l.depositCents);
    openDepositCents += l.openQty * l.depositCents;
  }
  return { table, lines, openCents, openDepositCents };
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
