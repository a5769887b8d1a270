// Property-based fuzzing of the boundary (DESIGN invariant 7): every endpoint and every socket frame
// gets random and hostile input — wrong types, huge numbers, unicode digits, 1 MB strings, deep
// nesting, missing and extra fields, unknown ids, script tags, __proto__ keys. Each answer must be
// a 4xx with { error: { code, message, path } } as JSON (never a 5xx, never HTML), and no state may
// change: a fingerprint of D1 is compared before and after every property.
import { createExecutionContext, env } from "cloudflare:test";
import app from "../../worker/index.ts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 30_000 });
import config from "../../config.json";
import { codeToStatus, ERROR_CODES, STREAM_LIMITS, type Order } from "../../worker/protocol.ts";
import { pageHeaders, PINS } from "./helpers.ts";

const BASE = "http://pos";

/**
 * The worker's own fetch handler, called directly. SELF.fetch would do the same, but under
 * vitest-pool-workers every SELF.fetch gets slower with the number made before it in the same
 * workerd (cloudflare/workers-sdk#15446: here 4 ms → 60 ms per request after 450), which makes
 * 10,000 cases impossible in a minute.
 */
// Thousands of requests a second from one session on purpose: this is about their content, so
// without the per-session request limit (test/worker/attack-sessions.test.ts is about that).
const fuzzEnv = { ...env, HTTP_RATE_LIMIT: "off" };
const SELF = { fetch: (url: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(url, init), fuzzEnv, createExecutionContext())) };
const RAW = Symbol("raw");
/** A body sent exactly as this text (for malformed JSON, deep nesting, __proto__ keys). */
type Raw = { [RAW]: string };
const raw = (text: string): Raw => ({ [RAW]: text });
const isRaw = (b: unknown): b is Raw => typeof b === "object" && b !== null && RAW in b;

interface Answer {
  status: number;
  type: string;
  body: any;
  text: string;
}

async function call(method: string, path: string, opts: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers = pageHeaders(method, opts.headers);
  if (opts.cookie !== undefined) headers.set("cookie", opts.cookie);
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = isRaw(opts.body) ? opts.body[RAW] : JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    // What an HTTP client sends with a body (the worker looks at it to require JSON).
    headers.set("content-length", String(new TextEncoder().encode(payload ?? "").length));
  }
  const res = await SELF.fetch(BASE + path, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", body, text };
}

const describeAnswer = (a: Answer) => `${a.status} ${a.type} ${a.text.slice(0, 300)}`;

/** A 4xx with the API's error body, as JSON, whose code maps to that status. */
function expectApiError(a: Answer, context: string, codes?: readonly string[]) {
  const where = `${context} → ${describeAnswer(a)}`;
  expect(a.status, where).toBeGreaterThanOrEqual(400);
  expect(a.status, where).toBeLessThan(500);
  expect(a.type, where).toMatch(/^application\/json/);
  const error = a.body?.error;
  expect(typeof error?.code, where).toBe("string");
  expect(ERROR_CODES as readonly string[], where).toContain(error.code);
  expect(codeToStatus[error.code as keyof typeof codeToStatus], where).toBe(a.status);
  expect(typeof error.message, where).toBe("string");
  expect(typeof error.path, where).toBe("string");
  if (codes) expect(codes, where).toContain(error.code);
}

/** Input that may legitimately be ignored (an unknown query key on a plain read): no 5xx, errors well-formed. */
function expectNoServerError(a: Answer, context: string) {
  const where = `${context} → ${describeAnswer(a)}`;
  expect(a.status, where).toBeLessThan(500);
  expect(a.type, where).not.toMatch(/html/);
  if (a.status >= 400) expectApiError(a, context);
}

/**
 * The device tokens of the test's own logins, so the fuzzed wrong PINs (from unknown devices) never
 * lock them out: one per role, as each name stays on its device (a waiter's name is on one only).
 */
const devices: Partial<Record<keyof typeof PINS, string>> = {};
async function login(role: keyof typeof PINS): Promise<string> {
  const headers = pageHeaders("POST");
  const device = devices[role];
  if (device) headers.set("cookie", device);
  const a = await SELF.fetch(`${BASE}/api/v1/login`, { method: "POST", headers, body: JSON.stringify({ name: `fuzz-${role}`, pin: PINS[role] }) });
  expect(a.status).toBe(200);
  devices[role] ??= a.headers.getSetCookie().find((c) => c.startsWith("mini_pos_device="))!.split(";")[0]!;
  return a.headers.getSetCookie().find((c) => c.startsWith("mini_pos_session="))!.split(";")[0]!;
}

/** Everything a request could change: the stream, orders, tickets and their state, availability, settings. */
async function fingerprint(): Promise<string> {
  const row = await env.DB.prepare(
    `SELECT
       (SELECT coalesce(max(seq), 0) FROM changes) AS maxSeq,
       (SELECT count(*) FROM changes) AS changes,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM order_items) AS items,
       (SELECT count(*) || ':' || coalesce(sum(done_at), 0) || ':' || coalesce(sum(picked_up_at), 0) FROM tickets) AS tickets,
       (SELECT coalesce(sum(done_at), 0) FROM order_items) AS itemsDone,
       (SELECT coalesce(group_concat(product_id || '=' || sold_out || '/' || coalesce(quota, '-')), '') FROM availability) AS availability,
       (SELECT coalesce(group_concat(event_id || ':' || seq || ':' || menu_version), '') FROM event_state) AS eventState,
       (SELECT count(*) FROM menu_versions) AS menuVersions,
       (SELECT count(*) FROM settings) AS settings`,
  ).first();
  // Every other table by its row count (payments, voids, moves, settlements, positions, ...), so a
  // new table is covered without naming it here; a change that rewrites rows also takes a seq.
  // Logins and wrong PINs are meant to leave rows (sessions, pin_attempts): they are no change of the event.
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'sessions', 'pin_attempts') ORDER BY name",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) counts[name] = (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  return JSON.stringify({ row, counts });
}

// --- generators ---------------------------------------------------------------------------------

const unicodeDigits = fc.constantFrom("١٢٣٤", "۱۲۳۴", "१२३४", "１２３４", "໑໒໓", "𝟏𝟐𝟑", "١", "٠", "٣.٥", "-١");
const nastyStrings = fc.constantFrom(
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e",
  "\ud800",
  "' OR 1=1 --",
  "\"; DROP TABLE orders; --",
  "${7*7}",
  "{{7*7}}",
  " ",
  "",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x10",
  "1.0",
  "A1\u0000",
  "A1 ",
  " A1",
  "a1",
  "ticket.bump",
);
const hostileString = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 30 }), unicodeDigits, nastyStrings, fc.string({ minLength: 200, maxLength: 600 }));
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, -0, 1e21, 0.5, -1, 1000, 100_001, 4.2e-320),
);
const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string(), nastyStrings), leaf, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
/** Deeply nested JSON and objects with prototype keys, as raw text. */
const hostileRaw = fc.oneof(
  fc.integer({ min: 50, max: 5000 }).map((d) => raw("[".repeat(d) + "]".repeat(d))),
  fc.integer({ min: 50, max: 2000 }).map((d) => raw('{"a":'.repeat(d) + "1" + "}".repeat(d))),
  fc.constantFrom(
    raw('{"__proto__":{"isAdmin":true,"polluted":1}}'),
    raw('{"constructor":{"prototype":{"polluted":1}}}'),
    raw("{"),
    raw("[1,2"),
    raw('{"a":1,}'),
    raw("NaN"),
    raw("undefined"),
    raw("'single'"),
    raw('"\\ud800"'),
    raw("\u0000"),
    raw(""),
    raw("null"),
    raw("1e999"),
  ),
);
const anyBody = fc.oneof({ weight: 3, arbitrary: hostileValue }, { weight: 1, arbitrary: hostileRaw });

const uuid = () => crypto.randomUUID();

// --- shared state of the file ---------------------------------------------------------------------

let waiter: string;
let station: string;
let admin: string;
let menuVersion: number;
let realOrder: Order;
let realTicket: string;

