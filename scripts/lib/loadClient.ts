// Shared client code of the load harnesses (bench, crash, soak): log in, place orders with retry
// by id, random orders of the menu, and the figures of a run. With the server's process
// (serverProcess.ts) and the stream's client (streamClient.ts), which it re-exports, it is all a
// harness imports. Loopback only: every request and socket goes to 127.0.0.1, and anything else throws.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Menu, Order } from "../../worker/protocol.ts";
import { assertLoopback } from "./loopback.ts";
import { ROOT } from "./serverProcess.ts";

export * from "./serverProcess.ts";
export * from "./streamClient.ts";

/** The PINs of config.json, the config startServerProcess starts (as `npm start` does without --config). */
const access = (JSON.parse(readFileSync(join(ROOT, "config.json"), "utf8")) as { access: { waiterPin: string; stationPin: string; adminPin: string } }).access;
export const PINS = { waiter: access.waiterPin, station: access.stationPin, admin: access.adminPin } as const;

// --- small helpers --------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

/** A deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- HTTP -------------------------------------------------------------------------------------------

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** `retryLimited: false`: a 429 is returned as it is (to count them), not waited out and sent again. */
export async function http<T = any>(base: string, method: string, path: string, opts: { cookie?: string; body?: unknown; timeoutMs?: number; retryLimited?: boolean } = {}): Promise<HttpResult<T>> {
  const url = base + path;
  assertLoopback(url);
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  // What a page of the server sends: its Origin and JSON on anything that changes data (the API refuses others).
  if (method !== "GET") {
    headers.origin = new URL(base).origin;
    headers["content-type"] = "application/json";
  }
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    // A session over its request limit waits as it is told and sends again, as the phones do.
    const limited = res.status === 429 && (body as { error?: { code?: string } })?.error?.code === "RATE_LIMITED";
    if (!limited || attempt >= 20 || opts.retryLimited === false) return { status: res.status, body: body as T, text, headers: res.headers };
    rateLimitedRetries++;
    await sleep(Number(res.headers.get("retry-after") ?? 1) * 1000);
  }
}

/** How often a harness client was told to slow down (429 RATE_LIMITED) and sent again. */
export let rateLimitedRetries = 0;

export async function login(base: string, name: string, role: keyof typeof PINS): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await http(base, "POST", "/api/v1/login", { body: { name, pin: PINS[role] } });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${res.text}`);
      const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
      if (!cookie) throw new Error("login set no cookie");
      return cookie;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(100);
    }
  }
}

export async function getMenu(base: string, cookie: string): Promise<Menu> {
  const res = await http<Menu>(base, "GET", "/api/v1/menu", { cookie });
  if (res.status !== 200) throw new Error(`menu: ${res.status} ${res.text}`);
  return res.body;
}

export interface OrderBody {
  id: string;
  table: string;
  menuVersion: number;
  items: { product: string; qty: number; note?: string; options?: string[] }[];
}

export interface PlaceResult {
  status: number;
  order?: Order;
  attempts: number;
  /** performance.now() when the last (successful) attempt was sent. */
  sentAt: number;
  error?: string;
}

/**
 * Places an order, retrying with the same id and the same body on network errors and 5xx until
 * the server answers 200/201 (or another 4xx, which is final) or the deadline passes.
 */
export async function placeOrder(
  base: string,
  cookie: string,
  body: OrderBody,
  opts: { deadlineMs?: number; onSend?: (attempt: number, at: number) => void; retryDelayMs?: number } = {},
): Promise<PlaceResult> {
  const deadline = performance.now() + (opts.deadlineMs ?? 30_000);
  let attempts = 0;
  let lastError = "";
  for (;;) {
    attempts++;
    const sentAt = performance.now();
    opts.onSend?.(attempts, sentAt);
    try {
      const res = await http<{ order: Order; replay: boolean }>(base, "POST", "/api/v1/orders", { cookie, body, timeoutMs: 10_000 });
      if (res.status === 200 || res.status === 201) return { status: res.status, order: res.body.order, attempts, sentAt };
      if (res.status < 500) return { status: res.status, attempts, sentAt, error: res.text };
      lastError = `${res.status} ${res.text.slice(0, 200)}`;
    } catch (error) {
      lastError = String((error as Error).message ?? error);
    }
    if (performance.now() > deadline) return { status: 0, attempts, sentAt, error: lastError };
    await sleep(opts.retryDelayMs ?? 50);
  }
}

// --- orders -----------------------------------------------------------------------------------------

export interface MenuIndex {
  menu: Menu;
  byStation: Map<string, Menu["products"]>;
  price: Map<string, number>;
  stationOf: Map<string, string>;
}

export function indexMenu(menu: Menu): MenuIndex {
  const stationOfCategory = new Map(menu.categories.map((c) => [c.id, c.station]));
  const byStation = new Map<string, Menu["products"]>();
  const stationOf = new Map<string, string>();
  for (const p of menu.products) {
    const station = stationOfCategory.get(p.category)!;
    stationOf.set(p.id, station);
    byStation.set(station, [...(byStation.get(station) ?? []), p]);
  }
  return { menu, byStation, price: new Map(menu.products.map((p) => [p.id, p.priceCents])), stationOf };
}

export const TABLES = "ABCDEF".split("").flatMap((r) => Array.from({ length: 9 }, (_, i) => `${r}${i + 1}`));

/** A random order for the given stations (1–3 lines each), with an option or a note now and then. */
export function randomOrder(index: MenuIndex, random: () => number, stations: string[]): OrderBody {
  const items: OrderBody["items"] = [];
  const used = new Set<string>();
  for (const station of stations) {
    const products = index.byStation.get(station)!;
    const lines = 1 + Math.floor(random() * 3);
    for (let i = 0; i < lines; i++) {
      const p = products[Math.floor(random() * products.length)]!;
      if (used.has(p.id)) continue;
      used.add(p.id);
      const item: OrderBody["items"][number] = { product: p.id, qty: 1 + Math.floor(random() * 4) };
      if (p.options.length && random() < 0.3) item.options = [p.options[Math.floor(random() * p.options.length)]!];
      if (random() < 0.1) item.note = "bitte schnell";
      items.push(item);
    }
  }
  return { id: crypto.randomUUID(), table: TABLES[Math.floor(random() * TABLES.length)]!, menuVersion: index.menu.version, items };
}

/** What the client expects the order to cost, from the menu prices it was shown. */
export function expectedCents(index: MenuIndex, body: OrderBody): number {
  return body.items.reduce((sum, i) => sum + index.price.get(i.product)! * i.qty, 0);
}
