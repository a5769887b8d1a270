// The report's figures against the figures a treasurer counts by hand from the list of what was
// done (report-scene.ts): orders, payments by cash, card, voucher and free, a card tip, deposits out
// and back, a void, a reversal and a table left open. The identities must hold: ordered = sales +
// given away + open + voided (goods, in cents and items), and money in = cash + card, each = goods
// + deposit out − deposit back + tips. Prices come from GET /menu, never from the code under test.
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import type { Payment, Report, ReportGoods } from "../../worker/protocol.ts";
import { SELF } from "cloudflare:test";
import { api, BASE, login } from "./helpers.ts";
import { DONE, expectedFigures, playEvening, type Scene } from "./report-scene.ts";

let scene: Promise<Scene> | undefined;
const theScene = () => (scene ??= playEvening());

async function report(s: Scene, query = `?from=${s.from}&to=${s.to}`): Promise<Report> {
  const res = await api<Report>("GET", `/api/v1/report${query}`, undefined, s.admin);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const GOODS_KEYS = ["qty", "soldQty", "freeQty", "openQty", "voidedQty", "orderedCents", "salesCents", "freeCents", "openCents", "voidedCents"] as const;
const goodsOf = (g: ReportGoods) => Object.fromEntries(GOODS_KEYS.map((k) => [k, g[k]]));
const identityHolds = (g: ReportGoods) => {
  expect(g.qty, "items: ordered = sold + given away + open + voided").toBe(g.soldQty + g.freeQty + g.openQty + g.voidedQty);
  expect(g.orderedCents, "cents: ordered = sales + given away + open + voided").toBe(g.salesCents + g.freeCents + g.openCents + g.voidedCents);
};

describe("the report's figures", () => {
  it("counts the goods as the treasurer does: ordered = sales + given away + open + voided, in items and cents", async () => {
    const s = await theScene();
    const r = await report(s);
    const e = expectedFigures(s.price);
    // The list itself adds up (else the scene is wrong, not the report).
    identityHolds(e.goods);
    expect(goodsOf(r.headline)).toEqual(e.goods);
    identityHolds(r.headline);
    expect(r.headline).toMatchObject({ orders: DONE.orders.length, orderedDepositCents: e.orderedDepositCents, openDepositCents: e.openDepositCents });
    // Sales are goods paid by cash, card and voucher: the payments' goods say the same.
    expect(r.headline.salesCents).toBe(e.money("cash").goodsCents + e.money("card").goodsCents + e.money("voucher").goodsCents);
    expect(r.headline.freeCents).toBe(e.money("free").goodsCents);
    // No cash desk sold anything: every good and order is table service's.
    expect(r.channels).toEqual([{ counter: null, name: "", orders: DONE.orders.length, voucherSoldCents: 0, ...e.goods }]);
  });

  it("gives the money by method, money in = cash + card with deposits and tips apart, vouchers, voids and reversals", async () => {
    const s = await theScene();
    const r = await report(s);
    const e = expectedFigures(s.price);
    const method = (m: "cash" | "card" | "voucher" | "free") => {
      const x = e.money(m);
      return { method: m, ...x, netCents: x.goodsCents + x.depositOutCents - x.depositBackCents, totalCents: e.totalOf(m) };
    };
    // The reversed card payment counts +1 when taken and −1 when reversed: only the other one is left.
    expect(r.headline.byMethod).toEqual([method("cash"), method("card"), method("voucher"), method("free")]);
    expect(r.headline).toMatchObject({
      cashInCents: e.totalOf("cash"),
      cardInCents: e.totalOf("card"),
      moneyInCents: e.moneyInCents,
      voucherCents: e.totalOf("voucher"),
      tipsCents: e.tipsCents,
      cardTipsCents: e.cardTipsCents,
      depositOutCents: e.depositOutCents,
      depositBackCents: e.depositBackCents,
      cashToHandInCents: e.waiterCashToHandInCents,
      voids: { count: 1, qty: 1, cents: s.price.get("kaeseweck")!.unitCents },
      reversals: { count: 1, cents: e.reversalsCents },
    });
    // Money in = cash + card, each = goods + deposit out − deposit back + tips.
    const cash = e.money("cash");
    const card = e.money("card");
    expect(r.headline.moneyInCents).toBe(cash.goodsCents + cash.depositOutCents - cash.depositBackCents + cash.tipsCents + card.goodsCents + card.depositOutCents - card.depositBackCents + card.tipsCents);
    expect(e.tipsCents).toBeGreaterThan(e.cardTipsCents);
    expect(e.cardTipsCents).toBeGreaterThan(0);
    expect(e.depositBackCents).toBeGreaterThan(0);
  });

  it("splits each product and category into sold, given away, open and voided; their items add up to page 1", async () => {
    const s = await theScene();
    const r = await report(s);
    const e = expectedFigures(s.price);
    const byId = <T extends { product: string }>(list: T[]) => [...list].sort((a, b) => a.product.localeCompare(b.product));
    expect(byId(r.products).map((p) => ({ product: p.product, ...goodsOf(p) }))).toEqual(
      byId([...e.products].map(([product, g]) => ({ product, ...g }))),
    );
    for (const p of r.products) identityHolds(p);
    // Ranked by sales.
    expect(r.products.map((p) => p.salesCents)).toEqual([...r.products.map((p) => p.salesCents)].sort((a, b) => b - a));
    // Every count agrees across pages: products and categories add up to the headline.
    for (const list of [r.products, r.categories]) for (const k of GOODS_KEYS) expect(list.reduce((sum, g) => sum + g[k], 0), k).toBe(r.headline[k]);
    const food = r.categories.find((c) => c.category === "essen")!;
    const kaese = e.products.get("kaeseweck")!;
    const schnitzel = e.products.get("schnitzelweck")!;
    expect(food).toMatchObject({ name: "Essen", station: "kitchen", qty: kaese.qty + schnitzel.qty, salesCents: kaese.salesCents + schnitzel.salesCents, voidedQty: 1 });
  });

  it("lists every table with its sales, given away, open and voided goods: the unpaid table shows what is open", async () => {
    const s = await theScene();
    const r = await report(s);
    const e = expectedFigures(s.price);
    for (const [index, g] of e.tables) {
      const row = r.tables.find((t) => t.table === s.tables[index])!;
      expect({ ...goodsOf(row), orders: row.orders }, s.tables[index]).toEqual({ ...g, orders: 1 });
      identityHolds(row);
    }
    const unpaid = r.tables.find((t) => t.table === s.tables[2])!;
    expect(unpaid.salesCents).toBe(0);
    expect(unpaid.openCents).toBe(2 * s.price.get("cola")!.unitCents);
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
    expect(r.timeline.reduce((sum, b) => sum + b.orderedCents, 0)).toBe(r.headline.orderedCents);
    expect(r.timeline.reduce((sum, b) => sum + b.items, 0)).toBe(r.headline.qty);
    const bar = r.preparation.find((p) => p.station === "bar")!;
    // The first order's bar ticket was bumped; the others are still open.
    expect(bar).toMatchObject({ name: "Getränke", tickets: 3, done: 1 });
    expect(bar.medianMs).toBeGreaterThanOrEqual(0);
    expect(bar.p90Ms).toBe(bar.medianMs);
  });

  it("shows the waiter's sales, tips and settlement by the one cash rule, and the audit list", async () => {
    const s = await theScene();
    const r = await report(s);
    const e = expectedFigures(s.price);
    const w = r.waiters.find((x) => x.name === s.waiterName)!;
    const expectedCash = DONE.floatCents + e.waiterCashToHandInCents;
    expect(w).toMatchObject({ orders: 3, payments: e.waiterPayments, salesCents: e.waiterSalesCents, freeCents: 0, tipsCents: e.tipsCents, settlements: 1, floatCents: DONE.floatCents, expectedCashCents: expectedCash, countedCents: s.countedCents, differenceCents: -DONE.shortCents, current: null });
    // The organiser gave the free round; it counts under their name.
    expect(r.waiters.find((x) => x.name === s.adminName)).toMatchObject({ orders: 0, payments: 1, salesCents: 0, freeCents: e.goods.freeCents });
    expect(r.audit.map((a) => [a.kind, a.by, a.reason])).toEqual([
      ["free", s.adminName, "Band"],
      ["reversal", s.adminName, "falsche Zahlart"],
      ["void", s.adminName, "mistake: falsch getippt"],
    ]);
    // The free round was given by the organiser's own session: approved by them, no PIN typed.
    const free = s.payments.find((p) => p.method === "free")!;
    expect(r.audit[0]).toMatchObject({ approvedBy: s.adminName, approvedWithAdminPin: false, valueCents: free.amountCents + free.depositCents, subject: { kind: "free", items: [{ qty: 1, name: free.items[0]!.name }] } });
  });

  it("leaves out what happened before the window", async () => {
    const s = await theScene();
    const r = await report(s, `?from=${s.to}`);
    expect(r.headline).toMatchObject({ orders: 0, qty: 0, orderedCents: 0, salesCents: 0, moneyInCents: 0, voids: { count: 0, qty: 0, cents: 0 } });
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
    const api_ = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?waiter=${encodeURIComponent(s.waiterName)}`, undefined, s.admin);
    const fromApi = [...api_.body.payments].sort((a, b) => a.seq - b.seq);
    const decimal = (c: number) => (c / 100).toFixed(2);
    expect(rows.filter((r) => r.waiter === s.waiterName)).toEqual(
      fromApi.map((p) =>
        expect.objectContaining({ id: p.id, method: p.method, goods: decimal(p.amountCents), deposit: decimal(p.depositCents), deposit_return: decimal(p.depositReturnCents), tip: decimal(p.tipCents), total: decimal(p.totalCents), reversed_by: p.reversal?.by ?? "" }),
      ),
    );
    const cash = s.payments[0]!;
    const row = rows.find((r) => r.id === cash.id)!;
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(Date.parse(row.created_at!)).toBe(Math.floor(cash.createdAt / 1000) * 1000);
  });

  it("has one row per order and item whose sums are the report's, and the void and settlement", async () => {
    const s = await theScene();
    const r = await report(s);
    const cents = (decimal: string) => Math.round(Number(decimal) * 100);
    const sum = (rows: Record<string, string>[], key: string) => rows.reduce((t, row) => t + cents(row[key]!), 0);
    const orders = (await csv(s, "orders", "UTC")).rows;
    expect(orders.map((o) => o.id)).toEqual(s.orders.map((o) => o.id));
    expect(sum(orders, "goods")).toBe(r.headline.orderedCents);
    expect(sum(orders, "sales")).toBe(r.headline.salesCents);
    expect(sum(orders, "given_away")).toBe(r.headline.freeCents);
    expect(sum(orders, "open")).toBe(r.headline.openCents);
    expect(sum(orders, "voided")).toBe(r.headline.voidedCents);
    expect(sum(orders, "deposit")).toBe(r.headline.orderedDepositCents);
    for (const o of orders) expect(cents(o.goods!)).toBe(cents(o.sales!) + cents(o.given_away!) + cents(o.open!) + cents(o.voided!));
    expect(orders[0]!.created_at).toMatch(/\+00:00$/);
    const items = (await csv(s, "items")).rows;
    expect(items).toHaveLength(6);
    expect(items.find((i) => i.product_id === "kaeseweck")).toMatchObject({ product: "Käseweck", qty: "2", sold_qty: "1", given_away_qty: "0", open_qty: "0", voided_qty: "1" });
    expect(items.find((i) => i.product_id === "gin-tonic")).toMatchObject({ qty: "3", sold_qty: "0", given_away_qty: "1", open_qty: "2", voided_qty: "0" });
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