beforeAll(async () => {
  [waiter, station, admin] = await Promise.all([login("waiter"), login("station"), login("admin")]);
  const menu = await call("GET", "/api/v1/menu", { cookie: waiter });
  menuVersion = menu.body.version;
  // One real order, so that conflicts and real ticket ids are exercised too.
  const placed = await call("POST", "/api/v1/orders", {
    cookie: waiter,
    body: { id: uuid(), table: "A1", menuVersion, items: [{ product: "pils", qty: 2 }, { product: "pommes", qty: 1, options: ["mit Mayo"] }] },
  });
  expect(placed.status, describeAnswer(placed)).toBe(201);
  realOrder = placed.body.order;
  realTicket = realOrder.tickets[0]!.id;
});

afterAll(() => {
  // Nothing leaked into the prototypes of this isolate.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

/** Runs a property and checks that the state fingerprint is the same afterwards. */
async function unchanged(run: () => Promise<void>) {
  const before = await fingerprint();
  await run();
  expect(await fingerprint()).toBe(before);
}

/** Scales every property's number of cases (1 = the full run of about 11,000 cases). */
const SCALE = 1;
/** Cases per run of a property, sent at once (the runtime overlaps them; shrinking still works per element). */
const BATCH = 10;
const opts = (cases: number, batched = true) => ({ numRuns: Math.max(1, Math.round((cases * SCALE) / (batched ? BATCH : 1))), endOnFailure: true });

/** A property over BATCH cases at a time; each case is checked on its own. */
function batch<T extends unknown[]>(arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, check: (...args: T) => Promise<void>) {
  const one = fc.tuple(...(arbs as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<T>;
  return fc.asyncProperty(fc.array(one, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
    await Promise.all(cases.map((args) => check(...args)));
  });
}

/** encodeURIComponent that does not throw on lone surrogates (they become U+FFFD, as a browser sends them). */
const enc = (s: string) => encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed());

// --- properties -------------------------------------------------------------------------------------

describe("fuzz: HTTP endpoints", () => {
  it("POST /orders: any hostile body is refused", async () => {
    await unchanged(() =>
      fc.assert(
        batch([anyBody], async (body) => {
          expectApiError(await call("POST", "/api/v1/orders", { cookie: waiter, body }), `order ${isRaw(body) ? body[RAW].slice(0, 80) : JSON.stringify(body)?.slice(0, 200)}`);
        }),
        opts(1500),
      ),
    );
  });

  // A valid order with exactly one part made invalid: each mutation is invalid on its own.
  const validLine = { product: "pils", qty: 1 };
  const invalidLine = fc.oneof(
    hostileValue.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)),
    fc.record({ product: fc.oneof(hostileString.filter((s) => !config.products.some((p) => p.id === s)), hostileNumber, fc.constant(null)), qty: fc.constant(1) }),
    fc.record({ product: fc.constant("pils"), qty: fc.oneof(hostileNumber.filter((n) => !(Number.isInteger(n) && n >= 1 && n <= 999)), hostileString, unicodeDigits, fc.constant(null)) }),
    fc.record({ product: fc.constant("pils"), qty: fc.constant(1), note: fc.oneof(fc.string({ minLength: 201, maxLength: 400 }), hostileNumber, fc.constant(null), fc.array(leaf)) }),
    fc.record({ product: fc.constant("pils"), qty: fc.constant(1), options: fc.oneof(fc.array(hostileString, { minLength: 1, maxLength: 3 }), hostileString, hostileNumber) }),
    fc.record({ product: fc.constant("pommes"), qty: fc.constant(1), options: fc.constant(Array.from({ length: 21 }, () => "mit Mayo")) }),
    fc.dictionary(nastyStrings.filter((k) => !["product", "qty", "note", "options", "__proto__"].includes(k)), leaf, { minKeys: 1, maxKeys: 3 }).map((extra) => ({ ...validLine, ...extra })),
    fc.constant({ qty: 1 }),
    fc.constant({ product: "pils" }),
  );
  const mutation = fc.oneof(
    fc.record({ field: fc.constant("id"), value: fc.oneof(hostileValue, unicodeDigits, fc.constant("7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7")) }),
    fc.record({ field: fc.constant("table"), value: fc.oneof(hostileValue.filter((v) => !config.tables.list.some((t) => t.name === v)), fc.constant("Z9")) }),
    fc.record({ field: fc.constant("menuVersion"), value: fc.oneof(hostileValue.filter((v) => !(Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= menuVersion)), unicodeDigits) }),
    fc.record({ field: fc.constant("items"), value: fc.oneof(hostileValue.filter((v) => !Array.isArray(v) || v.length === 0), fc.constant([]), fc.constant(Array.from({ length: 101 }, () => validLine))) }),
    fc.record({ field: fc.constant("line"), value: invalidLine }),
    fc.record({ field: fc.constant("missing"), value: fc.constantFrom("id", "table", "menuVersion", "items") }),
    // (a "__proto__" key cannot be set by assignment; the "proto" case sends it as raw JSON)
    fc.record({ field: fc.constant("extra"), value: fc.tuple(nastyStrings.filter((k) => !["id", "table", "menuVersion", "items", "__proto__"].includes(k)), leaf) }),
    fc.record({ field: fc.constant("conflict"), value: fc.constant(null) }),
    fc.record({ field: fc.constant("proto"), value: fc.constant(null) }),
  );

  it("POST /orders: a valid order with one invalid part is refused", async () => {
    await unchanged(() =>
      fc.assert(
        batch([mutation, fc.integer({ min: 0, max: 2 })], async ({ field, value }, position) => {
          const body: Record<string, unknown> = { id: uuid(), table: "B2", menuVersion, items: [validLine, { product: "pommes", qty: 2 }] };
          let sent: unknown = body;
          if (field === "line") (body.items as unknown[]).splice(position, 0, value);
          else if (field === "missing") delete body[value as string];
          else if (field === "extra") body[(value as [string, unknown])[0]] = (value as [string, unknown])[1];
          else if (field === "conflict") Object.assign(body, { id: realOrder.id }); // same id, other content → 409
          else if (field === "proto") sent = raw(JSON.stringify(body).replace(/^\{/, '{"__proto__":{"polluted":1},'));
          else body[field] = value;
          expectApiError(await call("POST", "/api/v1/orders", { cookie: waiter, body: sent }), `${field} = ${JSON.stringify(value)?.slice(0, 200)}`);
        }),
        opts(2000),
      ),
    );
  });

  it("POST /login: hostile names and PINs never log in", async () => {
    const validPins = Object.values(PINS) as string[];
    const body = fc.oneof(
      anyBody,
      fc.record({ name: hostileValue, pin: fc.constantFrom(PINS.waiter, PINS.admin) }).filter((b) => typeof b.name !== "string" || b.name.trim().length === 0 || b.name.trim().length > 40 || /[\u0000-\u001f\u007f<>]/.test(b.name)),
      fc.record({ name: fc.constant("Anna"), pin: fc.oneof(hostileValue, unicodeDigits, fc.stringMatching(/^[0-9]{1,12}$/)) }).filter((b) => !validPins.includes(b.pin as string)),
      fc.record({ name: fc.constant("Anna"), pin: fc.constant(PINS.waiter), role: fc.constantFrom("admin", "__proto__") }),
    );
    await unchanged(() =>
      fc.assert(
        batch([body, fc.boolean()], async (b, sameClient) => {
          const headers: Record<string, string> = sameClient ? {} : { "cf-connecting-ip": `fuzz-${uuid()}` };
          const a = await call("POST", "/api/v1/login", { body: b, headers });
          expectApiError(a, `login ${isRaw(b) ? b[RAW].slice(0, 80) : JSON.stringify(b)?.slice(0, 200)}`);
        }),
        opts(1000),
      ),
    );
  });

  it("forged, garbled or missing cookies are never a session", async () => {
    const paths = [
      ["GET", "/api/v1/session"],
      ["GET", "/api/v1/event"],
      ["GET", "/api/v1/menu"],
      ["GET", "/api/v1/tables"],
      ["GET", "/api/v1/tables/A1/orders"],
      ["GET", "/api/v1/tickets"],
      ["GET", `/api/v1/orders/${uuid()}`],
      ["POST", "/api/v1/orders"],
      ["POST", "/api/v1/tickets/x/bump"],
      ["POST", "/api/v1/tickets/x/undo"],
      ["POST", "/api/v1/tickets/x/pickup"],
      ["POST", "/api/v1/tickets/x/items/0/bump"],
      ["POST", "/api/v1/tickets/x/items/0/undo"],
      ["PUT", "/api/v1/products/pils/availability"],
      ["GET", "/api/v1/stream"],
      ["GET", "/api/v1/tables/A1/bill"],
      ["POST", "/api/v1/tables/A1/move"],
      ["GET", "/api/v1/payments"],
      ["POST", "/api/v1/payments"],
      ["POST", `/api/v1/payments/${uuid()}/reverse`],
      ["POST", "/api/v1/voids"],
      ["GET", "/api/v1/settlement"],
      ["GET", "/api/v1/settlements"],
      ["POST", "/api/v1/settlements"],
      ["GET", "/api/v1/audit"],
    ] as const;
    const cookie = fc.oneof(
      fc.constant(undefined),
      hostileString.map((s) => `mini_pos_session=${enc(s)}`),
      fc.constantFrom("waiter", "admin").map((role) => `mini_pos_session=${encodeURIComponent(`${role}|000000000000|${Date.now()}|Eve`)}.AAAA`),
      fc.constant(() => waiter).map((w) => w().replace(/.$/, (c) => (c === "A" ? "B" : "A"))),
      fc.constant(() => admin).map((a) => a().replace("mini_pos_session=", "mini_pos_session=x")),
      fc.string().map((s) => s.replace(/[\r\n]/g, "")),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.constantFrom(...paths), cookie], async ([method, path], c) => {
          const body = method === "GET" ? undefined : {};
          const headers: Record<string, string> = path.endsWith("stream") ? { upgrade: "websocket" } : {};
          let a: Answer;
          try {
            a = await call(method, path, { cookie: c, body, headers });
          } catch (error) {
            // A cookie the Headers class itself refuses never reaches the server.
            expect(String(error)).toMatch(/header|invalid/i);
            return;
          }
          expectApiError(a, `${method} ${path} cookie=${c?.slice(0, 80)}`, ["UNAUTHENTICATED", "INVALID_INPUT"]);
        }),
        opts(800),
      ),
    );
  });

  it("path parameters: hostile and unknown ids are refused", async () => {
    const segment = fc.oneof(
      hostileString,
      unicodeDigits,
      fc.constant(uuid()),
      fc.string({ minLength: 121, maxLength: 300 }),
      fc.constantFrom("__proto__", "constructor", "%2e%2e", "..", "%00", "%ZZ", "a%2Fb", "%F0%9F%98%80"),
    ).filter((s) => s.length > 0);
    const line = fc.oneof(unicodeDigits, fc.constantFrom("-1", "100", "999", "1000", "1e2", "0x1", "1.5", " 1", "abc", "__proto__", "%31"), fc.integer({ min: 100, max: 1e9 }).map(String));
    const target = fc.oneof(
      segment.map((s) => ["GET", `/api/v1/tables/${enc(s)}/orders`, "waiter"] as const),
      segment.map((s) => ["GET", `/api/v1/orders/${enc(s)}`, "waiter"] as const),
      fc.tuple(fc.constantFrom("bump", "undo", "pickup"), segment).map(([a, s]) => ["POST", `/api/v1/tickets/${enc(s)}/${a}`, "station"] as const),
      fc.tuple(fc.constantFrom("bump", "undo"), segment, fc.integer({ min: 0, max: 99 })).map(([a, s, l]) => ["POST", `/api/v1/tickets/${enc(s)}/items/${l}/${a}`, "station"] as const),
      fc.tuple(fc.constantFrom("bump", "undo"), line).map(([a, l]) => ["POST", `/api/v1/tickets/${encodeURIComponent(realTicket)}/items/${enc(l)}/${a}`, "station"] as const),
      fc.tuple(fc.constantFrom("bump", "undo"), fc.integer({ min: 2, max: 99 })).map(([a, l]) => ["POST", `/api/v1/tickets/${encodeURIComponent(realTicket)}/items/${l}/${a}`, "station"] as const),
      fc.constantFrom("bump", "undo", "pickup").map((a) => ["POST", `/api/v1/tickets/${encodeURIComponent(realTicket)}/${a}`, "waiter"] as const),
      segment.map((s) => ["PUT", `/api/v1/products/${enc(s)}/availability`, "admin"] as const),
      fc.constant(["GET", `/api/v1/orders/${uuid()}`, "waiter"] as const),
    );
    await unchanged(() =>
      fc.assert(
        batch([target], async ([method, path, who]) => {
          const body = method === "PUT" ? { soldOut: true } : undefined;
          const cookie = who === "waiter" ? waiter : who === "station" ? station : admin;
          expectApiError(await call(method, path, { cookie, body }), `${method} ${path.slice(0, 200)} as ${who}`);
        }),
        opts(1500),
      ),
    );
  });

  it("query strings: hostile /tickets and /stream queries are refused or ignored, never a 5xx", async () => {
    const value = fc.oneof(hostileString, unicodeDigits, fc.constantFrom("0", "1001", "-1", "1e3", "9999999999999999", "BAR", "bar ", "open,done"));
    const key = fc.oneof(fc.constantFrom("station", "state", "q", "limit", "since", "__proto__", "constructor", "station[]", "limit[0]"), fc.string({ maxLength: 10 }));
    const query = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 4 });
    await unchanged(() =>
      fc.assert(
        batch([fc.constantFrom("/api/v1/tickets", "/api/v1/stream"), query], async (path, pairs) => {
          const qs = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
          const headers: Record<string, string> = path.endsWith("stream") ? { upgrade: "websocket" } : {};
          const res = await SELF.fetch(`${BASE}${path}?${qs}`, { headers: pageHeaders("GET", { ...headers, cookie: station }) });
          if (res.status === 101) {
            // every pair happened to be valid (a known station, a sane since): a real socket; close it
            res.webSocket!.accept();
            res.webSocket!.close(1000, "fuzz");
            return;
          }
          const text = await res.text();
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          expectNoServerError({ status: res.status, type: res.headers.get("content-type") ?? "", body, text }, `${path}?${qs.slice(0, 200)}`);
        }),
        opts(1000),
      ),
    );
  });

  it("query strings that are certainly invalid get a 4xx", async () => {
    const bad = fc.oneof(
      fc.constantFrom("station=BAR", "station=%3Cscript%3E", "station=zzz", "state=closed", "limit=0", "limit=1001", "limit=%D9%A1", "limit=1e3", "q=" + "x".repeat(41), "__proto__=1", "since=1"),
      unicodeDigits.map((d) => `limit=${enc(d)}`),
      fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !["station", "state", "q", "limit"].includes(k)).map((k) => `${enc(k)}=1`),
    );
    await unchanged(() =>
      fc.assert(
        batch([bad], async (qs) => {
          expectApiError(await call("GET", `/api/v1/tickets?${qs}`, { cookie: station }), `tickets?${qs}`);
        }),
        opts(300),
      ),
    );
    const badStream = fc.oneof(
      fc.constantFrom("since=-1", "since=1e3", "since=1.5", "since=", "since=9999999999999999", "station=BAR", "station=zzz", "station=", "x=1", "since=%D9%A1%D9%A2"),
      unicodeDigits.map((d) => `since=${enc(d)}`),
    );
    await unchanged(() =>
      fc.assert(
        batch([badStream, fc.boolean()], async (qs, upgrade) => {
          const headers: Record<string, string> = upgrade ? { upgrade: "websocket" } : {};
          expectApiError(await call("GET", `/api/v1/stream?${qs}`, { cookie: station, headers }), `stream?${qs} upgrade=${upgrade}`);
        }),
        opts(200),
      ),
    );
  });

  it("PUT /products/:product/availability: hostile bodies are refused", async () => {
    const body = fc.oneof(
      anyBody.filter((b) => isRaw(b) || typeof b !== "object" || b === null || Array.isArray(b) || Object.keys(b).some((k) => k !== "soldOut" && k !== "quota")),
      fc.constant({}),
      fc.record({ soldOut: hostileValue.filter((v) => typeof v !== "boolean" && v !== undefined) }),
      // NaN and ±Infinity are sent as null, which is a valid quota ("no quota"): not hostile once on the wire.
      fc.record({ quota: fc.oneof(hostileNumber.filter((n) => Number.isFinite(n) && !(Number.isInteger(n) && n >= 0 && n <= 100_000)), hostileString, unicodeDigits, fc.boolean()) }),
      fc.record({ soldOut: fc.boolean(), quota: fc.constantFrom(-1, 100_001, 1.5, "5", "١", 1e308) }),
      fc.record({ soldOut: fc.boolean(), extra: leaf }),
    );
    await unchanged(() =>
      fc.assert(
        batch([body, fc.constantFrom("pils", "pommes", "__proto__", "nope")], async (b, product) => {
          expectApiError(
            await call("PUT", `/api/v1/products/${product}/availability`, { cookie: admin, body: b }),
            `availability ${product} ${isRaw(b) ? b[RAW].slice(0, 80) : JSON.stringify(b)?.slice(0, 200)}`,
          );
        }),
        opts(800),
      ),
    );
  });

  it("wrong methods, content types, malformed JSON and bodies on every endpoint", async () => {
    const endpoints = [
      "/api/v1/health",
      "/api/v1/login",
      "/api/v1/logout",
      "/api/v1/session",
      "/api/v1/event",
      "/api/v1/menu",
      "/api/v1/tables",
      "/api/v1/tables/A1/orders",
      "/api/v1/orders",
      `/api/v1/orders/${uuid()}`,
      "/api/v1/tickets",
      "/api/v1/tickets/x/bump",
      "/api/v1/tickets/x/undo",
      "/api/v1/tickets/x/pickup",
      "/api/v1/tickets/x/items/0/bump",
      "/api/v1/tickets/x/items/0/undo",
      "/api/v1/products/pils/availability",
      "/api/v1/stream",
      "/api/v1/tables/A1/bill",
      "/api/v1/tables/A1/move",
      "/api/v1/payments",
      `/api/v1/payments/${uuid()}/reverse`,
      "/api/v1/voids",
      "/api/v1/settlement",
      "/api/v1/settlements",
      "/api/v1/audit",
      "/api/v1/sessions",
      `/api/v1/sessions/${"a".repeat(64)}/end`,
      "/api/v1/security",
      "/api/v1/access/pins",
      "/api/v1/menu/edit",
      "/api/v1/menu/config.json",
      "/api/v1/events",
      "/api/v1/nope",
      "/api/v2/orders",
    ];
    const allowed: Record<string, string[]> = {
      "/api/v1/health": ["GET"],
      "/api/v1/login": ["POST"],
      "/api/v1/logout": ["POST"],
      "/api/v1/session": ["GET"],
      "/api/v1/event": ["GET"],
      "/api/v1/menu": ["GET", "PUT"],
      "/api/v1/menu/edit": ["GET"],
      "/api/v1/menu/config.json": ["GET"],
      "/api/v1/events": ["GET", "POST"],
      "/api/v1/tables": ["GET"],
      "/api/v1/tables/A1/orders": ["GET"],
      "/api/v1/orders": ["POST"],
      "/api/v1/tickets": ["GET"],
      "/api/v1/stream": ["GET"],
      "/api/v1/tables/A1/bill": ["GET"],
      "/api/v1/tables/A1/move": ["POST"],
      "/api/v1/payments": ["GET", "POST"],
      "/api/v1/voids": ["POST"],
      "/api/v1/settlement": ["GET"],
      "/api/v1/settlements": ["GET", "POST"],
      "/api/v1/audit": ["GET"],
      "/api/v1/sessions": ["GET"],
      "/api/v1/security": ["GET"],
      "/api/v1/access/pins": ["PUT"],
    };
    const request = fc.oneof(
      // a method the endpoint does not have
      fc.tuple(fc.constantFrom(...endpoints), fc.constantFrom("PUT", "DELETE", "PATCH", "POST", "GET")).filter(([p, m]) => {
        const a = allowed[p] ?? [p.includes("/orders/") ? "GET" : p.includes("availability") ? "PUT" : p.startsWith("/api/v1/tickets/") || p.endsWith("/reverse") ? "POST" : "none"];
        return !a.includes(m);
      }).map(([p, m]) => ({ path: p, method: m, body: m === "GET" ? undefined : {}, type: "application/json" })),
      // a body that is not JSON, or says it is and is not
      fc.tuple(fc.constantFrom(...endpoints.filter((p) => !["/api/v1/health", "/api/v1/session", "/api/v1/event", "/api/v1/menu", "/api/v1/tables", "/api/v1/tables/A1/orders", "/api/v1/tickets", "/api/v1/stream", "/api/v1/tables/A1/bill", "/api/v1/settlement", "/api/v1/audit", "/api/v1/menu/edit", "/api/v1/menu/config.json"].includes(p) && !p.startsWith("/api/v1/orders/"))), fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", "application/xml", "", "application/jsonx"), hostileString)
        .filter(([, t]) => !/^application\/json\b/i.test(t))
        .map(([p, t, s]) => ({ path: p, method: p.includes("availability") ? "PUT" : "POST", body: raw(s || "x"), type: t })),
      fc.tuple(fc.constantFrom("/api/v1/login", "/api/v1/orders", "/api/v1/products/pils/availability"), hostileRaw).map(([p, b]) => ({ path: p, method: p.includes("availability") ? "PUT" : "POST", body: b, type: "application/json" })),
    );
    await unchanged(() =>
      fc.assert(
        batch([request, fc.constantFrom("waiter", "station", "admin", "none")], async (r, who) => {
          // Logout ends the session on the server: it gets a session of its own, not the shared one.
          const shared = who === "waiter" ? waiter : who === "station" ? station : who === "admin" ? admin : undefined;
          const cookie = r.path === "/api/v1/logout" && who !== "none" ? await login(who) : shared;
          const headers: Record<string, string> = {};
          if (r.type) headers["content-type"] = r.type;
          const a = await call(r.method, r.path, { cookie, body: r.body, headers });
          const context = `${r.method} ${r.path} ${r.type} as ${who}`;
          // Logout takes no body and ends no state but the cookie: it may answer 200 to a JSON body
          // (an empty type is sent as application/json by call()).
          if (r.path === "/api/v1/logout" && r.method === "POST" && (r.type === "" || /^application\/json/.test(r.type))) expectNoServerError(a, context);
          else expectApiError(a, context);
        }),
        opts(800),
      ),
    );
  });

  it("1 MB inputs: bodies, path, query, cookie", async () => {
    const mb = "x".repeat(1024 * 1024);
    const mbDigits = "١".repeat(512 * 1024);
    await unchanged(async () => {
      for (const [method, path, cookie] of [
        ["POST", "/api/v1/login", undefined],
        ["POST", "/api/v1/orders", waiter],
        ["PUT", "/api/v1/products/pils/availability", admin],
        ["POST", "/api/v1/tickets/x/bump", station],
      ] as const) {
        expectApiError(await call(method, path, { cookie, body: { id: uuid(), table: mb, items: [] } }), `${path} 1 MB body`, ["PAYLOAD_TOO_LARGE"]);
        expectApiError(await call(method, path, { cookie, body: raw(`"${mbDigits}"`) }), `${path} 1 MB unicode digits`, ["PAYLOAD_TOO_LARGE"]);
      }
      expectApiError(await call("GET", `/api/v1/orders/${mb}`, { cookie: waiter }), "1 MB path");
      expectApiError(await call("POST", `/api/v1/tickets/${mb}/bump`, { cookie: station }), "1 MB ticket id");
      expectApiError(await call("GET", `/api/v1/tickets?q=${mb}`, { cookie: station }), "1 MB query");
      expectApiError(await call("GET", `/api/v1/stream?since=${"9".repeat(100_000)}`, { cookie: station, headers: { upgrade: "websocket" } }), "huge since");
      expectApiError(await call("GET", "/api/v1/session", { cookie: `mini_pos_session=${mb}` }), "1 MB cookie");
    });
  });
});

