// The API as a phone or station uses it, for browser tests that set the scene without a UI:
// log in, GET and POST with the session cookie, place an order.
import { expect } from "vitest";
import type { Menu, Order, OrderLine } from "../../worker/protocol.ts";
import { deviceOf, rememberDevice } from "./devices.ts";

/** What a page of the server sends: its Origin and JSON on anything that changes data (the API refuses others). */
export function pageHeaders(base: string, method: string): Record<string, string> {
  return method === "GET" ? {} : { origin: new URL(base).origin, "content-type": "application/json" };
}

/**
 * Logs in through the API and returns the cookies for fetch calls (the session's and the device's).
 * A name logs in from its one device (test/browser/devices.ts), as the person's phone would.
 */
export async function loginCookie(base: string, name: string, pin: string): Promise<string> {
  const device = deviceOf(base, name);
  const headers = { ...pageHeaders(base, "POST"), ...(device ? { cookie: device } : {}) };
  const res = await fetch(`${base}/api/v1/login`, { method: "POST", headers, body: JSON.stringify({ name, pin }) });
  if (res.status !== 200) throw new Error(`login ${name} failed: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie();
  rememberDevice(base, name, set);
  const cookies = set.map((c) => c.split(";")[0]!);
  return (device ? [...cookies, device] : cookies).join("; ");
}

export async function apiCall<T = unknown>(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, ...pageHeaders(base, method) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T;
    // A session over its request limit (a test setting the scene fast) waits as told, like the phones.
    const limited = res.status === 429 && (parsed as { error?: { code?: string } } | undefined)?.error?.code === "RATE_LIMITED";
    if (!limited || attempt >= 20) return { status: res.status, body: parsed };
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
  }
}

export interface Client {
  cookie: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The menu version this client last read; placeOrder reads it once. */
  menuVersion?: number;
}

export async function apiLogin(base: string, name: string, pin: string): Promise<Client> {
  const cookie = await loginCookie(base, name, pin);
  return {
    cookie,
    async get<T>(path: string) {
      const res = await apiCall<T>(base, cookie, "GET", path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    post: <T>(path: string, body?: unknown) => apiCall<T>(base, cookie, "POST", path, body),
  };
}

/** Places an order as `waiter` and expects it to be stored (201). */
export async function placeOrder(waiter: Client, table: string, items: OrderLine[]): Promise<Order> {
  waiter.menuVersion ??= (await waiter.get<Menu>("/menu")).version;
  const res = await waiter.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), table, menuVersion: waiter.menuVersion, items });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order;
}
