import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, count, getMenu, login, placeOrder } from "./helpers.ts";

let waiter: string;
beforeAll(async () => {
  waiter = await login("waiter", "Anna");
});

const rowsOf = (id: string) => count("SELECT count(*) AS n FROM orders WHERE id = ?", id);

describe("placing an order", () => {
  it("answers 201 with item snapshots in integer cents, split into one ticket per station", async () => {
    const res = await placeOrder(waiter, {
      table: "B3",
      items: [
        { product: "pils", qty: 2 },
        { product: "pommes", qty: 1, note: "  extra crispy ", options: ["mit Mayo"] },
        { product: "hefeweizen", qty: 1, options: ["mit Zitrone"] },
      ],
    });
    expect(res.status, res.text).toBe(201);
    const { order, replay } = res.body;
    expect(replay).toBe(false);
    expect(order).toMatchObject({ id: res.sent.id, table: "B3", waiter: "Anna", menuVersion: res.sent.menuVersion, totalCents: 2 * 300 + 350 + 380 });
    expect(Number.isInteger(order.seq)).toBe(true);
    expect(order.tickets.map((t) => [t.id, t.station, t.items.map((i) => i.line)])).toEqual([
      [`${res.sent.id}.bar`, "bar", [0, 2]],
      [`${res.sent.id}.kitchen`, "kitchen", [1]],
    ]);
    const bar = order.tickets[0]!;
    expect(bar).toMatchObject({ orderId: res.sent.id, table: "B3", waiter: "Anna", doneAt: null, pickedUpAt: null });
    expect(bar.items[0]).toEqual({ line: 0, product: "pils", name: "Pils", unitCents: 300, depositCents: 200, category: "bier", station: "bar", qty: 2, voidedQty: 0, note: "", options: [], doneAt: null });
    expect(bar.items[1]).toMatchObject({ product: "hefeweizen", name: "Hefeweizen", unitCents: 380, station: "bar", options: ["mit Zitrone"] });
    expect(order.tickets[1]!.items[0]).toMatchObject({ product: "pommes", name: "Pommes", unitCents: 350, station: "kitchen", qty: 1, note: "extra crispy", options: ["mit Mayo"] });

    // The stored rows say the same.
    const items = await env.DB.prepare("SELECT line, ticket_id, product_id, name, unit_cents, station_id, qty, note FROM order_items WHERE order_id = ? ORDER BY line")
      .bind(res.sent.id)
      .all();
    expect(items.results).toEqual([
      { line: 0, ticket_id: `${res.sent.id}.bar`, product_id: "pils", name: "Pils", unit_cents: 300, station_id: "bar", qty: 2, note: "" },
      { line: 1, ticket_id: `${res.sent.id}.kitchen`, product_id: "pommes", name: "Pommes", unit_cents: 350, station_id: "kitchen", qty: 1, note: "extra crispy" },
      { line: 2, ticket_id: `${res.sent.id}.bar`, product_id: "hefeweizen", name: "Hefeweizen", unit_cents: 380, station_id: "bar", qty: 1, note: "" },
    ]);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE order_id = ?", res.sent.id)).toBe(2);
    const change = await env.DB.prepare("SELECT type, frame FROM changes WHERE event_id = ? AND seq = ?").bind("sommerfest-2026", order.seq).first<{ type: string; frame: string }>();
    expect(change?.type).toBe("order.placed");
    expect(JSON.parse(change!.frame).order.id).toBe(res.sent.id);
  });

  it("answers a replay of the same id and body with 200, the same order and replay: true, and stores no second row", async () => {
    const first = await placeOrder(waiter, { items: [{ product: "cola", qty: 1, options: ["ohne Eis", "mit Zitrone"] }] });
    expect(first.status, first.text).toBe(201);
    // Same content: options in another order and another menu version do not make it another order.
    const again = await api("POST", "/api/v1/orders", { ...first.sent, menuVersion: first.sent.menuVersion + 5, items: [{ product: "cola", qty: 1, options: ["mit Zitrone", "ohne Eis"] }] }, waiter);
    expect(again.status, again.text).toBe(200);
    expect(again.body.replay).toBe(true);
    expect(again.body.order).toEqual(first.body.order);
    expect(await rowsOf(first.sent.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM changes WHERE frame LIKE ?", `%${first.sent.id}%`)).toBe(1);
  });

  it("refuses the same id with another body with 409 ORDER_ID_CONFLICT and keeps the first order", async () => {
    const first = await placeOrder(waiter, { items: [{ product: "pils", qty: 1 }] });
    expect(first.status, first.text).toBe(201);
    for (const change of [{ table: "A2" }, { items: [{ product: "pils", qty: 2 }] }, { items: [{ product: "pils", qty: 1, note: "kalt" }] }]) {
      const res = await api("POST", "/api/v1/orders", { ...first.sent, ...change }, waiter);
      expect(res.status, res.text).toBe(409);
      expect(res.body.error).toMatchObject({ code: "ORDER_ID_CONFLICT", path: "id" });
    }
    const stored = await api("GET", `/api/v1/orders/${first.sent.id}`, undefined, waiter);
    expect(stored.body.order).toEqual(first.body.order);
    expect(await rowsOf(first.sent.id)).toBe(1);
  });

  it("creates exactly one order when 10 requests with the same id arrive at once", async () => {
    const menu = await getMenu(waiter);
    const body = { id: crypto.randomUUID(), table: "C4", menuVersion: menu.version, items: [{ product: "spezi", qty: 3 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => api("POST", "/api/v1/orders", body, waiter)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, results.map((r) => r.text).join("\n")).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => JSON.stringify(r.body.order))).size).toBe(1);
    expect(results.filter((r) => r.body.replay === true)).toHaveLength(9);
    expect(await rowsOf(body.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE order_id = ?", body.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM order_items WHERE order_id = ?", body.id)).toBe(1);
  });

  it("refuses an unknown table with 400 and path table", async () => {
    const res = await placeOrder(waiter, { table: "Z99", items: [{ product: "pils", qty: 1 }] });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "table" });
    expect(await rowsOf(res.sent.id)).toBe(0);
  });

  it("refuses an unknown product with 400 and the path of its line", async () => {
    const res = await placeOrder(waiter, { items: [{ product: "pils", qty: 1 }, { product: "kaviar", qty: 1 }] });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "items[1].product" });
    expect(await rowsOf(res.sent.id)).toBe(0);
  });

  it("refuses an option the product does not have with 400 and the path of the option", async () => {
    const res = await placeOrder(waiter, { items: [{ product: "pommes", qty: 1, options: ["mit Ketchup", "mit Senf"] }] });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "items[0].options[1]" });
    expect(await rowsOf(res.sent.id)).toBe(0);
  });
});

