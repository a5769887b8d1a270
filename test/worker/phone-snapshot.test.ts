// What a phone loads follows what it needs (issue 23): its snapshot carries the map and its
// waiter's own open orders, not every open order's every line; a table's orders come when the
// phone opens it (GET /tables/:name); frames about other waiters' orders keep its map right; and
// GET /tables, answered from the coordinator's memory, says the same as the database.
import { beforeAll, describe, expect, it } from "vitest";
import { api, login, mustPlaceOrder, placeOrder, ticketOf, type Frame } from "./helpers.ts";
import { allItems, mustPay, prices, streamsClosedAfterEach, type Price } from "./money-helpers.ts";
import { ORDER_LIMITS, type Order, type TableState, type TableSummary } from "../../worker/protocol.ts";
import { env } from "cloudflare:test";
import { openDb } from "../../worker/db/client.ts";
import { insertOpenOrders } from "./bulk-orders.ts";
import { readTableFigures } from "../../worker/db/bills.ts";
import config from "../../config.json";

const stream = streamsClosedAfterEach();
const bytes = (frame: Frame) => new TextEncoder().encode(JSON.stringify(frame)).length;
const tables = config.tables.list.map((t) => t.name);

let price: Map<string, Price>;
let admin: string;
let station: string;
beforeAll(async () => {
  admin = await login("admin", "Organiser");
  station = await login("station", "Tresen");
  price = await prices(admin);
});

/** GET /tables as the phones' map: the tables with anything open or ready. */
async function mapOf(cookie: string): Promise<TableSummary[]> {
  const res = await api<{ tables: TableState[] }>("GET", "/api/v1/tables", undefined, cookie);
  expect(res.status).toBe(200);
  return res.body.tables.filter((t) => t.openOrders || t.openCents || t.readyTickets).map(({ name, openOrders, openCents, readyTickets }) => ({ name, openOrders, openCents, readyTickets }));
}

