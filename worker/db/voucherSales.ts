// Vouchers (Wertmarken) sold at a cash desk (issue 22): the rows of table voucher_sales. Writes
// return statements for the coordinator's atomic batch; reads turn rows back into VoucherSale.
import { and, desc, eq } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import type { VoucherSale, VoucherSaleMethod } from "../protocol.ts";

type VoucherSaleRow = typeof schema.voucherSales.$inferSelect;

function toVoucherSale(r: VoucherSaleRow): VoucherSale {
  return {
    id: r.id,
    seq: r.seq,
    counter: r.counterId,
    waiter: r.waiter,
    method: r.method as VoucherSaleMethod,
    amountCents: r.amountCents,
    tenderedCents: r.tenderedCents,
    createdAt: r.createdAt,
    reversedAt: r.reversedAt,
    reversedBy: r.reversedBy,
    reverseReason: r.reverseReason,
  };
}

export function insertVoucherSale(db: Db, eventId: string, s: VoucherSale, bodyHash: string): Statement {
  return db.insert(schema.voucherSales).values({
    id: s.id,
    eventId,
    seq: s.seq,
    counterId: s.counter,
    waiter: s.waiter,
    method: s.method,
    amountCents: s.amountCents,
    tenderedCents: s.tenderedCents,
    bodyHash,
    createdAt: s.createdAt,
  });
}

/** Fills the reversal columns; `reversedSeq` is the seq of the reversal's frame (a shift counts it then). */
export function reverseVoucherSaleRow(db: Db, s: VoucherSale, reversedSeq: number): Statement {
  return db
    .update(schema.voucherSales)
    .set({ reversedSeq, reversedAt: s.reversedAt, reversedBy: s.reversedBy, reverseReason: s.reverseReason })
    .where(eq(schema.voucherSales.id, s.id));
}

/** A sale of this event and the hash of the request that made it (to tell a replay from a conflict). */
export async function readVoucherSale(db: Db, eventId: string, id: string): Promise<{ sale: VoucherSale; bodyHash: string } | undefined> {
  const r = await db.select().from(schema.voucherSales).where(and(eq(schema.voucherSales.eventId, eventId), eq(schema.voucherSales.id, id))).get();
  return r ? { sale: toVoucherSale(r), bodyHash: r.bodyHash } : undefined;
}

/** Newest first; at most 1000; a waiter's own when `waiter` is given. */
export async function readVoucherSales(db: Db, eventId: string, waiter?: string): Promise<VoucherSale[]> {
  const where = waiter === undefined ? eq(schema.voucherSales.eventId, eventId) : and(eq(schema.voucherSales.eventId, eventId), eq(schema.voucherSales.waiter, waiter));
  const rows = await db.select().from(schema.voucherSales).where(where).orderBy(desc(schema.voucherSales.seq)).limit(1000).all();
  return rows.map(toVoucherSale);
}
