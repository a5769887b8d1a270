// Applies migrations/*.sql the way `wrangler d1 migrations apply` does (same d1_migrations table),
// so `npm start` and `npx wrangler dev --persist-to ./data` can take turns on the same data.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> }; all<T>(): Promise<{ results: T[] }> };
  batch(statements: unknown[]): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

export async function applyMigrations(db: D1Like, dir: string): Promise<string[]> {
  await db.exec(
    "CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);",
  );
  const { results } = await db.prepare("SELECT name FROM d1_migrations").all<{ name: string }>();
  const applied = new Set(results.map((r) => r.name));
  const pending = readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f) && !applied.has(f))
    .sort();
  for (const file of pending) {
    const statements = readFileSync(join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    // One batch: a migration is applied whole or not at all.
    await db.batch([...statements.map((s) => db.prepare(s)), db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file)]);
  }
  return pending;
}
