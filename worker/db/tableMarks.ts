// What the coordinator's table map (domain/tableBook.ts) is built from when it starts: for every
// open order its lines' prices, its bill positions and its tickets' state (three narrow reads, no
// names or notes). It runs in the coordinator's exclusive chain, so nothing is written meanwhile.
// After that the commands' frames keep the map up to date.
import { and, eq, inArray, isNull } from "drizzle-orm";
import * as schema from "./schema.ts";
import { groupBy, type Db } from "./client.ts";
import type { OrderMark } from "../domain/tableBook.ts";

export async function readTableMarks(db: Db, eventId: string): Promise<[string, OrderMark][]> {
  const o = schema.orders;
  const open = db.select({ id: o.id }).from(o).where(and(eq(o.eventId, eventId), isNull(o.closedAt)));
  const i = schema.orderItems;
  const b = schema.billItems;
  const t = schema.tickets;
  const [items, positions, tickets] = await Promise.all([
    db.select({ order: i.orderId, line: i.line, unit: i.unitCents, deposit: i.depositCents }).from(i).where(inArray(i.orderId, open)),
    db.select().from(b).where(inArray(b.orderId, open)),
    db.select({ id: t.id, order: t.orderId, table: t.tableName, doneAt: t.doneAt, pickedUpAt: t.pickedUpAt }).from(t).where(inArray(t.orderId, open)),
  ]);
  const positionsOf = groupBy(positions, (p) => p.orderId);
  const ticketsOf = groupBy(tickets, (r) => r.order);
  return [...groupBy(items, (r) => r.order)].map(([id, lines]) => [
    id,
    {
      cents: new Map(lines.map((l) => [l.line, l.unit + l.deposit])),
      positions: (positionsOf.get(id) ?? []).map((p) => ({ line: p.line, table: p.tableName, qty: p.qty, paidQty: p.paidQty, voidedQty: p.voidedQty })),
      tickets: new Map((ticketsOf.get(id) ?? []).map((r) => [r.id, { table: r.table, ready: r.doneAt !== null && r.pickedUpAt === null }])),
    },
  ]);
}
