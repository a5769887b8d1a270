// The stored data of a data folder: its D1 database's SQLite file read with Node's own SQLite
// (sqliteD1.ts), or, where the folder holds more than one database file, opened the way `npm start`
// opens it, a workerd (through miniflare) with only the D1 binding. Either reads while a server runs
// on the same folder (SQLite in WAL mode lets one process write while another reads) or after it
// stopped. Nothing is written and no migration is applied.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { openDb, type Db } from "../../worker/db/client.ts";
import { wranglerSettings } from "../lib/wranglerSettings.ts";
import { UsageError } from "./args.ts";

export interface DataSource {
  db: Db;
  close(): Promise<void>;
}

/** miniflare keeps each D1 database in a file named by its object id, beside its own metadata.sqlite. */
const D1_FILES = join("d1", "miniflare-D1DatabaseObject");

/** The folder's one D1 database file, if it holds exactly one (a box has one database). */
function databaseFile(persist: string): string | undefined {
  const dir = join(persist, D1_FILES);
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.sqlite$/.test(f));
  return files.length === 1 ? join(dir, files[0]!) : undefined;
}

/** Node's SQLite is marked experimental in Node 22: its one warning would only confuse the organiser. */
async function importSqliteD1(): Promise<typeof import("./sqliteD1.ts")> {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes("SQLite")) (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await import("./sqliteD1.ts");
  } finally {
    process.emitWarning = emit;
  }
}

export async function openDataFolder(root: string, data: string): Promise<DataSource> {
  const persist = join(resolve(data), "v3");
  if (!existsSync(join(persist, "d1"))) throw new UsageError(`${data} holds no orders: it is not a data folder of npm start (use --data DIR)`);
  const file = databaseFile(persist);
  if (file) {
    const { SqliteD1 } = await importSqliteD1();
    const d1 = new SqliteD1(file);
    return { db: openDb(d1 as never), close: async () => d1.close() };
  }
  // Loaded only here: importing miniflare alone takes a second or two.
  const { Miniflare, NoOpLog, convertV4MiniflareOptions } = await import("miniflare");
  const settings = wranglerSettings(root);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      cf: false,
      log: new NoOpLog(),
      resourcePersistencePath: persist,
      name: settings.name,
      modules: true,
      // The worker itself does nothing: this process only needs the D1 binding.
      script: "export default { fetch() { return new Response(null, { status: 404 }); } };",
      compatibilityDate: settings.compatibilityDate,
      d1Databases: { DB: settings.databaseId },
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  const d1 = await mf.getD1Database("DB");
  return { db: openDb(d1 as never), close: () => mf.dispose() };
}

/** Rows of a query, or none when its table does not exist (a folder of an older version). */
async function rowsOrNone<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  try {
    return await db.all<T>(query);
  } catch {
    return [];
  }
}

export interface StoredEvent {
  id: string;
  name: string;
  startedAt: number | null;
  endedAt: number | null;
  orders: number;
}

export interface StoredEvents {
  /** Every event id with data in the folder. */
  ids: string[];
  /** Each of them with its dates and number of orders, in the order they started. */
  list: StoredEvent[];
  /** The event the server runs now (the events row without an end), if the folder has one. */
  current?: string;
  names: Map<string, string>;
}

export async function storedEvents(db: Db): Promise<StoredEvents> {
  const [rows, states, counts] = await Promise.all([
    rowsOrNone<{ id: string; name: string; startedAt: number; endedAt: number | null }>(db, sql`SELECT id, name, started_at AS startedAt, ended_at AS endedAt FROM events ORDER BY started_at`),
    rowsOrNone<{ id: string }>(db, sql`SELECT event_id AS id FROM event_state`),
    rowsOrNone<{ id: string; orders: number }>(db, sql`SELECT event_id AS id, count(*) AS orders FROM orders GROUP BY event_id`),
  ]);
  const ids = [...new Set([...rows.map((r) => r.id), ...states.map((r) => r.id)])].sort();
  const ordersOf = new Map(counts.map((c) => [c.id, c.orders]));
  const byStart = [...rows.map((r) => r.id), ...ids.filter((id) => !rows.some((r) => r.id === id))];
  const list = byStart.map((id) => {
    const row = rows.find((r) => r.id === id);
    return { id, name: row?.name ?? id, startedAt: row?.startedAt ?? null, endedAt: row?.endedAt ?? null, orders: ordersOf.get(id) ?? 0 };
  });
  return { ids, list, current: rows.find((r) => r.endedAt === null)?.id, names: new Map(rows.map((r) => [r.id, r.name])) };
}


/**
 * The migrations of this version that the folder's database has not had: a folder last served by
 * an older Mini POS (the report reads it as it is and writes nothing, so it cannot read the new
 * columns). Empty when the folder is up to date, or has no migration record at all.
 */
export async function missingMigrations(db: Db, root: string): Promise<string[]> {
  const applied = await rowsOrNone<{ name: string }>(db, sql`SELECT name FROM d1_migrations`);
  if (!applied.length) return [];
  const names = new Set(applied.map((r) => r.name));
  return readdirSync(join(root, "migrations"))
    .filter((f) => /^\d{4}_.*\.sql$/.test(f) && !names.has(f))
    .sort();
}
