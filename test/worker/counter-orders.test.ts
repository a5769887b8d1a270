// Counter service through the real worker, D1 and coordinator (issue 22): every order gets the
// next number of the event (from 1, no gap, never twice) under concurrent orders, replays, refusals,
// a failed batch and a restart; a counter order has a bill of its own that is paid like a table's,
// never shows on the table map and is never moved; bodies that name neither or both of table and
// counter are refused by path.
import { env, evictDurableObject } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, EVENT_ID, failNextBatch, login, mustPlaceOrder, placeOrder, setAvailability, resetAvailability, type Frame } from "./helpers.ts";
import { allItems, move, mustPay, pay, streamsClosedAfterEach } from "./money-helpers.ts";
import { counterOrder, dropCounters, mustCounterOrder, useCounters } from "./counter-helpers.ts";
import { counterBill, type Order, type TableState } from "../../worker/protocol.ts";
import { checkConfig } from "../../worker/config/schema.ts";
import { buildEvent } from "../../worker/config/event.ts";
import { buildOrder } from "../../worker/domain/orders.ts";
import { orderJobs } from "../../worker/print/documents.ts";
import shippedConfig from "../../config.json";

let anna: string, ben: string, cem: string, admin: string;
beforeAll(async () => {
  await useCounters();
  [anna, ben, cem, admin] = await Promise.all([login("waiter", "Anna Kasse"), login("waiter", "Ben Kasse"), login("waiter", "Cem Kasse"), login("admin", "Chefin")]);
});
afterAll(dropCounters);
const stream = streamsClosedAfterEach();

/** Every number given so far in the event, as stored. */
async function storedNumbers(): Promise<number[]> {
  const { results } = await env.DB.prepare("SELECT number FROM orders WHERE event_id = ? ORDER BY number").bind(EVENT_ID).all<{ number: number }>();
  return results.map((r) => r.number);
}
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("order numbers", () => {
  it("numbers the first order 1 and every further one, table or counter, by one more, also when three waiters order at once and send again", async () => {
    const first = await mustCounterOrder(anna, [{ product: "pommes", qty: 1 }]);
    expect(first.number).toBe(1);
    expect(first.counter).toBe("kasse");
    const ids = Array.from({ length: 24 }, () => crypto.randomUUID());
    const waiters = [anna, ben, cem];
    const menuVersion = (await api("GET", "/api/v1/menu", undefined, anna)).body.version;
    const send = (id: string, i: number) =>
      i % 3 === 0
        ? placeOrder(waiters[i % 3]!, { id, table: "A1", menuVersion, items: [{ product: "pils", qty: 1 }] })
        : counterOrder(waiters[i % 3]!, [{ product: "pommes", qty: 1 }], { id, menuVersion, counter: i % 2 ? "kasse" : "kasse-2" });
    // Each order twice at once (a phone sending again), the copies interleaved with the others.
    const answers = await Promise.all(ids.flatMap((id, i) => [send(id, i), send(id, i)]));
    const byId = new Map<string, number>();
    for (const res of answers) {
      expect([200, 201], res.text).toContain(res.status);
      const order = res.body.order;
      if (byId.has(order.id)) expect(order.number, "a replay keeps its number").toBe(byId.get(order.id));
      byId.set(order.id, order.number);
    }
    expect([...byId.values()].sort((a, b) => a - b)).toEqual(oneTo(25).slice(1));
    expect(await storedNumbers()).toEqual(oneTo(25));
    // Sent again later, each answers with its number.
    const again = await send(ids[5]!, 5);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replay: true, order: { number: byId.get(ids[5]!) } });
  }, 30_000);

  it("leaves no gap after refused orders, a failed batch and a restart", async () => {
    const before = (await storedNumbers()).length;
    const unknown = await counterOrder(anna, [{ product: "gibts-nicht", qty: 1 }]);
    expect(unknown.status).toBe(400);
    await setAvailability(admin, "pommes", { soldOut: true });
    const soldOut = await counterOrder(anna, [{ product: "pommes", qty: 1 }]);
    expect(soldOut.status, soldOut.text).toBe(409);
    await resetAvailability(admin, "pommes");
    const a = await mustCounterOrder(ben, [{ product: "pommes", qty: 1 }]);
    expect(a.number).toBe(before + 1);

    // A batch fails on a full disk (507 for an order alone; a group's orders run again one by one): the numbers close up.
    await failNextBatch("database or disk is full: SQLITE_FULL");
    const group = await Promise.all(Array.from({ length: 6 }, () => counterOrder(cem, [{ product: "pommes", qty: 1 }])));
    expect(group.every((r) => r.status === 201 || r.status === 507), group.map((r) => r.text).join("\n")).toBe(true);
    const numbers = group.filter((r) => r.status === 201).map((r) => r.body.order.number);
    const next = await mustCounterOrder(anna, [{ product: "pils", qty: 1 }]);
    expect(await storedNumbers()).toEqual(oneTo(next.number));
    expect(numbers.length + 2).toBe(next.number - before);

    // The coordinator starts again (the Durable Object is rebuilt): it counts on from the stored numbers.
    await evictDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID));
    await useCounters();
    const afterRestart = await mustPlaceOrder(ben, { table: "A2", items: [{ product: "pils", qty: 1 }] });
    expect(afterRestart.number).toBe(next.number + 1);
    expect(await storedNumbers()).toEqual(oneTo(afterRestart.number));
  }, 30_000);

  it("puts the number and the counter on every ticket, in the stations' stream and the station history", async () => {
    const station = await login("station", "Grill");
    const kitchen = await stream(station, "?station=kitchen");
    await kitchen.next();
    const order = await mustCounterOrder(anna, [{ product: "pommes", qty: 2 }, { product: "pils", qty: 1 }], { counter: "kasse-2" });
    for (const t of order.tickets) expect(t).toMatchObject({ number: order.number, counter: "kasse-2", table: counterBill(order.id) });
    const frame: Frame = await kitchen.next();
    expect(frame.order).toMatchObject({ id: order.id, number: order.number, counter: "kasse-2" });
    const history = await api("GET", "/api/v1/tickets?station=kitchen&limit=5", undefined, station);
    expect(history.body.tickets.find((t: { orderId: string }) => t.orderId === order.id)).toMatchObject({ number: order.number, counter: "kasse-2" });
  });
});

