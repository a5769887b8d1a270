// Persistent settings in D1 (the session key, generated PINs), through the plain D1 API so that
// scripts running in Node can use the same function on miniflare's D1 binding.

/** The part of D1's API used here; miniflare's D1 proxy in Node has it too. */
export interface SettingsDb {
  prepare(sql: string): { bind(...values: unknown[]): { first<T>(): Promise<T | null>; run(): Promise<unknown> } };
}

export async function readSetting(d1: SettingsDb, key: string): Promise<string | undefined> {
  const row = await d1.prepare("SELECT value FROM settings WHERE key = ?").bind(key).first<{ value: string }>();
  return row?.value;
}

export async function writeSetting(d1: SettingsDb, key: string, value: string): Promise<void> {
  await d1.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").bind(key, value).run();
}

/** Reads a setting, creating it with `make()` the first time (race-free: insert or ignore). */
export async function ensureSetting(d1: SettingsDb, key: string, make: () => string): Promise<string> {
  const existing = await d1.prepare("SELECT value FROM settings WHERE key = ?").bind(key).first<{ value: string }>();
  if (existing) return existing.value;
  await d1.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)").bind(key, make()).run();
  const row = await d1.prepare("SELECT value FROM settings WHERE key = ?").bind(key).first<{ value: string }>();
  return row!.value;
}
