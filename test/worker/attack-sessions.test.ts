// Greedy sessions must not stall the others (issue 13 finding 4, issue 23 item 2): the request
// budget follows the person (a waiter name, a device's address), not the cookie. Many sessions of
// one name, or forty names from one device, share one budget and get 429; another waiter's orders
// go through; a refused request costs no D1 work; new logins do not refill a drained budget.
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index.ts";
import { forgetCachedSessions } from "../../worker/auth/sessionStore.ts";
import { api, BASE, login, mustPlaceOrder } from "./helpers.ts";
import { HTTP_LIMITS } from "../../worker/protocol.ts";
import { orderBody, placeFrom, readsFrom, type Sent } from "./attack-helpers.ts";

const sessionIdOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;

const CHEAP = "/api/v1/session";

/** What the limit lets through in `ms`: the burst, the refill, and one for the clock's rounding. */
const allowedIn = (ms: number) => HTTP_LIMITS.burst + Math.ceil((ms / 1000) * HTTP_LIMITS.perSecond) + 1;

/**
 * Reads GET /tables (or `path`) in `waves` of `width` requests sent at once, round-robin over the
 * cookies: at once, so that they meet the limit together however slowly this machine answers each.
 * Where a test counts what got through, it reads GET /session, the cheapest read that counts: so
 * the flood outpaces the refill even on a slow machine, and a budget per session would show.
 */
async function flood(cookies: string[], opts: { waves: number; width: number; address?: string; path?: string }): Promise<{ statuses: number[]; ms: number; limited?: Response }> {
  const statuses: number[] = [];
  let limited: Response | undefined;
  const started = Date.now();
  for (let wave = 0; wave < opts.waves; wave++) {
    await Promise.all(
      Array.from({ length: opts.width }, async (_, i) => {
        const res = await readsFrom(cookies[(wave * opts.width + i) % cookies.length]!, opts.address, opts.path);
        statuses.push(res.status);
        if (res.status === 429 && !limited) limited = res;
        else await res.body?.cancel();
      }),
    );
  }
  return { statuses, ms: Date.now() - started, limited };
}

