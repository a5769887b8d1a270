// Reading the report again and again (issue 23): an answer is kept until something changes (a new
// order or payment is in the next report; a read with nothing new gets the same answer, worked
// out once), an admin's loop of report reads leaves a waiter's orders accepted, and menu saves are
// bounded: 10 in a row, then 429 with the wait; a refused save does not count; a body over 64 KB is 413.
import { describe, expect, it } from "vitest";
import type { MenuEditView, Report } from "../../worker/protocol.ts";
import { env } from "cloudflare:test";
import { openDb } from "../../worker/db/client.ts";
import { covers } from "../../worker/report/pacedReads.ts";
import { readRecords } from "../../worker/report/records.ts";
import { api, EVENT_ID, getMenu, login, mustPlaceOrder, placeOrder } from "./helpers.ts";
import { allItems, freshTable, mustPay } from "./money-helpers.ts";

async function report(admin: string): Promise<{ report: Report; text: string }> {
  const res = await api<Report>("GET", "/api/v1/report", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return { report: res.body, text: JSON.stringify(res.body) };
}

describe("GET /report and its CSV files, kept until something changes", () => {
  it("gives a repeat read with nothing new the same answer, and the next order and payment in the next one", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const table = freshTable();
    await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 2 }] });

    const first = await report(admin);
    const again = await report(admin);
    // Worked out once: the same text, down to the moment it was made.
    expect(again.text).toBe(first.text);

    const order = await mustPlaceOrder(waiter, { table, items: [{ product: "cola", qty: 1 }] });
    const afterOrder = await report(admin);
    expect(afterOrder.report.headline.orders).toBe(first.report.headline.orders + 1);
    expect(afterOrder.report.headline.qty).toBe(first.report.headline.qty + 1);
    expect(afterOrder.report.generatedAt).toBeGreaterThanOrEqual(first.report.generatedAt);

    await mustPay(waiter, { table, items: allItems(order) });
    const afterPayment = await report(admin);
    expect(afterPayment.report.headline.soldQty).toBe(afterOrder.report.headline.soldQty + 1);
    expect(afterPayment.report.headline.byMethod.find((m) => m.method === "cash")!.payments).toBe(
      (afterOrder.report.headline.byMethod.find((m) => m.method === "cash")?.payments ?? 0) + 1,
    );
  });

  it("keeps a CSV file until an order changes it, per file and time zone", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const table = freshTable();
    await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 1 }] });
    const csv = async (file: string, tz = "Europe/Berlin") => {
      const res = await api<string>("GET", `/api/v1/report/${file}.csv?tz=${encodeURIComponent(tz)}`, undefined, admin);
      return { status: res.status, text: res.body };
    };

    const items = await csv("items");
    expect(items.status, items.text.slice(0, 300)).toBe(200);
    expect((await csv("items")).text).toBe(items.text);
    // Another time zone is another file: the same rows, other offsets.
    const utc = await csv("items", "UTC");
    expect(utc.text).toContain("+00:00");
    expect(utc.text).not.toBe(items.text);

    const order = await mustPlaceOrder(waiter, { table, items: [{ product: "radler", qty: 3 }] });
    const next = await csv("items");
    expect(next.text).not.toBe(items.text);
    expect(next.text).toContain(order.id);
    expect((await csv("orders")).text).toContain(order.id);
  });

  it("lists every order and item once and in order when orders.csv and items.csv are read in pages", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const products = menu.products.filter((p) => !p.soldOut && p.options.length === 0).map((p) => p.id);
    for (let i = 0; i < 12; i++) await mustPlaceOrder(waiter, { table: freshTable(), menuVersion: menu.version, items: products.slice(0, 1 + (i % 4)).map((product) => ({ product, qty: 1 + i })) });
    // The route reads 500 orders a page; the same reader with pages of 5 orders, on the same D1.
    const db = openDb(env.DB);
    const all = { from: null, to: null };
    for (const file of ["orders", "items"] as const) {
      const whole = await readRecords(db, EVENT_ID, file, all, Number.MAX_SAFE_INTEGER);
      const paged = await readRecords(db, EVENT_ID, file, all, 5);
      expect(whole.length).toBeGreaterThanOrEqual(file === "orders" ? 12 : 30);
      expect(paged).toEqual(whole);
    }
  });

  it("serves a read with an answer of its change or a later one, never an earlier one or one of another database", () => {
    // Versions are "seq@time" of the event's last change (readChangeVersion).
    expect(covers("12@5000", "12@5000")).toBe(true);
    // A read that waited while a later answer was worked out gets that one: it holds its changes.
    expect(covers("15@5300", "12@5000")).toBe(true);
    expect(covers("12@5000", "15@5300")).toBe(false);
    // A fresh database (a test's, or the data folder replaced) that reaches seq 12 again, later.
    expect(covers("12@5000", "12@9000")).toBe(false);
    expect(covers("40@5000", "12@9000")).toBe(false);
    // No change yet: any answer holds it; an answer of no change holds no later one.
    expect(covers("3@100", "0")).toBe(true);
    expect(covers("0", "1@100")).toBe(false);
  });

  it("answers an admin's loop of report reads while a waiter's orders are all accepted and counted", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const table = freshTable();
    const version = (await getMenu(waiter)).version;
    let ordering = true;
    const statuses: number[] = [];
    const loops = Array.from({ length: 6 }, async () => {
      while (ordering) {
        const res = await api("GET", "/api/v1/report", undefined, admin);
        statuses.push(res.status);
        // Refused reads say why, with the wait: never a 5xx.
        if (res.status !== 200) expect(res.body.error, res.text).toMatchObject({ code: "RATE_LIMITED", path: "" });
      }
    });
    const before = (await report(admin)).report.headline.orders;
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await placeOrder(waiter, { table, menuVersion: version, items: [{ product: "pils", qty: 1 }] });
      expect(res.status, res.text).toBe(201);
      placed.push(res.body.order.id);
    }
    ordering = false;
    await Promise.all(loops);
    expect(statuses.length).toBeGreaterThan(6);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect((await report(admin)).report.headline.orders).toBe(before + placed.length);
  }, 60_000);
});

