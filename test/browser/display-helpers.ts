// An event with counter service (issue 22) for the display and station-number browser tests:
// config.json (German) or the English example, with one cash desk "Kasse 1" / "Desk 1".
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Menu, Order, OrderLine } from "../../worker/protocol.ts";
import type { Client } from "./api-client.ts";

const root = join(import.meta.dirname, "../..");

export const COUNTER = { id: "kasse1", de: "Kasse 1", en: "Desk 1" } as const;

/** Writes the config with the counter to a new folder and returns its path. */
export function writeCounterConfig(language: "de" | "en"): string {
  const config = JSON.parse(readFileSync(join(root, language === "de" ? "config.json" : "examples/config.en.json"), "utf8"));
  config.counters = [{ id: COUNTER.id, name: COUNTER[language] }];
  // The display follows every station here (the English example names only its kitchen).
  delete config.display;
  config.ui = { ...config.ui, auto_close: false };
  const path = join(mkdtempSync(join(tmpdir(), "mini-pos-counter-")), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** Places a counter order as the desk's waiter would (no table); expects it stored (201) with a number. */
export async function placeCounterOrder(waiter: Client, items: OrderLine[]): Promise<Order> {
  waiter.menuVersion ??= (await waiter.get<Menu>("/menu")).version;
  const res = await waiter.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), counter: COUNTER.id, menuVersion: waiter.menuVersion, items });
  if (res.status !== 201) throw new Error(`counter order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.order;
}
