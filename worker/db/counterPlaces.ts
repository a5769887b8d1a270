// A counter order's bill is keyed "#<order id>" (protocol/counter.ts), which means nothing to a
// person. The reads that hand bills to people (payments, the audit, a shift's open tables, open
// bills) attach the order's cash desk and number here, found by the order id in the key.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { counterBill, counterBillOrder, type CounterPlace } from "../protocol.ts";

/** The place of each counter bill among `tables` (table bills are skipped), by bill key. One read, ids bound as one JSON array. */
export async function readCounterPlaces(db: Db, tables: Iterable<string>): Promise<Map<string, CounterPlace>> {
  const ids = [...new Set([...tables].flatMap((t) => counterBillOrder(t) ?? []))];
  const places = new Map<string, CounterPlace>();
  if (!ids.length) return places;
  const rows = await db.all<{ id: string; counter: string | null; number: number | null }>(sql`
    SELECT id, counter_id AS counter, number FROM orders WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  for (const r of rows) if (r.counter !== null) places.set(counterBill(r.id), { counter: r.counter, number: r.number });
  return places;
}

/** The records with `place` set on those whose bill is a counter bill (the same objects, for chaining). */
export async function withCounterPlaces<T extends { table: string; place?: CounterPlace }>(db: Db, records: T[]): Promise<T[]> {
  const places = await readCounterPlaces(db, records.map((r) => r.table));
  for (const r of records) {
    const place = places.get(r.table);
    if (place) r.place = place;
  }
  return records;
}
