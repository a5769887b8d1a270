// Counter service in the worker tests (issue 22): the shipped config with two cash desks and a
// display that follows the kitchen only, for the worker's routes and the coordinator alike, and a
// counter order placed as the cash desk sends it.
import { env } from "cloudflare:test";
import config from "../../config.json";
import { api, getMenu, type ApiResponse } from "./helpers.ts";
import { useConfig } from "./money-helpers.ts";
import type { ApiErrorBody, Order } from "../../worker/protocol.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- config keys the JSON import lacks
type Config = Record<string, any>;

export const COUNTERS = [
  { id: "kasse", name: "Kasse" },
  { id: "kasse-2", name: "Kasse Süd" },
];

function withCounters(c: Config): void {
  c.counters = COUNTERS;
  c.display = { stations: ["kitchen"] };
  c.ui = { ...c.ui, display_ready_minutes: 5 };
}

/** Call in beforeAll: the worker and its coordinator run with the counters. */
export async function useCounters(): Promise<void> {
  const next: Config = structuredClone(config);
  withCounters(next);
  (env as { EVENT_CONFIG?: string }).EVENT_CONFIG = JSON.stringify(next);
  await useConfig(withCounters);
}

/** Call in afterAll. */
export async function dropCounters(): Promise<void> {
  (env as { EVENT_CONFIG?: string }).EVENT_CONFIG = undefined;
  await useConfig();
}

type OrderAnswer = ApiResponse<{ order: Order; replay: boolean; error: ApiErrorBody["error"] }>;

/** POST /orders for a counter; `id` to send the same order again. */
export async function counterOrder(cookie: string, items: { product: string; qty: number }[], opts: { id?: string; counter?: string; menuVersion?: number } = {}): Promise<OrderAnswer & { id: string }> {
  const id = opts.id ?? crypto.randomUUID();
  const menuVersion = opts.menuVersion ?? (await getMenu(cookie)).version;
  return { ...(await api("POST", "/api/v1/orders", { id, counter: opts.counter ?? "kasse", menuVersion, items }, cookie)), id };
}

export async function mustCounterOrder(cookie: string, items: { product: string; qty: number }[], opts: { id?: string; counter?: string } = {}): Promise<Order> {
  const res = await counterOrder(cookie, items, opts);
  if (res.status !== 201) throw new Error(`counter order not placed: ${res.text}`);
  return res.body.order;
}
