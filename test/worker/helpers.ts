// Helpers for the worker tests: log in, call the API, place orders, and listen on the stream.
// All tests of a file share one event (the coordinator is addressed by the config's event id), so
// tests use fresh UUIDs and compare before/after instead of assuming an empty database.
import { env, runInDurableObject, SELF } from "cloudflare:test";
import config from "../../config.json";
import { PINS as SHIPPED_PINS } from "../pins.ts";
import type { ApiErrorBody, Menu, Order, Role, ServerFrame } from "../../worker/protocol.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";

export const BASE = "http://pos";
export const EVENT_ID = config.id;
/** The PINs of config.json, which the worker under test bundles (test/pins.ts). */
export const PINS: Record<Role, string> = SHIPPED_PINS;

/**
 * The headers a page of this server sends: its Origin on anything that changes data or opens the
 * stream, and JSON as the type of every request that changes data (the worker refuses others).
 */
export function pageHeaders(method: string, init: Record<string, string> | Headers = {}): Headers {
  const h = new Headers(init);
  if (method !== "GET" && method !== "HEAD") {
    if (!h.has("origin")) h.set("origin", BASE);
    if (!h.has("content-type")) h.set("content-type", "application/json");
  }
  if (h.get("upgrade")?.toLowerCase() === "websocket" && !h.has("origin")) h.set("origin", BASE);
  return h;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** For assertion messages: status and body in one line. */
  text: string;
}

/** Calls the API. A string body is sent as is (for malformed JSON); anything else as JSON. */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const h = pageHeaders(method, headers);
  if (cookie) h.set("cookie", cookie);
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    if (!h.has("content-type")) h.set("content-type", "application/json");
  }
  const res = await SELF.fetch(`${BASE}${path}`, { method, headers: h, body: payload });
  const raw = await res.text();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // not JSON: keep the text, the test will say so
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text: `${res.status} ${raw.slice(0, 2000)}` };
}

/**
 * The device token of this file's logins: they come from a device that logged in before, like the
 * phones of an evening, so a test that guesses PINs (from unknown devices) does not lock them out.
 */
let knownDevice = "";
/**
 * The device each name logged in from: a waiter's name is logged in on one device only (a second
 * needs the admin PIN), and the first logins of a file may run in parallel, each on a new device.
 */
const deviceOfName = new Map<string, string>();

/** Logs in with the role's PIN; returns the session cookie (name=value). */
export async function login(role: Role, name = `${role}-${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  const device = deviceOfName.get(name) ?? knownDevice;
  const res = await api("POST", "/api/v1/login", { name, pin: PINS[role] }, device || undefined);
  if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.text}`);
  const cookies = res.headers.getSetCookie();
  const given = cookies.find((c) => c.startsWith("mini_pos_device="))?.split(";")[0];
  knownDevice ||= given ?? "";
  deviceOfName.set(name, given ?? device);
  const session = cookies.find((c) => c.startsWith("mini_pos_session="));
  if (!session) throw new Error("login set no cookie");
  return session.split(";")[0]!;
}

export async function getMenu(cookie: string): Promise<Menu> {
  const res = await api<Menu>("GET", "/api/v1/menu", undefined, cookie);
  if (res.status !== 200) throw new Error(`menu: ${res.text}`);
  return res.body;
}

export interface OrderInput {
  id?: string;
  table?: string;
  menuVersion?: number;
  items: { product: string; qty: number; note?: string; options?: string[] }[];
}

/** Places an order against the current menu version unless one is given. */
export async function placeOrder(cookie: string, input: OrderInput): Promise<ApiResponse<{ order: Order; replay: boolean; error: ApiErrorBody["error"] }> & { sent: Required<Omit<OrderInput, "items">> & OrderInput }> {
  const sent = {
    id: input.id ?? crypto.randomUUID(),
    table: input.table ?? "A1",
    menuVersion: input.menuVersion ?? (await getMenu(cookie)).version,
    items: input.items,
  };
  return { ...(await api("POST", "/api/v1/orders", sent, cookie)), sent };
}

/** Places an order and fails the test unless it is created. */
export async function mustPlaceOrder(cookie: string, input: OrderInput): Promise<Order> {
  const res = await placeOrder(cookie, input);
  if (res.status !== 201) throw new Error(`order not placed: ${res.text}`);
  return res.body.order;
}

