// The report's figures against sums this test computes itself from what it sent: orders, a
// partial payment with a tip, a void, a deposit return, a reversal, a voucher, a free item, a
// settlement with cash missing. Prices come from GET /menu, never from the code under test.
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import type { ItemRef, Order, Payment, Report } from "../../worker/protocol.ts";
import { SELF } from "cloudflare:test";
import { api, BASE, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, bumpAll, freshTable, mustPay, prices, reverse, valueOf, voidItems, type Price } from "./money-helpers.ts";

interface Scene {
  from: number;
  to: number;
  admin: string;
  waiterName: string;
  price: Map<string, Price>;
  orders: Order[];
  tables: [string, string];
  payments: { cash: Payment; card: Payment; reversed: Payment; voucher: Payment; free: Payment };
  voidRef: ItemRef;
  openRefs: ItemRef[];
  floatCents: number;
  countedCents: number;
}

const ref = (order: Order, line: number, qty: number): ItemRef => ({ order: order.id, line, qty });
const cents = (v: { amountCents: number; depositCents: number }) => v.amountCents + v.depositCents;

async function buildScene(): Promise<Scene> {
  const from = Date.now() - 1;
  const admin = await login("admin", "Kasse");
  const waiterName = `Report-${crypto.randomUUID().slice(0, 6)}`;
  const waiter = await login("waiter", waiterName);
  const station = await login("station");
  const price = await prices(admin);
  const tables: [string, string] = [freshTable(), freshTable()];
  // Lines: 0 pils ×3 (deposit), 1 käseweck ×2 (kitchen), 2 cola ×1 — and 0 schnitzelweck, 1 gin tonic ×3.
  const first = await mustPlaceOrder(waiter, { table: tables[0], items: [{ product: "pils", qty: 3 }, { product: "kaeseweck", qty: 2 }, { product: "cola", qty: 1 }] });
  const second = await mustPlaceOrder(waiter, { table: tables[1], items: [{ product: "schnitzelweck", qty: 1 }, { product: "gin-tonic", qty: 3 }] });
  const lineOf = (o: Order, product: string) => o.tickets.flatMap((t) => t.items).find((i) => i.product === product)!.line;
  const pils = lineOf(first, "pils");
  const kaese = lineOf(first, "kaeseweck");
  const gin = lineOf(second, "gin-tonic");

  const cash = await mustPay(waiter, { table: tables[0], method: "cash", items: [ref(first, pils, 2), ref(first, lineOf(first, "cola"), 1)], tipCents: 50, tenderedCents: 5000 });
  const voidRef = ref(first, kaese, 1);
  const voided = await voidItems(admin, { ...voidRef, reason: "mistake", note: "falsch getippt" });
  expect(voided.status, voided.text).toBe(201);
  const card = await mustPay(waiter, { table: tables[0], method: "card", items: [ref(first, kaese, 1)], depositReturns: [{ product: "pils", qty: 1 }] });
  const reversed = await mustPay(waiter, { table: tables[1], method: "card", items: [ref(second, gin, 2)] });
  const undo = await reverse(admin, reversed.id, "falsche Zahlart");
  expect(undo.status, undo.text).toBe(200);
  const voucher = await mustPay(waiter, { table: tables[1], method: "voucher", items: [ref(second, lineOf(second, "schnitzelweck"), 1)] });
  const free = await mustPay(waiter, { table: tables[1], method: "free", items: [ref(second, gin, 1)], reason: "Band", adminPin: ADMIN_PIN });
  await bumpAll(station, first);

  // The waiter's cash: the cash payment's goods and deposit (the card's deposit return is not cash).
  const floatCents = 5000;
  const countedCents = floatCents + cents(valueOf([first], cash.items)) - 100;
  const settled = await api("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: waiterName, floatCents, countedCents }, admin);
  expect(settled.status, settled.text).toBe(201);
  return {
    from,
    to: Date.now() + 1,
    admin,
    waiterName,
    price,
    orders: [first, second],
    tables,
    payments: { cash, card, reversed, voucher, free },
    voidRef,
    // Left open: one pils, and the two gin tonics the reversal gave back (the third went free).
    openRefs: [ref(first, pils, 1), ref(second, gin, 2)],
    floatCents,
    countedCents,
  };
}

let scene: Promise<Scene> | undefined;
const theScene = () => (scene ??= buildScene());

async function report(s: Scene, query = `?from=${s.from}&to=${s.to}`): Promise<Report> {
  const res = await api<Report>("GET", `/api/v1/report${query}`, undefined, s.admin);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe("the report's figures", () => {
  it("adds up orders, payments by method, tips, deposits, vouchers, free items, voids and reversals to the cent", async () => {
    const s = await theScene();
    const r = await report(s);
    const [first, second] = s.orders as [Order, Order];
    const all = [first, second].flatMap((o) => o.tickets.flatMap((t) => t.items.map((i) => ref(o, i.line, i.qty))));
    const { cash, card, reversed, voucher, free } = s.payments;
    const pilsDeposit = s.price.get("pils")!.depositCents;
    const paidRefs = [cash, card, voucher, free].flatMap((p) => p.items.map((i) => ({ order: i.order, line: i.line, qty: i.qty })));

    const orderedCents = cents(valueOf(s.orders, all));
    const paidCents = cents(valueOf(s.orders, paidRefs));
    const voidedCents = cents(valueOf(s.orders, [s.voidRef]));
    const openCents = cents(valueOf(s.orders, s.openRefs));
    expect(r.headline).toMatchObject({ orders: 2, items: 3 + 2 + 1 + 1 + 3, orderedCents, paidCents, voidedCents, openCents });
    expect(orderedCents).toBe(paidCents + voidedCents + openCents);

    const net = (p: Payment) => cents(valueOf(s.orders, p.items)) - p.depositReturns.reduce((sum, d) => sum + d.qty * d.depositCents, 0);
    expect(r.headline.byMethod).toEqual([
      { method: "cash", payments: 1, goodsCents: valueOf(s.orders, cash.items).amountCents, depositOutCents: 2 * pilsDeposit, depositBackCents: 0, tipsCents: 50, netCents: net(cash) },
      // The reversed card payment counts +1 when taken and −1 when reversed: only the other one is left.
      { method: "card", payments: 1, goodsCents: s.price.get("kaeseweck")!.unitCents, depositOutCents: 0, depositBackCents: pilsDeposit, tipsCents: 0, netCents: net(card) },
      { method: "voucher", payments: 1, goodsCents: s.price.get("schnitzelweck")!.unitCents, depositOutCents: 0, depositBackCents: 0, tipsCents: 0, netCents: net(voucher) },
      { method: "free", payments: 1, goodsCents: s.price.get("gin-tonic")!.unitCents, depositOutCents: 0, depositBackCents: 0, tipsCents: 0, netCents: net(free) },
    ]);
    expect(r.headline).toMatchObject({
      takenCents: net(cash) + net(card) + net(voucher) + net(free),
      tipsCents: 50,
      depositOutCents: 2 * pilsDeposit,
      depositBackCents: pilsDeposit,
      voucherCents: net(voucher),
      freeCents: net(free),
      freeItems: 1,
      voids: { count: 1, qty: 1, cents: voidedCents },
      reversals: { count: 1, cents: reversed.totalCents },
    });
    // With no later payment for the paid items, what the payments took for goods and deposits is what the items say is paid.
    expect(r.headline.takenCents + r.headline.depositBackCents).toBe(paidCents);
  });

  it("ranks products and categories by revenue, voided items left out", async () => {
    const s = await theScene();
    const r = await report(s);
    const unit = (id: string) => s.price.get(id)!.unitCents;
    const expected = [
      { product: "pils", qty: 3, voidedQty: 0, revenueCents: 3 * unit("pils") },
      { product: "kaeseweck", qty: 1, voidedQty: 1, revenueCents: unit("kaeseweck") },
      { product: "cola", qty: 1, voidedQty: 0, revenueCents: unit("cola") },
      { product: "schnitzelweck", qty: 1, voidedQty: 0, revenueCents: unit("schnitzelweck") },
      { product: "gin-tonic", qty: 3, voidedQty: 0, revenueCents: 3 * unit("gin-tonic") },
    ].sort((a, b) => b.revenueCents - a.revenueCents || b.qty - a.qty);
    expect(r.products.map(({ product, qty, voidedQty, revenueCents }) => ({ product, qty, voidedQty, revenueCents }))).toEqual(expected);
    const food = r.categories.find((c) => c.category === "essen")!;
    expect(food).toMatchObject({ name: "Essen", station: "kitchen", qty: 2, revenueCents: unit("kaeseweck") + unit("schnitzelweck") });
    expect(r.categories.reduce((sum, c) => sum + c.revenueCents, 0)).toBe(expected.reduce((sum, p) => sum + p.revenueCents, 0));
  });

  it("buckets orders per 15 minutes and station, and times the stations from ordered to done", async () => {
    const s = await theScene();
    const r = await report(s);
    const tickets = s.orders.flatMap((o) => o.tickets);
    for (const station of ["bar", "kitchen"]) {
      const mine = r.timeline.filter((b) => b.station === station);
      expect(mine.reduce((sum, b) => sum + b.orders, 0)).toBe(tickets.filter((t) => t.station === station).length);
      for (const b of mine) expect(b.start % (15 * 60 * 1000)).toBe(0);
    }
    expect(r.timeline.reduce((sum, b) => sum + b.revenueCents, 0)).toBe(r.products.reduce((sum, p) => sum + p.revenueCents, 0));
    const bar = r.preparation.find((p) => p.station === "bar")!;
    // The first order's bar ticket was bumped; the second's is still open.
    expect(bar).toMatchObject({ name: "Getränke", tickets: 2, done: 1 });
    expect(bar.medianMs).toBeGreaterThanOrEqual(0);
    expect(bar.p90Ms).toBe(bar.medianMs);
  });

  it("shows the waiter's takings, tips and settlement, each table, and the audit list", async () => {
    const s = await theScene();
    const r = await report(s);
    const { cash, card, voucher, free } = s.payments;
    const w = r.waiters.find((x) => x.name === s.waiterName)!;
    const expectedCash = s.floatCents + cash.amountCents + cash.depositCents;
    expect(w).toMatchObject({ orders: 2, payments: 4, tipsCents: 50, settlements: 1, floatCents: s.floatCents, expectedCashCents: expectedCash, countedCents: s.countedCents, differenceCents: -100, current: null });
    expect(w.takenCents).toBe(r.headline.takenCents);
    const net = (p: Payment) => p.totalCents - p.tipCents;
    expect(r.tables.find((t) => t.table === s.tables[0])).toEqual({ table: s.tables[0], orders: 1, takenCents: net(cash) + net(card) });
    expect(r.tables.find((t) => t.table === s.tables[1])).toEqual({ table: s.tables[1], orders: 1, takenCents: net(voucher) + net(free) });
    // The free payment is approved like a void: it is in the audit list with who approved it.
    expect(r.audit.map((a) => [a.kind, a.by, a.reason])).toEqual([
      ["free", s.waiterName, "Band"],
      ["reversal", "Kasse", "falsche Zahlart"],
      ["void", "Kasse", "mistake: falsch getippt"],
    ]);
    expect(r.audit[0]).toMatchObject({ approvedBy: "admin PIN", approvedWithAdminPin: true, valueCents: free.amountCents + free.depositCents, subject: { kind: "free", items: [{ qty: 1, name: free.items[0]!.name }] } });
  });

  it("leaves out what happened before the window", async () => {
    const s = await theScene();
    const r = await report(s, `?from=${s.to}`);
    expect(r.headline).toMatchObject({ orders: 0, orderedCents: 0, takenCents: 0, voids: { count: 0, qty: 0, cents: 0 } });
    expect(r.products).toEqual([]);
    expect(r.audit).toEqual([]);
  });
});

describe("the CSV files", () => {
  const parse = (text: string) => {
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
  };
  async function csv(s: Scene, file: string, tz = "Europe/Berlin") {
    const res = await SELF.fetch(`${BASE}/api/v1/report/${file}.csv?from=${s.from}&to=${s.to}&tz=${tz}`, { headers: { cookie: s.admin } });
    // Read as bytes: Response.text() would drop the byte order mark this checks.
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = `\uFEFF${new TextDecoder().decode(bytes)}`;
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename=".+-${file}\\.csv"$`));
    return { text, rows: parse(text) };
  }

  it("gives each payment as GET /payments does, amounts as decimals, times with the offset", async () => {
    const s = await theScene();
    const { text, rows } = await csv(s, "payments");
    expect(text).toContain("\r\n");
    const api_ = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?waiter=${s.waiterName}`, undefined, s.admin);
    const fromApi = [...api_.body.payments].sort((a, b) => a.seq - b.seq);
    const decimal = (c: number) => (c / 100).toFixed(2);
    expect(rows.filter((r) => r.waiter === s.waiterName)).toEqual(
      fromApi.map((p) =>
        expect.objectContaining({ id: p.id, method: p.method, goods: decimal(p.amountCents), deposit: decimal(p.depositCents), deposit_return: decimal(p.depositReturnCents), tip: decimal(p.tipCents), total: decimal(p.totalCents), reversed_by: p.reversal?.by ?? "" }),
      ),
    );
    const row = rows.find((r) => r.id === s.payments.cash.id)!;
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(Date.parse(row.created_at!)).toBe(Math.floor(s.payments.cash.createdAt / 1000) * 1000);
  });

  it("has one row per order and item whose sums are the report's, and the void and settlement", async () => {
    const s = await theScene();
    const r = await report(s);
    const sum = (rows: Record<string, string>[], key: string) => Math.round(rows.reduce((t, row) => t + Number(row[key]) * 100, 0));
    const orders = (await csv(s, "orders", "UTC")).rows;
    expect(orders.map((o) => o.id)).toEqual(s.orders.map((o) => o.id));
    expect(sum(orders, "paid")).toBe(r.headline.paidCents);
    expect(sum(orders, "voided")).toBe(r.headline.voidedCents);
    expect(sum(orders, "open")).toBe(r.headline.openCents);
    expect(sum(orders, "goods") + sum(orders, "deposit")).toBe(r.headline.orderedCents);
    expect(orders[0]!.created_at).toMatch(/\+00:00$/);
    const items = (await csv(s, "items")).rows;
    expect(items).toHaveLength(5);
    expect(items.find((i) => i.product_id === "kaeseweck")).toMatchObject({ product: "Käseweck", qty: "2", voided_qty: "1", paid_qty: "1", open_qty: "0" });
    const voids = (await csv(s, "voids")).rows;
    expect(voids).toEqual([expect.objectContaining({ product: "Käseweck", qty: "1", reason: "mistake", note: "falsch getippt", waiter: "Kasse" })]);
    const settlements = (await csv(s, "settlements")).rows.filter((x) => x.waiter === s.waiterName);
    expect(settlements).toEqual([expect.objectContaining({ float: "50.00", difference: "-1.00", counted: (s.countedCents / 100).toFixed(2) })]);
  });
});

describe("bad requests to the report", () => {
  it("answers 400 with the path for a bad window, file or time zone, and 403 to a waiter", async () => {
    const admin = await login("admin");
    const cases: [string, string][] = [
      ["/api/v1/report?from=yesterday", "query.from"],
      ["/api/v1/report?from=2026-07-04T20:00:00Z&to=2026-07-04T18:00:00Z", "query.to"],
      ["/api/v1/report?to=2026-07-04T18:00", "query.to"],
      ["/api/v1/report/menu.csv", "param.file"],
      ["/api/v1/report/orders.csv?tz=Mars/Olympus", "query.tz"],
    ];
    for (const [path, where] of cases) {
      const res = await api("GET", path, undefined, admin);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.body.error.path, path).toBe(where);
    }
    const waiter = await api("GET", "/api/v1/report", undefined, await login("waiter"));
    expect(waiter.status, waiter.text).toBe(403);
  });
});