describe("a counter order's own bill", () => {
  it("is never on the table map nor the phone's snapshot, and is paid with table counterBill(id)", async () => {
    const order = await mustCounterOrder(ben, [{ product: "pommes", qty: 2 }]);
    expect(order.table).toBe(counterBill(order.id));
    expect(order.positions.every((p) => p.table === counterBill(order.id))).toBe(true);
    const map = await api<{ tables: TableState[] }>("GET", "/api/v1/tables", undefined, ben);
    expect(map.body.tables.some((t) => t.name.startsWith("#"))).toBe(false);
    const phone: Frame = await (await stream(ben)).next();
    expect(phone.orders.map((o: Order) => o.id)).toContain(order.id);
    expect(phone.tables.some((t: { name: string }) => t.name.startsWith("#"))).toBe(false);

    // Any waiter may take the money; the change is given on the cash.
    const payment = await mustPay(cem, { table: counterBill(order.id), items: allItems(order), tenderedCents: 1000 });
    expect(payment).toMatchObject({ table: counterBill(order.id), amountCents: 700, totalCents: 700, changeCents: 300 });
    const closed = await api("GET", `/api/v1/orders/${order.id}`, undefined, ben);
    expect(closed.body.order?.closedAt ?? closed.body.closedAt).not.toBeNull();
  });

  it("refuses a payment for a counter bill whose order is not among the lines, not stored, or no order id", async () => {
    const order = await mustCounterOrder(anna, [{ product: "pils", qty: 1 }]);
    const other = await mustCounterOrder(anna, [{ product: "pils", qty: 1 }]);
    const wrong = await pay(anna, { table: counterBill(other.id), items: allItems(order) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.path).toBe("table");
    const none = await pay(anna, { table: counterBill(crypto.randomUUID()), items: allItems(order) });
    expect(none.status).toBe(400);
    expect(none.body.error.path).toBe("table");
    // The payment of an order that is not (yet) stored: its lines are not found.
    const early = crypto.randomUUID();
    const before = await pay(anna, { table: counterBill(early), items: [{ order: early, line: 0, qty: 1 }] });
    expect(before.status).toBe(404);
    expect(before.body.error.path).toBe("items[0].order");
    const bad = await pay(anna, { table: "#nicht-uuid", items: allItems(order) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe("table");
  });

  it("is opened like a table by its bill's name (a phone's \"Meine Kasse\" after the desk left it unpaid): its order and its bill, and nothing for a name that is no bill", async () => {
    const order = await mustCounterOrder(anna, [{ product: "pommes", qty: 2 }]);
    const name = encodeURIComponent(counterBill(order.id));
    const opened = await api<{ table: string; orders: Order[] }>("GET", `/api/v1/tables/${name}`, undefined, ben);
    expect(opened.status).toBe(200);
    expect(opened.body.table).toBe(counterBill(order.id));
    expect(opened.body.orders.map((o) => [o.id, o.counter, o.number])).toEqual([[order.id, "kasse", order.number]]);
    const bill = await api<{ openCents: number }>("GET", `/api/v1/tables/${name}/bill`, undefined, ben);
    expect(bill.status).toBe(200);
    expect(bill.body.openCents).toBe(700);
    const history = await api<{ orders: Order[] }>("GET", `/api/v1/tables/${name}/orders`, undefined, ben);
    expect(history.body.orders.map((o) => o.id)).toEqual([order.id]);
    await mustPay(ben, { table: counterBill(order.id), items: allItems(order) });
    expect((await api<{ openCents: number }>("GET", `/api/v1/tables/${name}/bill`, undefined, ben)).body.openCents).toBe(0);

    for (const bad of [encodeURIComponent(`#${order.id.toUpperCase()}`), "A".repeat(17)]) {
      const refused = await api("GET", `/api/v1/tables/${bad}`, undefined, ben);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error.path).toBe("param.name");
    }
    // Short enough for a table's name, but no table and no counter bill.
    for (const unknown of ["%23nicht-uuid", "Z9"]) expect((await api("GET", `/api/v1/tables/${unknown}`, undefined, ben)).status, unknown).toBe(404);
  });

  it("is never moved: to a counter bill, or from one", async () => {
    const table = await mustPlaceOrder(anna, { table: "B1", items: [{ product: "pils", qty: 1 }] });
    const counter = await mustCounterOrder(anna, [{ product: "pils", qty: 1 }]);
    const to = await move(anna, "B1", { to: counterBill(counter.id), items: allItems(table) });
    expect(to.status).toBe(400);
    expect(to.body.error.path).toBe("to");
    const from = await move(anna, encodeURIComponent(counterBill(counter.id)), { to: "B2", items: allItems(counter) });
    expect(from.status).toBe(400);
    expect(from.body.error.path).toBe("param.name");
  });
});

describe("order bodies", () => {
  const items = [{ product: "pils", qty: 1 }];
  it("refuses both table and counter, neither, an unknown counter and a bad counter, each by path", async () => {
    const menuVersion = (await api("GET", "/api/v1/menu", undefined, anna)).body.version;
    const cases: [Record<string, unknown>, string][] = [
      [{ table: "A1", counter: "kasse" }, "counter"],
      [{}, "table"],
      [{ counter: "kasse-nord" }, "counter"],
      [{ counter: 7 }, "counter"],
      [{ counter: "" }, "counter"],
    ];
    for (const [where, path] of cases) {
      const res = await api("POST", "/api/v1/orders", { id: crypto.randomUUID(), menuVersion, items, ...where }, anna);
      expect(res.status, JSON.stringify(where)).toBe(400);
      expect(res.body.error.path, res.text).toBe(path);
    }
  });
});

describe("counters in config.json", () => {
  const problems = (change: (c: Record<string, any>) => void) => {
    const c: Record<string, any> = structuredClone(shippedConfig);
    change(c);
    return checkConfig(c).problems.filter((p) => p.level === "error").map((p) => `${p.path}: ${p.message}`);
  };
  it("takes counters, display stations and the ready minutes, and refuses each mistake by its path", () => {
    expect(problems(() => {})).toEqual([]);
    expect(problems((c) => (c.counters = [{ id: "kasse", name: "Kasse" }, { id: "kasse", name: "Kasse 2" }]))).toEqual([expect.stringMatching(/^counters\[1\]\.id: duplicate counter id "kasse"/)]);
    expect(problems((c) => (c.counters = [{ id: "Kasse 1", name: "Kasse" }]))).toEqual([expect.stringMatching(/^counters\[0\]\.id: /)]);
    expect(problems((c) => (c.display = { stations: ["kitchen", "keller"] }))).toEqual(['display.stations[1]: unknown station "keller"']);
    expect(problems((c) => (c.display = { stations: [] }))).toEqual([expect.stringMatching(/^display\.stations: /)]);
    expect(problems((c) => (c.ui = { ...c.ui, display_ready_minutes: 0 }))).toEqual([expect.stringMatching(/^ui\.display_ready_minutes: /)]);
    expect(problems((c) => (c.ui = { ...c.ui, display_ready_minutes: 2.5 }))).toEqual([expect.stringMatching(/^ui\.display_ready_minutes: /)]);
    const info = buildEvent(checkConfig({ ...structuredClone(shippedConfig), display: { stations: ["kitchen"] } }).config!).info;
    expect(info).toMatchObject({ counters: [{ id: "kasse", name: "Kasse" }], displayStations: ["kitchen"], ui: { display_ready_minutes: 10 } });
    expect(buildEvent(checkConfig(shippedConfig).config!).info.displayStations).toEqual(["bar", "kitchen"]);
  });
});

describe("a counter order's slips", () => {
  it("name the counter and carry the number (printed large as Nr. 42) on tickets and Bons; a table order's stay as they were", () => {
    const c: Record<string, any> = structuredClone(shippedConfig);
    c.printers = [{ id: "kueche", name: "Drucker Küche", host: "127.0.0.1" }];
    c.stations = c.stations.map((s: Record<string, unknown>) => (s.id === "kitchen" ? { ...s, printer: "kueche", print: "items" } : { ...s, printer: "kueche" }));
    const config = checkConfig(c).config!;
    const event = buildEvent(config);
    const id = crypto.randomUUID();
    const body = { id, counter: "kasse", menuVersion: 1, items: [{ product: "pommes", qty: 2 }, { product: "pils", qty: 1 }] };
    const order = buildOrder(event, body, { seq: 9, number: 42, waiter: "Anna", menuVersion: 1, now: 1 });
    const docs = orderJobs(config, order).map((j) => j.document);
    expect(docs.map((d) => [d.kind, d.table, "number" in d ? d.number : undefined])).toEqual([
      ["bon", "Kasse", 42],
      ["bon", "Kasse", 42],
      ["ticket", "Kasse", 42],
    ]);
    expect(orderJobs(config, order)[2]!.title).toBe("Getränke · Nr. 42 · Kasse · 1 Position");
    const table = buildOrder(event, { ...body, id: crypto.randomUUID(), counter: undefined, table: "A1" }, { seq: 10, number: 43, waiter: "Anna", menuVersion: 1, now: 1 });
    const tableDocs = orderJobs(config, table).map((j) => j.document);
    expect(tableDocs.every((d) => d.table === "A1" && !("number" in d))).toBe(true);
  });
});

// Last in the file: it makes another event the current one.
describe("a new event", () => {
  it("numbers its orders from 1 again", async () => {
    const res = await api("POST", "/api/v1/events", { id: "herbstfest-2026", name: "Herbstfest 2026", openBills: "keep" }, admin);
    expect(res.status, res.text).toBe(201);
    const first = await mustCounterOrder(anna, [{ product: "pommes", qty: 1 }]);
    const second = await mustPlaceOrder(ben, { table: "A1", items: [{ product: "pils", qty: 1 }] });
    expect([first.number, second.number]).toEqual([1, 2]);
  });
});
