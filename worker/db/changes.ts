// The change log (every frame as it was broadcast) and the reads a new socket's first frames are
// built from. Those reads run outside the coordinator's exclusive chain (reads never wait behind
// writes) and each is one D1 batch, that is one transaction: the seq read with it is exactly the
// last change the rows contain.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import { readOpenOrders } from "./orders.ts";
import type { Order, ProductAvailability } from "../protocol.ts";

export function insertChange(db: Db, eventId: string, frame: { type: string; seq: number }, now: number): Statement {
  return db.insert(schema.changes).values({ eventId, seq: frame.seq, type: frame.type, frame: JSON.stringify(frame), at: now });
}

const lastSeqQuery = (db: Db, eventId: string) =>
  db.select({ seq: sql<number | null>`max(${schema.changes.seq})` }).from(schema.changes).where(eq(schema.changes.eventId, eventId));

/** The event's last sequence number: the newest row of its change log (0 before the first change). */
export async function readLastSeq(db: Db, eventId: string): Promise<number> {
  const row = await lastSeqQuery(db, eventId).get();
  return row?.seq ?? 0;
}

export interface OpenState {
  seq: number;
  menuVersion: number;
  availability: ProductAvailability[];
  orders: Order[];
}

/**
 * The open orders (all, or those `readOrders` reads: a waiter's own) with the seq, menu version and
 * availability of the same moment. readOpenOrders runs its own batch; it is handed a db whose batch runs these reads in the same one, so the
 * orders are assembled by the one function that does it everywhere.
 */
export async function readOpenState(db: Db, eventId: string, readOrders: (db: Db, eventId: string) => Promise<Order[]> = readOpenOrders): Promise<OpenState> {
  const extra = [
    lastSeqQuery(db, eventId),
    db.select().from(schema.eventState).where(eq(schema.eventState.eventId, eventId)),
    db.select().from(schema.availability).where(eq(schema.availability.eventId, eventId)),
  ] as const;
  let read: [{ seq: number | null }[], (typeof schema.eventState.$inferSelect)[], (typeof schema.availability.$inferSelect)[]] | undefined;
  const inOneBatch = Object.create(db, {
    batch: {
      value: async (queries: Statement[]) => {
        const [seqRows, stateRows, availabilityRows, ...rest] = await db.batch([...extra, ...queries] as unknown as Parameters<Db["batch"]>[0]);
        read = [seqRows, stateRows, availabilityRows] as unknown as NonNullable<typeof read>;
        return rest;
      },
    },
  }) as Db;
  const orders = await readOrders(inOneBatch, eventId);
  if (!read) throw new Error("the open orders were not read in one batch");
  const [seqRows, stateRows, availabilityRows] = read;
  // Before the first change the event state row may not exist yet; the seq is 0 then.
  return {
    seq: seqRows[0]?.seq ?? 0,
    menuVersion: stateRows[0]?.menuVersion ?? 0,
    availability: availabilityRows.map((r) => ({ product: r.productId, soldOut: r.soldOut, quota: r.quota })),
    orders,
  };
}

/**
 * What `read` reads (in one db.batch of its own) with the event's last seq of the same moment: a
 * phone that opens a table learns which frames its answer already holds.
 */
export async function readWithSeq<T>(db: Db, eventId: string, read: (db: Db) => Promise<T>): Promise<{ seq: number; value: T }> {
  let seq: number | undefined;
  const inOneBatch = Object.create(db, {
    batch: {
      value: async (queries: Statement[]) => {
        const [seqRows, ...rest] = await db.batch([lastSeqQuery(db, eventId), ...queries] as unknown as Parameters<Db["batch"]>[0]);
        seq = (seqRows as { seq: number | null }[])[0]?.seq ?? 0;
        return rest;
      },
    },
  }) as Db;
  const value = await read(inOneBatch);
  if (seq === undefined) throw new Error("the read did not run in one batch");
  return { seq, value };
}

/** The frames after `since` (at most `limit`) and the last seq, read together. */
export async function readCatchUp(db: Db, eventId: string, since: number, limit: number): Promise<{ seq: number; frames: string[] }> {
  const [seqRows, rows] = await db.batch([
    lastSeqQuery(db, eventId),
    db
      .select({ frame: schema.changes.frame })
      .from(schema.changes)
      .where(and(eq(schema.changes.eventId, eventId), gt(schema.changes.seq, since)))
      .orderBy(asc(schema.changes.seq))
      .limit(limit),
  ]);
  return { seq: seqRows[0]?.seq ?? 0, frames: rows.map((r) => r.frame) };
}
