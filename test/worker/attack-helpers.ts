// Requests of the attack tests, sent to the worker's handler directly (as fast as a script on the
// WiFi could send them), from a given device address. The handler is the module these tests import,
// so the greedy and the honest requests meet the same budgets. The address is sent as
// CF-Connecting-IP: in the test runtime there is no connection address (request.cf.clientIp), and
// then the worker reads that header, as it does on Cloudflare (worker/auth/clientAddress.ts).
import { createExecutionContext, env } from "cloudflare:test";
import app from "../../worker/index.ts";
import { BASE, getMenu, login, pageHeaders, type OrderInput } from "./helpers.ts";

export interface Sent {
  status: number;
  body: any;
  headers: Headers;
  id: string;
}

async function send(method: string, path: string, cookie: string, address?: string, body?: unknown): Promise<Response> {
  const headers = pageHeaders(method, { cookie, ...(address ? { "cf-connecting-ip": address } : {}) });
  const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return app.fetch(new Request(`${BASE}${path}`, init), env, createExecutionContext());
}

/** A GET (GET /tables unless another path is given); the caller reads or cancels the body. */
export function readsFrom(cookie: string, address?: string, path = "/api/v1/tables"): Promise<Response> {
  return send("GET", path, cookie, address);
}

let menuVersion: number | undefined;

/** An order body for the current menu: one Pils unless other items are given. */
export function orderBody(input: Partial<OrderInput> = {}): OrderInput & { id: string } {
  return { id: input.id ?? crypto.randomUUID(), table: input.table ?? "A1", menuVersion: input.menuVersion, items: input.items ?? [{ product: "pils", qty: 1 }] };
}

/** POST /orders with the body as given (the menu version filled in when missing). */
export async function placeFrom(cookie: string, body: OrderInput & { id: string }, address?: string): Promise<Sent> {
  menuVersion ??= (await getMenu(await login("waiter"))).version;
  const res = await send("POST", "/api/v1/orders", cookie, address, { ...body, menuVersion: body.menuVersion ?? menuVersion });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the test shows it
  }
  return { status: res.status, body: parsed, headers: res.headers, id: body.id };
}
