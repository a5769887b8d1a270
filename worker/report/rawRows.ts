// Reading many rows fast: D1's raw() returns arrays instead of one object per row, which is
// about 2.5 times faster through miniflare's Node proxy (76,000 item rows: 1.8 s instead of 4.8 s)
// and no slower in the worker. The rows are turned back into objects here.
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";

/** The part of D1 used here; the Workers binding and miniflare's Node proxy both have it. */
interface RawStatement {
  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
}
interface RawD1 {
  prepare(query: string): { bind(...values: unknown[]): RawStatement };
  batch(statements: RawStatement[]): Promise<{ results: Record<string, unknown>[] }[]>;
}

const dialect = new SQLiteAsyncDialect();

function statement(db: Db, query: SQL): RawStatement {
  // drizzle() returns the database with its client; the Db type leaves $client out.
  const d1 = (db as Db & { $client: RawD1 }).$client;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return d1.prepare(text).bind(...params);
}

function toObjects<T>(columns: string[], rows: unknown[][]): T[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) out[columns[i]!] = row[i];
    return out as T;
  });
}

/** Every row of one query, as objects keyed by column name. */
export async function allRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [columns, ...rows] = await statement(db, query).raw<unknown[]>({ columnNames: true });
  return toObjects<T>(columns, rows);
}

/** Several reads in one D1 batch (one sequence: the figures are of one moment even while waiters pay). */
export async function allInOneBatch<T = Record<string, unknown>>(db: Db, queries: SQL[]): Promise<T[][]> {
  const d1 = (db as Db & { $client: RawD1 }).$client;
  const results = await d1.batch(queries.map((q) => statement(db, q)));
  return results.map((r) => r.results as T[]);
}