// --- money: payments, voids, moves, reversals, settlements -------------------------------------------

describe("fuzz: money endpoints", () => {
  /** At A3: 3 × a deposit product (line 0, 1 paid), 2 Pommes (line 1, 1 voided), 2 Cola (line 2, 1 moved to A4). */
  let moneyOrder: Order;
  let realPayment: { id: string; body: Record<string, unknown> };
  let realVoid: string;
  let realMove: string;
  let realSettlement: string;
  let withDeposit: string;
  let withoutDeposit: string;
  /** What one of line 0 costs with its deposit: a tendered amount below it is too little. */
  let line0Cents: number;

  beforeAll(async () => {
    const menu = (await call("GET", "/api/v1/menu", { cookie: waiter })).body;
    withDeposit = menu.products.find((p: any) => p.depositCents > 0)?.id;
    withoutDeposit = menu.products.find((p: any) => p.depositCents === 0 && p.id !== "pommes" && p.id !== "cola")?.id;
    expect(withDeposit, "the config needs a product with a deposit").toBeDefined();
    const placed = await call("POST", "/api/v1/orders", {
      cookie: waiter,
      body: { id: uuid(), table: "A3", menuVersion, items: [{ product: withDeposit, qty: 3 }, { product: "pommes", qty: 2 }, { product: "cola", qty: 2 }] },
    });
    expect(placed.status, describeAnswer(placed)).toBe(201);
    moneyOrder = placed.body.order;
    const item0 = moneyOrder.tickets.flatMap((t) => t.items).find((i) => i.line === 0)!;
    line0Cents = item0.unitCents + item0.depositCents;
    expect(line0Cents, "tendered amounts of 0 and 1 must be below one item").toBeGreaterThan(1);
    // Card: the fuzzed bodies pay in cash, so one with this id is always another body (409).
    const payBody = { id: uuid(), table: "A3", method: "card", items: [{ order: moneyOrder.id, line: 0, qty: 1 }] };
    const paid = await call("POST", "/api/v1/payments", { cookie: waiter, body: payBody });
    expect(paid.status, describeAnswer(paid)).toBe(201);
    realPayment = { id: payBody.id, body: payBody };
    realVoid = uuid();
    const voided = await call("POST", "/api/v1/voids", { cookie: admin, body: { id: realVoid, order: moneyOrder.id, line: 1, qty: 1, reason: "complaint" } });
    expect(voided.status, describeAnswer(voided)).toBe(201);
    realMove = uuid();
    const moved = await call("POST", "/api/v1/tables/A3/move", { cookie: waiter, body: { id: realMove, to: "A4", items: [{ order: moneyOrder.id, line: 2, qty: 1 }] } });
    expect(moved.status, describeAnswer(moved)).toBe(201);
    realSettlement = uuid();
    const settled = await call("POST", "/api/v1/settlements", { cookie: admin, body: { id: realSettlement, waiter: "fuzz-waiter", floatCents: 0, countedCents: 100 } });
    expect(settled.status, describeAnswer(settled)).toBe(201);
  });

  const invalidCents = fc.oneof(hostileNumber.filter((n) => !(Number.isInteger(n) && n >= 0 && n <= 1_000_000)), hostileString, unicodeDigits, fc.boolean(), fc.constant(null), fc.array(leaf, { maxLength: 2 }));
  const invalidQty = fc.oneof(hostileNumber.filter((n) => !(Number.isInteger(n) && n >= 1 && n <= 999)), hostileString, unicodeDigits, fc.constant(null));
  const invalidLine = fc.oneof(hostileNumber.filter((n) => !(Number.isInteger(n) && n >= 0 && n <= 2)), hostileString, unicodeDigits, fc.constant(null));
  const invalidUuid = fc.oneof(hostileValue.filter((v) => typeof v !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)), unicodeDigits, fc.constant("7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7"));
  const invalidTable = fc.oneof(hostileValue.filter((v) => !config.tables.list.some((t) => t.name === v)), fc.constant("Z9"));
  /** A text no reason or note may be: empty, too long, control or direction characters, markup, not a text. */
  const invalidText = fc.oneof(
    fc.constantFrom("", "   ", "a\u0000b", "a\nb", "\u202e", "<script>", "x>y", "a\u2028b"),
    fc.string({ minLength: 201, maxLength: 400 }).filter((s) => s.trim().length > 200),
    hostileNumber,
    fc.constant(null),
    fc.array(leaf, { maxLength: 2 }),
  );
  /** Some item reference made invalid, or more than is open. */
  const invalidItems = fc.oneof(
    hostileValue.filter((v) => !Array.isArray(v)),
    fc.record({ line: invalidLine }).map((r) => [{ order: moneyOrder.id, line: r.line, qty: 1 }]),
    invalidQty.map((qty) => [{ order: moneyOrder.id, line: 0, qty }]),
    invalidUuid.map((order) => [{ order, line: 0, qty: 1 }]),
    fc.constant(null).map(() => [{ order: uuid(), line: 0, qty: 1 }]),
    fc.integer({ min: 3, max: 999 }).map((qty) => [{ order: moneyOrder.id, line: 0, qty }]),
    fc.constant(null).map(() => [{ order: moneyOrder.id, line: 2, qty: 2 }]),
    fc.constant(null).map(() => [{ order: moneyOrder.id, line: 0, qty: 1 }, { order: moneyOrder.id, line: 0, qty: 1 }]),
    fc.constant(null).map(() => [{ order: moneyOrder.id, line: 0, qty: 1, extra: true }]),
    fc.constant(null).map(() => [{ order: moneyOrder.id, qty: 1 }]),
  );

  /** Applies one mutation to a valid body; every mutation is invalid on its own. */
  function mutate(body: Record<string, unknown>, field: string, value: unknown, conflictId: string): unknown {
    if (field === "missing") delete body[value as string];
    else if (field === "extra") body[(value as [string, unknown])[0]] = (value as [string, unknown])[1];
    else if (field === "conflict") body.id = conflictId;
    else if (field === "proto") return raw(JSON.stringify(body).replace(/^\{/, '{"__proto__":{"polluted":1},'));
    else body[field] = value;
    return body;
  }
  const extraKey = (known: string[]) => fc.tuple(nastyStrings.filter((k) => !known.includes(k) && k !== "__proto__"), leaf);
  const common = (known: string[], required: string[]) => [
    fc.record({ field: fc.constant("id"), value: invalidUuid }),
    fc.record({ field: fc.constant("missing"), value: fc.constantFrom(...required) }),
    fc.record({ field: fc.constant("extra"), value: extraKey(known) }),
    fc.record({ field: fc.constant("conflict"), value: fc.constant(null) }),
    fc.record({ field: fc.constant("proto"), value: fc.constant(null) }),
  ];
  const describeBody = (b: unknown) => (isRaw(b) ? b[RAW].slice(0, 120) : JSON.stringify(b)?.slice(0, 300));

  it("POST /payments: hostile bodies, and a valid payment with one invalid part, are refused", async () => {
    const known = ["id", "table", "method", "items", "tenderedCents", "tipCents", "depositReturns", "reason", "adminPin"];
    const mutation = fc.oneof(
      ...common(known, ["id", "table", "method", "items"]),
      fc.record({ field: fc.constant("table"), value: fc.oneof(invalidTable, fc.constantFrom("A1", "A4")) }),
      fc.record({ field: fc.constant("method"), value: hostileValue.filter((v) => !["cash", "card", "voucher"].includes(v as string)) }),
      fc.record({ field: fc.constant("items"), value: fc.oneof(invalidItems, fc.constant([])) }),
      fc.record({ field: fc.constant("tipCents"), value: invalidCents }),
      fc.record({ field: fc.constant("tenderedCents"), value: fc.oneof(invalidCents, fc.integer({ min: 0, max: 1 })) }),
      fc.record({
        field: fc.constant("depositReturns"),
        value: fc.oneof(
          hostileValue.filter((v) => !Array.isArray(v)),
          fc.oneof(hostileString, hostileNumber).filter((p) => p !== withDeposit).map((product) => [{ product, qty: 1 }]),
          fc.constant(null).map(() => [{ product: withoutDeposit, qty: 1 }]),
          invalidQty.map((qty) => [{ product: withDeposit, qty }]),
          fc.constant(null).map(() => [{ product: withDeposit, qty: 1 }, { product: withDeposit, qty: 1 }]),
          fc.constant(null).map(() => Array.from({ length: 21 }, () => ({ product: withDeposit, qty: 1 }))),
        ),
      }),
      fc.record({ field: fc.constant("reason"), value: invalidText }),
      fc.record({ field: fc.constant("method"), value: fc.constant("free") }),
      // A wrong or malformed admin PIN is refused even where none is needed (and counted as a guess).
      fc.record({ field: fc.constant("adminPin"), value: fc.oneof(hostileValue.filter((v) => v !== PINS.admin), unicodeDigits, fc.stringMatching(/^[0-9]{1,12}$/).filter((p) => p !== PINS.admin)) }),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.oneof({ weight: 1, arbitrary: anyBody.map((b) => ({ field: "any", value: b })) }, { weight: 4, arbitrary: mutation }), fc.constantFrom("waiter", "admin")], async ({ field, value }, who) => {
          const body: Record<string, unknown> = { id: uuid(), table: "A3", method: "cash", items: [{ order: moneyOrder.id, line: 0, qty: 1 }] };
          // tenderedCents 0 or 1 is below the total (line0Cents); "free" without a reason is refused.
          // An admin's session needs no PIN and ignores one, so the PIN mutation is sent as a waiter.
          const sent = field === "any" ? value : mutate(body, field, value, realPayment.id);
          const cookie = who === "waiter" || field === "adminPin" ? waiter : admin;
          expectApiError(await call("POST", "/api/v1/payments", { cookie, body: sent }), `payment ${field}: ${describeBody(sent)}`);
        }),
        opts(1500),
      ),
    );
  });

  it("POST /voids: hostile bodies, and a valid void with one invalid part, are refused (as admin and as a waiter with a PIN)", async () => {
    const known = ["id", "order", "line", "qty", "reason", "note", "table", "adminPin"];
    const mutation = fc.oneof(
      ...common(known, ["id", "order", "line", "qty", "reason"]),
      fc.record({ field: fc.constant("order"), value: fc.oneof(invalidUuid, fc.constant(null).map(() => uuid())) }),
      fc.record({ field: fc.constant("line"), value: fc.oneof(invalidLine, fc.integer({ min: 3, max: 99 })) }),
      fc.record({ field: fc.constant("qty"), value: fc.oneof(invalidQty, fc.integer({ min: 2, max: 999 })) }),
      fc.record({ field: fc.constant("reason"), value: hostileValue.filter((v) => !["mistake", "cancelled", "complaint"].includes(v as string)) }),
      fc.record({ field: fc.constant("note"), value: invalidText }),
      fc.record({ field: fc.constant("table"), value: fc.oneof(invalidTable, fc.constantFrom("A1", "A4", "F9")) }),
      fc.record({ field: fc.constant("adminPin"), value: fc.oneof(hostileValue.filter((v) => v !== PINS.admin), unicodeDigits, fc.stringMatching(/^[0-9]{1,12}$/).filter((p) => p !== PINS.admin)) }),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.oneof({ weight: 1, arbitrary: anyBody.map((b) => ({ field: "any", value: b })) }, { weight: 4, arbitrary: mutation }), fc.constantFrom("waiter", "admin")], async ({ field, value }, who) => {
          const body: Record<string, unknown> = { id: uuid(), order: moneyOrder.id, line: 1, qty: 1, reason: "mistake" };
          // A waiter with no PIN at all is refused too, so "missing" needs nothing more; an admin ignores a PIN,
          // so the PIN mutation is sent as a waiter.
          const cookie = who === "admin" && field !== "adminPin" ? admin : waiter;
          if (cookie === waiter && field !== "adminPin") body.adminPin = PINS.admin;
          const sent = field === "any" ? value : mutate(body, field, value, realVoid);
          expectApiError(await call("POST", "/api/v1/voids", { cookie, body: sent }), `void ${field} as ${cookie === admin ? "admin" : "waiter"}: ${describeBody(sent)}`);
        }),
        opts(1200),
      ),
    );
  });

  it("POST /tables/:name/move: hostile bodies and tables, and a valid move with one invalid part, are refused", async () => {
    const known = ["id", "to", "items"];
    const mutation = fc.oneof(
      ...common(known, ["id", "to"]),
      fc.record({ field: fc.constant("to"), value: invalidTable }),
      fc.record({ field: fc.constant("items"), value: fc.oneof(invalidItems, fc.constant([])) }),
      fc.record({ field: fc.constant("from"), value: fc.oneof(hostileString.filter((s) => s.length > 0 && !config.tables.list.some((t) => t.name === s)), fc.constant("Z9")) }),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.oneof({ weight: 1, arbitrary: anyBody.map((b) => ({ field: "any", value: b })) }, { weight: 4, arbitrary: mutation })], async ({ field, value }) => {
          const body: Record<string, unknown> = { id: uuid(), to: "A5", items: [{ order: moneyOrder.id, line: 0, qty: 1 }] };
          const from = field === "from" ? enc(value as string) : "A3";
          const sent = field === "any" ? value : field === "from" ? body : mutate(body, field, value, realMove);
          expectApiError(await call("POST", `/api/v1/tables/${from}/move`, { cookie: waiter, body: sent }), `move from ${from} ${field}: ${describeBody(sent)}`);
        }),
        opts(800),
      ),
    );
  });

  it("POST /payments/:id/reverse: hostile ids and bodies are refused; the real payment stays unreversed", async () => {
    const segment = fc.oneof(hostileString.filter((s) => s.length > 0), unicodeDigits, fc.constant(null).map(() => uuid()), fc.constantFrom("__proto__", "%2e%2e", "%00", "a%2Fb"));
    const badBody = anyBody.filter((b) => isRaw(b) || typeof b !== "object" || b === null || Array.isArray(b) || !("reason" in b));
    const target = fc.oneof(
      fc.tuple(segment, fc.constant({ reason: "Fuzz" })).map(([s, b]) => ({ path: `/api/v1/payments/${enc(s)}/reverse`, body: b as unknown })),
      badBody.map((b) => ({ path: `/api/v1/payments/${realPayment.id}/reverse`, body: b })),
      invalidText.map((reason) => ({ path: `/api/v1/payments/${realPayment.id}/reverse`, body: { reason } as unknown })),
      fc.constant({ path: `/api/v1/payments/${realPayment.id}/reverse`, body: { reason: "Fuzz", extra: 1 } as unknown }),
    );
    await unchanged(() =>
      fc.assert(
        batch([target], async ({ path, body }) => {
          expectApiError(await call("POST", path, { cookie: admin, body }), `reverse ${path.slice(0, 120)} ${describeBody(body)}`);
        }),
        opts(600),
      ),
    );
  });

  it("POST /settlements: hostile bodies, and a valid settlement with one invalid part, are refused", async () => {
    const known = ["id", "waiter", "floatCents", "countedCents"];
    const mutation = fc.oneof(
      ...common(known, ["id", "waiter", "floatCents", "countedCents"]),
      fc.record({ field: fc.constant("waiter"), value: fc.oneof(hostileValue.filter((v) => typeof v !== "string" || v.trim().length === 0 || v.trim().length > 40 || /[\u0000-\u001f\u007f<>]/.test(v))) }),
      fc.record({ field: fc.constant("floatCents"), value: invalidCents }),
      fc.record({ field: fc.constant("countedCents"), value: invalidCents }),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.oneof({ weight: 1, arbitrary: anyBody.map((b) => ({ field: "any", value: b })) }, { weight: 4, arbitrary: mutation })], async ({ field, value }) => {
          const body: Record<string, unknown> = { id: uuid(), waiter: "fuzz-waiter", floatCents: 0, countedCents: 0 };
          const sent = field === "any" ? value : mutate(body, field, value, realSettlement);
          expectApiError(await call("POST", "/api/v1/settlements", { cookie: admin, body: sent }), `settlement ${field}: ${describeBody(sent)}`);
        }),
        opts(600),
      ),
    );
  });

  it("roles: a station may do nothing with money, a waiter may not reverse, settle or read the audit", async () => {
    const valid = () => ({
      pay: { id: uuid(), table: "A3", method: "cash", items: [{ order: moneyOrder.id, line: 0, qty: 1 }] },
      void: { id: uuid(), order: moneyOrder.id, line: 1, qty: 1, reason: "mistake", adminPin: PINS.admin },
      move: { id: uuid(), to: "A5" },
      settle: { id: uuid(), waiter: "fuzz-waiter", floatCents: 0, countedCents: 0 },
    });
    await unchanged(async () => {
      const b = valid();
      for (const [method, path, body] of [
        ["POST", "/api/v1/payments", b.pay],
        ["POST", "/api/v1/voids", b.void],
        ["POST", "/api/v1/tables/A3/move", b.move],
        ["POST", `/api/v1/payments/${realPayment.id}/reverse`, { reason: "Fuzz" }],
        ["POST", "/api/v1/settlements", b.settle],
        ["GET", "/api/v1/payments", undefined],
        ["GET", "/api/v1/settlement", undefined],
        ["GET", "/api/v1/settlements", undefined],
        ["GET", "/api/v1/audit", undefined],
      ] as const)
        expectApiError(await call(method, path, { cookie: station, body }), `${method} ${path} as station`, ["FORBIDDEN"]);
      for (const [method, path, body] of [
        ["POST", `/api/v1/payments/${realPayment.id}/reverse`, { reason: "Fuzz" }],
        ["POST", "/api/v1/settlements", b.settle],
        ["GET", "/api/v1/settlements", undefined],
        ["GET", "/api/v1/audit", undefined],
      ] as const)
        expectApiError(await call(method, path, { cookie: waiter, body }), `${method} ${path} as waiter`, ["FORBIDDEN"]);
    });
  });

  it("reads: hostile tables, queries and path parameters on bill, payments and settlement never give a 5xx or change anything", async () => {
    const value = fc.oneof(hostileString, unicodeDigits, fc.constantFrom("A1", "a1", "Z9", "fuzz-waiter", "x".repeat(41)));
    const key = fc.oneof(fc.constantFrom("table", "waiter", "__proto__", "table[]", "since"), fc.string({ maxLength: 10 }));
    const target = fc.oneof(
      value.filter((s) => s.length > 0).map((s) => `/api/v1/tables/${enc(s)}/bill`),
      fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((pairs) => `/api/v1/payments?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&")}`),
      fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((pairs) => `/api/v1/settlement?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&")}`),
    );
    await unchanged(() =>
      fc.assert(
        batch([target, fc.constantFrom("waiter", "admin")], async (path, who) => {
          expectNoServerError(await call("GET", path, { cookie: who === "waiter" ? waiter : admin }), `GET ${path.slice(0, 200)} as ${who}`);
        }),
        opts(600),
      ),
    );
    // An unknown table's bill is a 404, never an empty bill.
    expectApiError(await call("GET", "/api/v1/tables/Z9/bill", { cookie: waiter }), "bill of Z9", ["NOT_FOUND"]);
  });

  it("1 MB bodies on the money endpoints are refused with 413", async () => {
    const mb = "x".repeat(1024 * 1024);
    await unchanged(async () => {
      for (const [path, cookie] of [
        ["/api/v1/payments", waiter],
        ["/api/v1/voids", admin],
        ["/api/v1/tables/A3/move", waiter],
        [`/api/v1/payments/${realPayment.id}/reverse`, admin],
        ["/api/v1/settlements", admin],
      ] as const)
        expectApiError(await call("POST", path, { cookie, body: { id: uuid(), reason: mb } }), `${path} 1 MB body`, ["PAYLOAD_TOO_LARGE"]);
    });
  });
});