/** One answered request of each session, so that the worker knows who they are. */
async function warmUp(cookies: string[], address?: string): Promise<void> {
  for (const cookie of cookies) {
    const res = await readsFrom(cookie, address, "/api/v1/session");
    if (res.status !== 200) throw new Error(`warm-up: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
}

describe("greedy sessions", () => {
  it("8 parallel read loops of one session get 429 RATE_LIMITED past the limit; another waiter orders as usual", { timeout: 30_000 }, async () => {
    const greedy = await login("waiter", "Gierig");
    const other = await login("waiter", "Anna");
    const orders = (async () => {
      const placed = [];
      for (let i = 0; i < 5; i++) placed.push(await mustPlaceOrder(other, { items: [{ product: "pils", qty: 1 }] }));
      return placed;
    })();
    await warmUp([greedy]);
    const [{ statuses, limited }] = await Promise.all([flood([greedy], { waves: 3, width: 200 }), orders]);
    expect((await orders).length).toBe(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(HTTP_LIMITS.burst);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(((await limited!.json()) as any).error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1, path: "" });
    expect(limited!.headers.get("retry-after")).toBe("1");
    // The other waiter's reads are not touched by the greedy one's limit.
    expect((await api("GET", "/api/v1/tables", undefined, other)).status).toBe(200);
  });

  it("40 sessions of one name share one budget; another waiter's orders are accepted meanwhile", { timeout: 60_000 }, async () => {
    const name = `Vierzig ${crypto.randomUUID().slice(0, 6)}`;
    const sessions: string[] = [];
    for (let i = 0; i < 40; i++) sessions.push(await login("waiter", name));
    const honest = await login("waiter");
    await warmUp(sessions);
    const honestOrders: Sent[] = [];
    const ordering = (async () => {
      for (let i = 0; i < 8; i++) honestOrders.push(await placeFrom(honest, orderBody({ table: "B2" })));
    })();
    const [{ statuses, ms }] = await Promise.all([flood(sessions, { waves: 4, width: 120, path: CHEAP }), ordering]);
    expect(honestOrders.map((o) => o.status)).toEqual(Array(8).fill(201));
    const passed = statuses.filter((s) => s === 200).length;
    // 480 requests of 40 sessions: per session each would have passed; per person about 100 + 50/s.
    // The warm-up's one read per session came out of the same budget (how much it refilled since depends on the machine's speed).
    expect(passed).toBeGreaterThanOrEqual(HTTP_LIMITS.burst - sessions.length);
    expect(passed).toBeLessThanOrEqual(allowedIn(ms));
    expect(statuses.filter((s) => s === 429).length).toBe(statuses.length - passed);
  });

  it("forty names from one device share the device's budget; a waiter on another device and a station on the same one are answered", { timeout: 60_000 }, async () => {
    const device = `10.66.${Math.floor(Math.random() * 250)}.9`;
    const tag = crypto.randomUUID().slice(0, 6);
    const names = Array.from({ length: 40 }, (_, i) => `Gierig ${tag} ${i + 1}`);
    const sessions: string[] = [];
    for (const name of names) sessions.push(await login("waiter", name));
    const honest = await login("waiter");
    const station = await login("station");
    await warmUp(sessions, device);
    const honestOrders: Sent[] = [];
    const stationReads: number[] = [];
    const others = (async () => {
      for (let i = 0; i < 8; i++) {
        honestOrders.push(await placeFrom(honest, orderBody({ table: "B3" }), "10.0.0.7"));
        const res = await readsFrom(station, device, "/api/v1/tickets?state=open&limit=5");
        stationReads.push(res.status);
        await res.body?.cancel();
      }
    })();
    const [{ statuses, ms }] = await Promise.all([flood(sessions, { waves: 4, width: 120, address: device, path: CHEAP }), others]);
    expect(honestOrders.map((o) => o.status)).toEqual(Array(8).fill(201));
    // The kitchen screen behind the same address keeps a budget of its own.
    expect(stationReads).toEqual(Array(8).fill(200));
    const passed = statuses.filter((s) => s === 200).length;
    // The warm-up's one read per session came out of the same budget (how much it refilled since depends on the machine's speed).
    expect(passed).toBeGreaterThanOrEqual(HTTP_LIMITS.burst - sessions.length);
    expect(passed).toBeLessThanOrEqual(allowedIn(ms));
  });

  it("refused requests read nothing from D1, even for a session whose row is no longer cached", { timeout: 30_000 }, async () => {
    const cookie = await login("waiter");
    const id = sessionIdOf(cookie);
    const statements: string[] = [];
    const counted = { ...env, DB: countingD1(env.DB, statements) };
    const get = async () => {
      const res = await app.fetch(new Request(`${BASE}/api/v1/tables`, { headers: { cookie } }), counted, createExecutionContext());
      await res.body?.cancel();
      return res.status;
    };
    const sessionReads = (from: number) => statements.slice(from).filter((sql) => /from "sessions"/i.test(sql)).length;
    // The counter sees D1 work: an answered request of a session whose row is not cached reads it.
    forgetCachedSessions([id]);
    let from = statements.length;
    expect(await get()).toBe(200);
    expect(sessionReads(from)).toBe(1);
    const drain = await Promise.all(Array.from({ length: 200 }, get));
    expect(drain).toContain(429);
    // The row leaves the cache, then 150 requests at once: each that read the session before its
    // check would read it from D1 (none of them finds it cached before the first read returns).
    forgetCachedSessions([id]);
    from = statements.length;
    const statuses = await Promise.all(Array.from({ length: 150 }, get));
    const answered = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    expect(sessionReads(from)).toBeLessThanOrEqual(answered);
  });

  it("new logins of a drained name do not refill its budget", { timeout: 120_000 }, async () => {
    const name = `Nachfüller ${crypto.randomUUID().slice(0, 6)}`;
    const first = await login("waiter", name);
    await warmUp([first]);
    const started = Date.now();
    let passed = 0;
    let logging = true;
    // The first session keeps the name drained all along; fresh logins of the name join in.
    const background = (async () => {
      while (logging) {
        passed += (await flood([first], { waves: 1, width: 60, path: CHEAP })).statuses.filter((s) => s === 200).length;
        // Refused requests touch no I/O: without a timer the loop would keep the logins (and the clock) waiting.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      for (let i = 0; i < 30; i++) {
        const fresh = await login("waiter", name);
        passed += (await flood([fresh], { waves: 1, width: 20, path: CHEAP })).statuses.filter((s) => s === 200).length;
      }
    } finally {
      logging = false;
      await background;
    }
    // Per session each login would have let its 20 through (600 more); per person the refill only.
    expect(passed).toBeLessThanOrEqual(allowedIn(Date.now() - started));
  });
});

/** The real D1 binding, with every statement it is asked to prepare noted in `statements`. */
function countingD1(db: D1Database, statements: string[]): D1Database {
  return new Proxy(db, {
    get(target, key) {
      if (key === "prepare")
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
