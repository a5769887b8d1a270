// The data folder's D1 database read straight from its SQLite file with Node's own SQLite, behind
// the part of D1's binding that drizzle and the report use (prepare/bind/all/raw/first/run/batch).
// `npm run report` used to start a workerd through miniflare for this: 1.5–3 s to open, and every
// row crossed a process boundary as JSON. Read-only; SQLite's WAL lets it read while a server
// writes the same file, and a batch reads in one transaction (one moment, as D1's batch does).
import { DatabaseSync, type StatementSync } from "node:sqlite";

type Value = null | number | bigint | string | Uint8Array;

/** D1 binds booleans as 0/1 and undefined as null; node:sqlite takes neither. */
function sqliteValue(v: unknown): Value {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v as Value;
}

class Statement {
  private readonly db: SqliteD1;
  private readonly text: string;
  private readonly params: Value[];

  constructor(db: SqliteD1, text: string, params: Value[] = []) {
    this.db = db;
    this.text = text;
    this.params = params;
  }

  bind(...values: unknown[]): Statement {
    return new Statement(this.db, this.text, values.map(sqliteValue));
  }

  /** Synchronous reads behind the async faces below (batch runs them inside one transaction). */
  rowsNow(): Record<string, unknown>[] {
    const statement = this.db.prepared(this.text);
    statement.setReturnArrays(false);
    return statement.all(...this.params) as Record<string, unknown>[];
  }

  rawNow(columnNames: boolean): unknown[][] {
    const statement = this.db.prepared(this.text);
    statement.setReturnArrays(true);
    const rows = statement.all(...this.params) as unknown as unknown[][];
    return columnNames ? [statement.columns().map((c) => c.name), ...rows] : rows;
  }

  async all() {
    return { success: true, results: this.rowsNow(), meta: {} };
  }

  async raw(options?: { columnNames?: boolean }) {
    return this.rawNow(options?.columnNames === true);
  }

  async first(column?: string) {
    const row = this.rowsNow()[0];
    if (row === undefined) return null;
    return column === undefined ? row : (row[column] ?? null);
  }

  async run(): Promise<never> {
    throw new Error("the report reads the data folder; it never writes");
  }
}

export class SqliteD1 {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(file: string) {
    this.db = new DatabaseSync(file, { readOnly: true });
    // A server writing the same file holds its lock for a moment at most.
    this.db.exec("PRAGMA busy_timeout = 5000");
    // The report reads the whole evening (a 140 MB file for 20,000 orders) several times over:
    // SQLite's default 2 MB page cache re-read it from the file system on every pass. Memory-mapped
    // pages keep it read once and stay the kernel's to give back (a Pi with 1 GB); a 256 MB page
    // cache as well raised the report's peak to 510 MB, so it is left at SQLite's default.
    this.db.exec("PRAGMA mmap_size = 268435456");
  }

  prepared(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  prepare(text: string): Statement {
    return new Statement(this, text);
  }

  async batch(statements: Statement[]) {
    this.db.exec("BEGIN");
    try {
      return statements.map((s) => ({ success: true, results: s.rowsNow(), meta: {} }));
    } finally {
      this.db.exec("COMMIT");
    }
  }

  close(): void {
    this.db.close();
  }
}