/** The same figures read from D1 the way GET /tables read them before the map was kept in memory. */
async function mapInDb(): Promise<TableSummary[]> {
  const figures = await readTableFigures(openDb(env.DB), config.id);
  return [...figures].filter(([, f]) => f.openOrders || f.openCents || f.readyTickets).map(([name, f]) => ({ name, ...f }));
}
const byName = (list: TableSummary[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

describe("a table the phone opens, and the map kept by the frames", () => {
  it("gives a phone a table's open orders of every waiter with the seq they are as of", async () => {
    const anna = await login("waiter", "Anna Tisch");
    const ben = await login("waiter", "Ben Tisch");
    const table = "F1";
    const a = await mustPlaceOrder(anna, { table, items: [{ product: "pils", qty: 1 }] });
    const b = await mustPlaceOrder(ben, { table, items: [{ product: "kaeseweck", qty: 2 }] });
    const phone = await (await stream(anna)).next();
    expect(phone.orders.map((o: Order) => o.id)).toContain(a.id);
    expect(phone.orders.map((o: Order) => o.id)).not.toContain(b.id);
    const res = await api<{ table: string; seq: number; orders: Order[] }>("GET", `/api/v1/tables/${table}`, undefined, anna);
    expect(res.status).toBe(200);
    expect(res.body.table).toBe(table);
    expect(res.body.seq).toBeGreaterThanOrEqual(b.seq);
    expect(res.body.orders.map((o) => o.id)).toEqual([a.id, b.id]);
    expect(res.body.orders[1]).toEqual(b);
    expect((await api("GET", "/api/v1/tables/Z9", undefined, anna)).status).toBe(404);
  });

  it("updates the map from another waiter's order, payment and bump, as GET /tables and the database say", async () => {
    const anna = await login("waiter", "Anna Karte");
    const ben = await login("waiter", "Ben Karte");
    const s = await stream(anna);
    await s.next();
    const table = "F2";
    const o = await mustPlaceOrder(ben, { table, items: [{ product: "pils", qty: 2 }, { product: "kaeseweck", qty: 1 }] });
    const pils = price.get("pils")!;
    const weck = price.get("kaeseweck")!;
    const total = 2 * (pils.unitCents + pils.depositCents) + weck.unitCents + weck.depositCents;
    const placed = await s.next();
    expect(placed.type).toBe("order.placed");
    expect(placed.tables).toEqual([{ name: table, openOrders: 1, openCents: total, readyTickets: 0 }]);

    const bar = ticketOf(o, "bar");
    expect((await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, station)).status).toBe(200);
    const bumped = await s.next();
    expect(bumped.tables).toEqual([{ name: table, openOrders: 1, openCents: total, readyTickets: 1 }]);

    await mustPay(ben, { table, method: "cash", items: allItems(o).filter((i) => i.line === 0) });
    const paid = await s.next();
    expect(paid.type).toBe("payment.recorded");
    expect(paid.tables).toEqual([{ name: table, openOrders: 1, openCents: weck.unitCents + weck.depositCents, readyTickets: 1 }]);
    expect(byName(await mapOf(anna))).toEqual(byName(await mapInDb()));
    expect((await mapOf(anna)).find((t) => t.name === table)).toEqual(paid.tables[0]);
  });
});

describe("GET /tables under a flood of reads", () => {
  it("answers every read, and each write shows in the next read at once (the map is kept a moment between writes)", async () => {
    const anna = await login("waiter", "Anna Flut");
    const readers = [anna, station, admin];
    const table = "F3";
    const figure = async () => (await mapOf(anna)).find((t) => t.name === table);
    let reading = true;
    let reads = 0;
    const flood = Promise.all(readers.map(async (cookie) => {
      while (reading) {
        expect((await api("GET", "/api/v1/tables", undefined, cookie)).status).toBe(200);
        reads++;
      }
    }));
    const pils = price.get("pils")!;
    const o = await mustPlaceOrder(anna, { table, items: [{ product: "pils", qty: 2 }] });
    expect(await figure()).toEqual({ name: table, openOrders: 1, openCents: 2 * (pils.unitCents + pils.depositCents), readyTickets: 0 });
    expect((await api("POST", `/api/v1/tickets/${ticketOf(o, "bar").id}/bump`, undefined, station)).status).toBe(200);
    expect((await figure())?.readyTickets).toBe(1);
    await mustPay(anna, { table, method: "cash", items: allItems(o) });
    expect((await figure())?.openCents ?? 0).toBe(0);
    reading = false;
    await flood;
    expect(reads).toBeGreaterThan(3);
    expect(byName(await mapOf(anna))).toEqual(byName(await mapInDb()));
  });
});

describe("a phone's snapshot", () => {
  it("stays under 200 KB with 1,000 open tickets: the map and the waiter's own orders", async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Kellner ${i + 1}`);
    const first = await login("waiter", names[0]);
    // 500 ordinary orders of a drink and a dish (two tickets each), 50 per waiter, all over the room:
    // one placed here, the rest written as the coordinator writes them (bulk-orders.ts).
    const template = await mustPlaceOrder(first, { table: tables[0], items: [{ product: "pils", qty: 2 }, { product: "kaeseweck", qty: 1, note: "ohne Zwiebeln" }] });
    await insertOpenOrders(template, 499, tables, names, "phone-snapshot-test");
    const mine = await (await stream(first)).next();
    const full = await (await stream(admin)).next();
    expect(full.orders.flatMap((o: Order) => o.tickets).length).toBeGreaterThanOrEqual(1000);
    expect(mine).toMatchObject({ type: "snapshot", view: "phone", seq: full.seq });
    // Its own 50 orders whole, and the map of every table with something open.
    expect(mine.orders).toHaveLength(50);
    expect(mine.orders.every((o: Order) => o.waiter === "Kellner 1")).toBe(true);
    expect(byName(mine.tables)).toEqual(byName(await mapOf(first)));
    expect(byName(mine.tables)).toEqual(byName(await mapInDb()));
    console.log(`snapshot with ${full.orders.length} open orders: admin ${bytes(full)} bytes, a waiter's phone ${bytes(mine)} bytes`);
    expect(bytes(mine)).toBeLessThanOrEqual(200_000);
    // A waiter with no orders of their own gets the map alone.
    const newcomer = await (await stream(await login("waiter", "Neu"))).next();
    expect(newcomer.orders).toEqual([]);
    expect(bytes(newcomer)).toBeLessThanOrEqual(20_000);
  }, 120_000);

  it("stays under 300 KB after one session's maximal orders, and a phone far behind gets it instead of the frames", async () => {
    const honest = await login("waiter", "Ehrlich");
    await mustPlaceOrder(honest, { table: "A1", items: [{ product: "pils", qty: 2 }] });
    const before = (await (await stream(honest)).next()).seq;
    const attacker = await login("waiter", "Viel");
    // The largest order one may place (ORDER_LIMITS): every line, every item, every note character.
    const note = "x".repeat(Math.floor(ORDER_LIMITS.noteChars / ORDER_LIMITS.lines));
    const items = Array.from({ length: ORDER_LIMITS.lines }, () => ({ product: "pils", qty: Math.floor(ORDER_LIMITS.units / ORDER_LIMITS.lines), note }));
    let placed = 0;
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      const res = await placeOrder(attacker, { table: tables[placed % tables.length], items });
      if (res.status !== 201) break; // a request budget or an order limit stops it: fine
      placed++;
    }
    expect(placed).toBeGreaterThan(5);
    const phone = await (await stream(honest)).next();
    console.log(`${placed} maximal orders: an honest phone's snapshot ${bytes(phone)} bytes`);
    expect(phone.orders.map((o: Order) => o.waiter)).toEqual(["Ehrlich"]);
    expect(bytes(phone)).toBeLessThanOrEqual(300_000);
    // Resuming from before them would mean megabytes of frames: the phone gets its snapshot instead.
    const resumed = await (await stream(honest, `?since=${before}`)).next();
    expect(resumed).toMatchObject({ type: "snapshot", view: "phone" });
    expect(bytes(resumed)).toBeLessThanOrEqual(300_000);
  }, 120_000);

  it("gives the phones of many waiters that connect at once each its own waiter's orders, from one read, with the screen's too", async () => {
    // Names with the characters a JSON list of names must carry whole (the read takes them as one).
    const names = ['Anna "Zapf"', "O'Brien", "Back\\slash", "Zoë", "[1,2]", "Kellnerin Sechs"];
    const cookies = await Promise.all(names.map((n) => login("waiter", n)));
    const mine = new Map<string, string[]>();
    for (const [i, cookie] of cookies.entries())
      for (const table of [tables[i]!, tables[i + 6]!]) {
        const order = await mustPlaceOrder(cookie, { table, items: [{ product: "pils", qty: 1 + i }] });
        mine.set(names[i]!, [...(mine.get(names[i]!) ?? []), order.id]);
      }
    // A phone of each waiter, a second one of two of them (a device's sockets are capped at 8) and a
    // bar screen, all connecting at once.
    const sockets = await Promise.all([...cookies, ...cookies.slice(0, 2)].map((c) => stream(c)));
    const screen = await stream(station, "?station=bar");
    const firsts = await Promise.all(sockets.map((s) => s.next()));
    const bar = await screen.next();
    for (const [i, frame] of firsts.entries()) {
      const name = names[i % names.length]!;
      expect(frame, name).toMatchObject({ type: "snapshot", view: "phone" });
      expect(frame.orders.map((o: Order) => o.id), name).toEqual(mine.get(name));
      expect(byName(frame.tables)).toEqual(byName(await mapInDb()));
    }
    expect(bar.type).toBe("snapshot");
    expect(bar.orders.map((o: Order) => o.id)).toEqual(expect.arrayContaining([...mine.values()].flat()));
  });

  it("is asked for with ?view=phone from an admin's /service; stations and admins otherwise get every order", async () => {
    const admins = await (await stream(admin, "?view=phone")).next();
    expect(admins.view).toBe("phone");
    expect((await (await stream(admin)).next()).view).toBeUndefined();
    expect((await (await stream(station)).next()).view).toBeUndefined();
    expect((await api("GET", "/api/v1/stream?view=all", undefined, admin)).status).toBe(400);
  });

  it("gives a runner on the pickup page (?view=tickets, waiter login) every open order, other waiters' too", async () => {
    const anna = await login("waiter", "Anna Läuferin");
    await mustPlaceOrder(anna, { table: "C3", items: [{ product: "radler", qty: 2 }] });
    const runner = await login("waiter", "Ben Läufer");
    const phone = await (await stream(runner)).next();
    expect(phone.view).toBe("phone");
    expect(phone.orders.some((o: Order) => o.waiter === "Anna Läuferin")).toBe(false);
    const pickup = await (await stream(runner, "?view=tickets")).next();
    expect(pickup.view).toBeUndefined();
    expect(pickup.orders.some((o: Order) => o.waiter === "Anna Läuferin" && o.table === "C3")).toBe(true);
  });
});
