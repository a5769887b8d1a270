// The coordinator's state as stored: the event's menu version row, the menu as it was at each
// version (what a stale order is compared against), and availability (sold out, quotas).
import { and, eq } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import type { ProductAvailability } from "../protocol.ts";

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
