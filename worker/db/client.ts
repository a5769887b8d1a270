// The database handle every query takes, and two helpers for writing and reading rows. Each query
// module in db/ takes the drizzle db, so tests can call them directly; writes return statements
// for the coordinator to run in one atomic db.batch.
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { BatchItem } from "drizzle-orm/batch";
import * as schema from "./schema.ts";

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

export function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
}