// --- the socket -----------------------------------------------------------------------------------------

class Socket {
  readonly queue: unknown[] = [];
  private wake: (() => void) | undefined;
  closed: number | undefined;
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener("message", (e) => {
      const data = typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data as ArrayBuffer);
      let v: unknown = data;
      try {
        v = JSON.parse(data);
      } catch {
        // "pong"
      }
      // The server's ping (every 25 s) is answered as a page does, and is not one of the answers looked for.
      if (v && typeof v === "object" && (v as { type?: string }).type === "ping") {
        ws.send(JSON.stringify({ type: "pong", nonce: (v as { nonce: string }).nonce }));
        return;
      }
      this.queue.push(v);
      this.wake?.();
    });
    ws.addEventListener("close", (e) => {
      this.closed = e.code;
      this.wake?.();
    });
  }
  async next(timeoutMs = 3000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (this.closed !== undefined) throw new Error(`socket closed ${this.closed}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no frame in time");
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
    return this.queue.shift();
  }
}

async function openSocket(cookie: string, query = "?station=bar"): Promise<Socket> {
  const res = await SELF.fetch(`${BASE}/api/v1/stream${query}`, { headers: pageHeaders("GET", { upgrade: "websocket", cookie }) });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const s = new Socket(ws);
  ws.accept();
  const first = (await s.next()) as { type: string };
  expect(first.type).toBe("snapshot");
  return s;
}

describe("fuzz: socket frames", () => {
  it("hostile client frames get an error frame and change nothing", async () => {
    let socket = await openSocket(station);
    // Each socket may send STREAM_LIMITS.frameBurst frames at once (then RATE_LIMITED): a fresh
    // socket for every batch keeps this about the frames' content, not about the rate limit.
    let sentOnSocket = 0;
    // Ticket actions go over HTTP: the frames that once did them are refused, even well-formed for a real ticket.
    const FORMER_COMMANDS = ["ticket.bump", "ticket.undo", "ticket.pickup", "item.bump", "item.undo"];
    const nonce = fc.oneof(hostileValue, fc.constant(""), fc.string({ minLength: 65, maxLength: 200 })).filter((n) => !(typeof n === "string" && n.length >= 1 && n.length <= 64));
    const frame = fc.oneof(
      anyBody.map((b) => (isRaw(b) ? b[RAW] : JSON.stringify(b) ?? "null")).filter((t) => t !== "ping"),
      fc.record({ type: fc.constantFrom(...FORMER_COMMANDS), line: fc.integer({ min: 0, max: 99 }), ref: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }) })
        .map((f) => (f.type.startsWith("item.") ? f : { type: f.type, ref: f.ref }))
        .map((f) => JSON.stringify({ ...f, ticket: realTicket })),
      fc.constantFrom(...FORMER_COMMANDS).map((type) => `{"__proto__":{"polluted":1},"type":"${type}","ticket":"${realTicket}","line":0}`),
      // a pong with a hostile nonce, an extra key, or a hostile type
      nonce.map((n) => JSON.stringify({ type: "pong", nonce: n })),
      fc.record({ extra: leaf }).map((f) => JSON.stringify({ type: "pong", nonce: "n", ...f })),
      fc.record({ type: fc.oneof(hostileString, hostileNumber, fc.constant(null)).filter((t) => t !== "pong") }).map((f) => JSON.stringify({ ...f, nonce: "n" })),
      fc.constant(`{"__proto__":{"polluted":1},"type":"pong","nonce":"n","extra":1}`),
      // money goes over HTTP only: frames named like money commands or server frames are no client frames
      fc
        .record({
          type: fc.constantFrom("payment.record", "payment.recorded", "payment.reverse", "payment.reversed", "item.void", "item.voided", "table.move", "table.moved", "order.close", "order.closed", "settlement.record", "settlement.recorded", "snapshot", "ack", "ping"),
          ref: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }),
        })
        .map((f) => JSON.stringify({ ...f, ticket: realTicket, id: uuid(), table: "A1", method: "cash", items: [{ order: realOrder.id, line: 0, qty: 1 }] })),
    );
    await unchanged(() =>
      fc.assert(
        fc.asyncProperty(frame, async (text) => {
          if (++sentOnSocket > STREAM_LIMITS.frameBurst - 5) {
            socket.ws.close(1000, "next batch");
            socket = await openSocket(station);
            sentOnSocket = 1;
          }
          socket.ws.send(text);
          const answer = (await socket.next()) as { type?: string; error?: { code: string; message: string; path: string } };
          const where = `frame ${text.slice(0, 200)} → ${JSON.stringify(answer).slice(0, 300)}`;
          expect(answer?.type, where).toBe("error");
          expect(ERROR_CODES as readonly string[], where).toContain(answer.error!.code);
          expect(codeToStatus[answer.error!.code as keyof typeof codeToStatus], where).toBeGreaterThanOrEqual(400);
          expect(codeToStatus[answer.error!.code as keyof typeof codeToStatus], where).toBeLessThan(500);
          expect(typeof answer.error!.message, where).toBe("string");
          expect(typeof answer.error!.path, where).toBe("string");
        }),
        opts(1500, false),
      ),
    );
    // binary frames
    socket.ws.send(new Uint8Array([0, 1, 2, 255]));
    expect(((await socket.next()) as { type: string }).type).toBe("error");
    socket.ws.close(1000, "fuzz done");
  });

  it("no socket can bump, whatever its role (ticket actions are HTTP only); an oversized frame closes the socket", async () => {
    const sockets = [await openSocket(waiter, ""), await openSocket(station, ""), await openSocket(admin, "")];
    await unchanged(async () => {
      for (const socket of sockets) {
        for (const type of ["ticket.bump", "ticket.undo", "ticket.pickup", "item.bump", "item.undo"]) {
          socket.ws.send(JSON.stringify({ type, ticket: realTicket, ...(type.startsWith("item.") ? { line: 0 } : {}) }));
          const answer = (await socket.next()) as { type: string; error: { code: string; path: string } };
          expect(answer).toMatchObject({ type: "error", error: { code: "INVALID_INPUT", path: "type" } });
        }
      }
      const big = await openSocket(station);
      big.ws.send(JSON.stringify({ type: "pong", nonce: "x".repeat(1024 * 1024) }));
      await expect(big.next()).rejects.toThrow(/closed/);
    });
    for (const socket of sockets) socket.ws.close(1000, "fuzz done");
  });
});

describe("fuzz: the menu editor and events", () => {
  /** The menu as GET /menu/edit gives it: a valid PUT /menu body once `baseVersion` is set. */
  async function editView() {
    const a = await call("GET", "/api/v1/menu/edit", { cookie: admin });
    expect(a.status, describeAnswer(a)).toBe(200);
    return a.body as { version: number; categories: Record<string, unknown>[]; products: Record<string, unknown>[] };
  }
  const notAName = fc.oneof(fc.constantFrom("", "   ", "x".repeat(61)), hostileValue.filter((v) => typeof v !== "string"));
  const notAPrice = fc.oneof(fc.constantFrom(-0.01, 100_000.01, 1.234, 2e-323, 1e-9, "3,50", "3.5", "١", true), hostileValue.filter((v) => typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100_000 || Math.round(v * 100) !== v * 100));
  const notAnId = fc.oneof(fc.constantFrom("", "Pils", "a b", "-x", "x".repeat(49), "__proto__", "ü"), hostileValue.filter((v) => typeof v !== "string"));
  /** One field of one product or category made invalid (the rest of the menu stays valid). An undefined value leaves the field out, which for options, deposit and colour is valid (their defaults). */
  const oneBadPart = fc.oneof(
    fc.tuple(fc.constant("products"), fc.constantFrom("name"), notAName),
    fc.tuple(fc.constant("products"), fc.constantFrom("price", "deposit"), notAPrice),
    fc.tuple(fc.constant("products"), fc.constantFrom("id", "category"), notAnId),
    fc.tuple(fc.constant("products"), fc.constant("category"), fc.constantFrom("nope", "bar", "kitchen")),
    fc.tuple(fc.constant("products"), fc.constant("options"), fc.oneof(hostileValue.filter((v) => !Array.isArray(v)), fc.constant(Array.from({ length: 21 }, (_, i) => `o${i}`)), fc.constant(["x".repeat(41)]), fc.constant([""]))),
    fc.tuple(fc.constant("products"), fc.constantFrom("extra", "priceCents", "__proto__"), leaf),
    fc.tuple(fc.constant("categories"), fc.constantFrom("station"), fc.oneof(notAnId, fc.constantFrom("garage", "all"))),
    fc.tuple(fc.constant("categories"), fc.constant("color"), fc.constantFrom(-1, 15, 1.5, "3", null)),
    fc.tuple(fc.constant("categories"), fc.constant("name"), notAName),
  ).filter(([, , value]) => value !== undefined);

  it("PUT /menu: hostile bodies, and a valid menu with one invalid part, are refused; nothing is saved", async () => {
    const view = await editView();
    const valid = { baseVersion: view.version, categories: view.categories, products: view.products };
    const hostileBody = anyBody.filter((b) => isRaw(b) || typeof b !== "object" || b === null || Array.isArray(b) || !("products" in b));
    const what = new WeakMap<object, string>();
    const broken = fc.tuple(oneBadPart, fc.nat(view.products.length - 1)).map(([[list, field, value], index]) => {
      const body = structuredClone(valid) as { categories: Record<string, unknown>[]; products: Record<string, unknown>[] };
      const items = body[list as "products" | "categories"];
      const item = items[Math.min(index, items.length - 1)]!;
      // __proto__ as a key must reach the server as a key, not as the object's prototype.
      Object.defineProperty(item, field, { value, enumerable: true, configurable: true, writable: true });
      what.set(body, `${list}[${index}].${field} = ${JSON.stringify(value)?.slice(0, 120)}`);
      return body as unknown;
    });
    const badFrame = fc.oneof(
      fc.record({ baseVersion: hostileValue.filter((v) => !Number.isInteger(v) || (v as number) < 0), categories: fc.constant(view.categories), products: fc.constant(view.products) }),
      fc.constant({ ...valid, baseVersion: view.version + 1 }),
      fc.constant({ ...valid, products: [] }),
      fc.constant({ ...valid, products: [...view.products, view.products[0]] }),
      fc.constant({ ...valid, stations: [] }),
      fc.record({ baseVersion: fc.constant(view.version), categories: hostileValue, products: hostileValue }),
    );
    await unchanged(() =>
      fc.assert(
        batch([fc.oneof(hostileBody, broken, badFrame)], async (b) => {
          const a = await call("PUT", "/api/v1/menu", { cookie: admin, body: b });
          const shown = (b && typeof b === "object" && what.get(b)) || (isRaw(b) ? b[RAW].slice(0, 80) : JSON.stringify(b)?.slice(0, 300));
          expectApiError(a, `menu ${shown}`);
          // Every refusal of a body shaped like a menu lists its problems, each with a path.
          if (a.body.error.problems) for (const p of a.body.error.problems) expect(typeof p.path === "string" && typeof p.message === "string").toBe(true);
        }),
        opts(600),
      ),
    );
    // The waiter and the station may not save even a valid menu.
    for (const cookie of [waiter, station]) expectApiError(await call("PUT", "/api/v1/menu", { cookie, body: valid }), "menu as non-admin", ["FORBIDDEN"]);
  });

  it("POST /events: hostile bodies are refused and the current event stays", async () => {
    const body = fc.oneof(
      anyBody.filter((b) => isRaw(b) || typeof b !== "object" || b === null || Array.isArray(b) || !("id" in b)),
      fc.record({ id: notAnId, name: fc.constant("Fest") }),
      fc.record({ id: fc.constant("fuzz-fest"), name: notAName }),
      fc.record({ id: fc.constant(config.id), name: fc.constant("again") }),
      fc.record({ id: fc.constant("fuzz-fest"), name: fc.constant("Fest"), extra: leaf }),
    );
    await unchanged(() =>
      fc.assert(
        batch([body], async (b) => {
          expectApiError(await call("POST", "/api/v1/events", { cookie: admin, body: b }), `events ${isRaw(b) ? b[RAW].slice(0, 80) : JSON.stringify(b)?.slice(0, 200)}`);
        }),
        opts(300),
      ),
    );
    for (const cookie of [waiter, station]) expectApiError(await call("POST", "/api/v1/events", { cookie, body: { id: "fuzz-fest", name: "Fest" } }), "events as non-admin", ["FORBIDDEN"]);
  });
});