describe("reading orders", () => {
  it("returns an order by id as it was placed", async () => {
    const placed = await placeOrder(waiter, { table: "D2", items: [{ product: "radler", qty: 1, options: ["sauer"] }] });
    expect(placed.status, placed.text).toBe(201);
    const res = await api("GET", `/api/v1/orders/${placed.sent.id}`, undefined, await login("station"));
    expect(res.status, res.text).toBe(200);
    expect(res.body.order).toEqual(placed.body.order);
  });

  it("answers 404 for an order that does not exist", async () => {
    const res = await api("GET", `/api/v1/orders/${crypto.randomUUID()}`, undefined, waiter);
    expect(res.status, res.text).toBe(404);
    expect(res.body.error).toMatchObject({ code: "NOT_FOUND", path: "param.id" });
  });

  it("lists a table's orders and counts them on the table map", async () => {
    const before = (await api("GET", "/api/v1/tables", undefined, waiter)).body.tables.find((t: any) => t.name === "E5");
    const placed = await placeOrder(waiter, { table: "E5", items: [{ product: "pils", qty: 2 }] });
    expect(placed.status, placed.text).toBe(201);
    const tables = await api("GET", "/api/v1/tables", undefined, waiter);
    const e5 = tables.body.tables.find((t: any) => t.name === "E5");
    expect(e5.openOrders).toBe(before.openOrders + 1);
    // Two Pils at 3.00 plus a 2.00 deposit on each glass.
    expect(e5.openCents).toBe(before.openCents + 1000);
    const orders = await api("GET", "/api/v1/tables/E5/orders", undefined, waiter);
    expect(orders.status, orders.text).toBe(200);
    expect(orders.body.orders.map((o: any) => o.id)).toContain(placed.sent.id);
    const unknown = await api("GET", "/api/v1/tables/Z99/orders", undefined, waiter);
    expect(unknown.status, unknown.text).toBe(404);
  });
});