async function menuEdit(admin: string): Promise<MenuEditView> {
  const res = await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe("PUT /menu, bounded", () => {
  it("takes 10 saves in a row, then answers 429 with the wait; a refused save does not count, and nothing is saved by a refused one", async () => {
    const admin = await login("admin");
    const put = (menu: MenuEditView, products = menu.products) => api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products }, admin);
    let menu = await menuEdit(admin);

    // Refused for a problem in the menu (400, by path) or unchanged (200, same version): no turn used.
    for (let i = 0; i < 3; i++) {
      const bad = await put(menu, [...menu.products, menu.products[0]!]);
      expect(bad.status, bad.text).toBe(400);
      expect(bad.body.error.path).toMatch(/^products\[\d+\]/);
      const same = await put(menu);
      expect(same.status, same.text).toBe(200);
      expect(same.body.version).toBe(menu.version);
    }

    for (let i = 0; i < 10; i++) {
      menu.products.find((p) => p.id === "pils")!.price = (300 + (i + 1) * 10) / 100;
      const saved = await put(menu);
      expect(saved.status, `save ${i + 1}: ${saved.text}`).toBe(200);
      menu = await menuEdit(admin);
    }
    menu.products.find((p) => p.id === "pils")!.price = 9.9;
    const limited = await put(menu);
    expect(limited.status, limited.text).toBe(429);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", path: "", retryAfterSeconds: 5 });
    expect(limited.headers.get("retry-after")).toBe("5");
    const now = await menuEdit(admin);
    expect(now.version).toBe(menu.version);
    expect(now.products.find((p) => p.id === "pils")!.price).toBe(4);
  });

  it("refuses a menu body over 64 KB with 413 before anything is checked", async () => {
    const admin = await login("admin");
    const menu = await menuEdit(admin);
    const products = Array.from({ length: 700 }, (_, i) => ({ id: `p${i}`, name: `Produkt mit einem langen Namen ${i}`.padEnd(80, "x"), price: 1, category: menu.categories[0]!.id, options: [], deposit: 0 }));
    const res = await api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products }, admin);
    expect(res.status, res.text.slice(0, 300)).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", path: "" });
    expect((await menuEdit(admin)).version).toBe(menu.version);
  });
});