/** Sets a product's availability as admin; fails the test on anything but 200. */
export async function setAvailability(admin: string, product: string, body: { soldOut?: boolean; quota?: number | null }) {
  const res = await api("PUT", `/api/v1/products/${product}/availability`, body, admin);
  if (res.status !== 200) throw new Error(`availability of ${product}: ${res.text}`);
  return res.body as { availability: { product: string; soldOut: boolean; quota: number | null }; menuVersion: number };
}

export async function resetAvailability(admin: string, product: string) {
  return setAvailability(admin, product, { soldOut: false, quota: null });
}

// --- D1 -----------------------------------------------------------------------------------------

export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...binds).first<{ n: number }>();
  return row!.n;
}

export async function currentSeq(): Promise<number> {
  const row = await env.DB.prepare("SELECT max(seq) AS seq FROM changes WHERE event_id = ?").bind(EVENT_ID).first<{ seq: number | null }>();
  return row?.seq ?? 0;
}

/**
 * Makes the coordinator's next D1 batch that writes fail, as a lost database would, or with the error
 * D1 gives on a full disk (`message`: SQLite's, or the runtime's "internal error" that hides it).
 */
export async function failNextBatch(message = "simulated D1 failure"): Promise<void> {
  await runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (instance: EventCoordinator) => {
    const db = (instance as any).db;
    const batch = db.batch;
    // Reads come in batches too (an order's rows): only the next batch that writes fails.
    db.batch = async (statements: { toSQL?: () => { sql: string } }[]) => {
      if (!statements.some((st) => /^\s*(insert|update|delete)\b/i.test(st.toSQL?.().sql ?? ""))) return batch.call(db, statements);
      db.batch = batch;
      throw new Error(message);
    };
  });
}

// --- the stream ---------------------------------------------------------------------------------

export type Frame = ServerFrame & Record<string, any>;

export class Stream {
  /** Every message received, in order (parsed JSON, or the raw text for non-JSON such as "pong"). */
  readonly received: (Frame | string)[] = [];
  private read = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | undefined;

  readonly ws: WebSocket;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener("message", (event) => {
      const data = typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data as ArrayBuffer);
      let value: Frame | string = data;
      try {
        value = JSON.parse(data) as Frame;
      } catch {
        // plain text, such as "pong"
      }
      this.received.push(value);
      this.wake();
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The next `n` messages not read yet; fails after `timeoutMs` with what did arrive. */
  async nextFrames(n: number, timeoutMs = 5000): Promise<(Frame | string)[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length - this.read < n) {
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        const got = this.received.slice(this.read);
        throw new Error(`expected ${n} frames within ${timeoutMs} ms, got ${got.length}${this.closed ? ` (closed ${this.closed.code})` : ""}: ${JSON.stringify(got).slice(0, 2000)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const out = this.received.slice(this.read, this.read + n);
    this.read += n;
    return out;
  }

  /** The next JSON frame. */
  async next(timeoutMs = 5000): Promise<Frame> {
    const [frame] = await this.nextFrames(1, timeoutMs);
    if (typeof frame === "string") throw new Error(`expected a JSON frame, got ${frame}`);
    return frame!;
  }

  /** Waits `ms` and returns whatever arrived that was not read yet (marks it read). */
  async drain(ms = 150): Promise<(Frame | string)[]> {
    await new Promise((r) => setTimeout(r, ms));
    const out = this.received.slice(this.read);
    this.read = this.received.length;
    return out;
  }

  send(data: unknown) {
    this.ws.send(typeof data === "string" ? data : JSON.stringify(data));
  }

  close() {
    try {
      this.ws.close(1000, "test done");
    } catch {
      // already closed
    }
  }
}

/** Opens /api/v1/stream as a WebSocket; throws with the body if the upgrade is refused. */
export async function openStream(cookie: string, query = ""): Promise<Stream> {
  const res = await SELF.fetch(`${BASE}/api/v1/stream${query}`, { headers: pageHeaders("GET", { Upgrade: "websocket", cookie }) });
  if (res.status !== 101 || !res.webSocket) throw new Error(`stream upgrade failed: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  const stream = new Stream(ws);
  ws.accept();
  return stream;
}

/** The upgrade request, for tests that expect it to be refused. */
export function streamRequest(cookie: string | undefined, query = ""): Promise<Response> {
  const headers: Record<string, string> = { Upgrade: "websocket" };
  if (cookie) headers.cookie = cookie;
  return SELF.fetch(`${BASE}/api/v1/stream${query}`, { headers: pageHeaders("GET", headers) });
}

export function ticketOf(order: Order, station: string) {
  const ticket = order.tickets.find((t) => t.station === station);
  if (!ticket) throw new Error(`order ${order.id} has no ${station} ticket`);
  return ticket;
}
