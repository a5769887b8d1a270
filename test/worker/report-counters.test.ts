// The report of an evening with counter service (issue 22), played through the real API: table
// orders, counter orders at two desks (paid by voucher, cash and card; some ready, one not), vouchers
// sold by cash and card and one reversed. The expected figures are counted by hand from that list
// and GET /menu's prices, never from report code: sales per counter and for table service, the
// counter orders' wait, vouchers sold against vouchers redeemed, and the CSV files and the seller's
// settlement agreeing with the report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import Papa from "papaparse";
import { counterBill, type Order, type Payment, type Report, type VoucherSale, type WaiterShift } from "../../worker/protocol.ts";
import { api, BASE, login, mustPlaceOrder } from "./helpers.ts";
import { allItems, bumpAll, freshTable, getOrder, mustPay, prices, type Price } from "./money-helpers.ts";
import { dropCounters, mustCounterOrder, useCounters } from "./counter-helpers.ts";

interface Evening {
  from: number;
  to: number;
  admin: string;
  waiter: string;
  price: Map<string, Price>;
  tableOrders: Order[];
  counterOrders: { order: Order; counter: string; readyAt: number | null }[];
  payments: Payment[];
  sales: VoucherSale[];
  reversedSale: VoucherSale;
}
let e: Evening;

async function sell(cookie: string, counter: string, method: "cash" | "card", amountCents: number): Promise<VoucherSale> {
  const res = await api<{ sale: VoucherSale }>("POST", "/api/v1/voucher-sales", { id: crypto.randomUUID(), counter, method, amountCents }, cookie);
  if (res.status !== 201) throw new Error(`voucher sale: ${res.text}`);
  return res.body.sale;
}

/** When the last ticket of the order was done (null while one is not). */
const readyAtOf = (o: Order) => (o.tickets.every((t) => t.doneAt !== null) ? Math.max(...o.tickets.map((t) => t.doneAt!)) : null);

beforeAll(async () => {
  await useCounters();
  const admin = await login("admin", "Kassenwart");
  const waiterName = `Theke ${crypto.randomUUID().slice(0, 6)}`;
  const waiter = await login("waiter", waiterName);
  const station = await login("station");
  const price = await prices(admin);
  // The coordinator's first command after the config change: before the window.
  await sell(admin, "kasse", "card", 100);
  const from = Date.now();

  // Table service: one table paid in cash, one left open.
  const paidTable = freshTable();
  const a = await mustPlaceOrder(waiter, { table: paidTable, items: [{ product: "cola", qty: 2 }] });
  const b = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "spezi", qty: 1 }] });
  const payments = [await mustPay(waiter, { table: paidTable, method: "cash", items: allItems(a) })];

  // Counter orders: each paid on its own bill; two are made, one waits in the kitchen.
  const c1 = await mustCounterOrder(waiter, [{ product: "bratwurst", qty: 1 }, { product: "cola", qty: 1 }], { counter: "kasse" });
  payments.push(await mustPay(waiter, { table: counterBill(c1.id), method: "voucher", items: allItems(c1) }));
  const c2 = await mustCounterOrder(waiter, [{ product: "pommes", qty: 2 }], { counter: "kasse" });
  payments.push(await mustPay(waiter, { table: counterBill(c2.id), method: "cash", items: allItems(c2) }));
  const c3 = await mustCounterOrder(waiter, [{ product: "schinkenweck", qty: 1 }], { counter: "kasse-2" });
  payments.push(await mustPay(waiter, { table: counterBill(c3.id), method: "card", items: allItems(c3) }));
  await bumpAll(station, c1);
  await bumpAll(station, c3);

  // Vouchers sold at the desks; one sold by mistake and reversed.
  const sales = [await sell(waiter, "kasse", "cash", 2000), await sell(waiter, "kasse-2", "card", 1500)];
  const mistake = await sell(waiter, "kasse", "cash", 1000);
  const reversed = await api<{ sale: VoucherSale }>("POST", `/api/v1/voucher-sales/${mistake.id}/reverse`, { reason: "falsch getippt" }, admin);
  expect(reversed.status, reversed.text).toBe(200);

  const counterOrders = await Promise.all(
    [[c1, "kasse"], [c2, "kasse"], [c3, "kasse-2"]].map(async ([o, counter]) => {
      const order = await getOrder(admin, (o as Order).id);
      return { order, counter: counter as string, readyAt: readyAtOf(order) };
    }),
  );
  e = { from, to: Date.now() + 1, admin, waiter: waiterName, price, tableOrders: [a, b], counterOrders, payments, sales, reversedSale: reversed.body.sale };
});

afterAll(dropCounters);

/** The window of the evening; `untilNow`: open-ended, so it holds the shifts not settled yet. */
async function report(untilNow = false): Promise<Report> {
  const res = await api<Report>("GET", `/api/v1/report?from=${e.from}${untilNow ? "" : `&to=${e.to}`}`, undefined, e.admin);
  expect(res.status, res.text).toBe(200);
  return res.body;
}
const cents = (product: string) => e.price.get(product)!.unitCents;
const total = (list: Payment[]) => list.reduce((s, p) => s + p.totalCents, 0);

describe("the report with counter service", () => {
  it("gives sales per counter and for table service, adding up to the headline; counter bills are not tables", async () => {
    const r = await report();
    const tableService = { counter: null, name: "", orders: 2, salesCents: 2 * cents("cola"), openCents: cents("spezi"), voucherSoldCents: 0 };
    const kasse = { counter: "kasse", name: "Kasse", orders: 2, salesCents: cents("bratwurst") + cents("cola") + 2 * cents("pommes"), openCents: 0, voucherSoldCents: 2000 };
    const sued = { counter: "kasse-2", name: "Kasse Süd", orders: 1, salesCents: cents("schinkenweck"), openCents: 0, voucherSoldCents: 1500 };
    expect(r.channels).toHaveLength(3);
    expect(r.channels[0]).toMatchObject(tableService);
    expect(r.channels[1]).toMatchObject(kasse);
    expect(r.channels[2]).toMatchObject(sued);
    const sum = (k: "orders" | "qty" | "orderedCents" | "salesCents" | "openCents" | "voidedCents" | "freeCents") => r.channels.reduce((s, c) => s + c[k], 0);
    expect({ orders: sum("orders"), qty: sum("qty"), orderedCents: sum("orderedCents"), salesCents: sum("salesCents"), openCents: sum("openCents") }).toEqual({
      orders: r.headline.orders,
      qty: r.headline.qty,
      orderedCents: r.headline.orderedCents,
      salesCents: r.headline.salesCents,
      openCents: r.headline.openCents,
    });
    // The tables are table service alone: no counter bill among them, and their goods are the table service's.
    expect(r.tables.some((t) => t.table.startsWith("#"))).toBe(false);
    expect(r.tables.reduce((s, t) => s + t.salesCents, 0)).toBe(tableService.salesCents);
    expect(r.tables.reduce((s, t) => s + t.orders, 0)).toBe(tableService.orders);
  });

  it("counts the counter orders and their wait, ordered → last ticket done, overall and per 15 minutes", async () => {
    const r = await report();
    const waits = e.counterOrders.filter((c) => c.readyAt !== null).map((c) => c.readyAt! - c.order.createdAt).sort((x, y) => x - y);
    expect(waits).toHaveLength(2);
    // Nearest rank of two: the median is the shorter wait, the 90th percentile the longer.
    expect(r.counterWait).toEqual({ orders: 3, ready: 2, medianMs: waits[0], p90Ms: waits[1] });
    expect(r.counterWaitTimeline.reduce((s, b) => s + b.orders, 0)).toBe(3);
    expect(r.counterWaitTimeline.reduce((s, b) => s + b.ready, 0)).toBe(2);
    for (const b of r.counterWaitTimeline) expect(b.start % (15 * 60 * 1000)).toBe(0);
  });

  it("sets vouchers sold (cash, card) against vouchers redeemed; sales of vouchers are money in, not sales", async () => {
    const r = await report();
    const voucherPaid = e.payments.filter((p) => p.method === "voucher");
    expect(r.headline.vouchers).toEqual({
      soldCash: { count: 1, cents: 2000 },
      soldCard: { count: 1, cents: 1500 },
      sold: { count: 2, cents: 3500 },
      redeemed: { count: 1, cents: total(voucherPaid) },
      outstandingCents: 3500 - total(voucherPaid),
      reversals: { count: 1, cents: 1000 },
    });
    const cash = total(e.payments.filter((p) => p.method === "cash"));
    const card = total(e.payments.filter((p) => p.method === "card"));
    expect(r.headline).toMatchObject({ cashInCents: cash + 2000, cardInCents: card + 1500, moneyInCents: cash + card + 3500, voucherCents: total(voucherPaid) });
    // Sales are the goods paid, vouchers redeemed among them; the vouchers sold are not added.
    expect(r.headline.salesCents).toBe(e.payments.reduce((s, p) => s + p.amountCents, 0));
  });

  it("agrees with the seller's settlement: the cash to hand in counts the vouchers sold for cash", async () => {
    const r = await report(true);
    const res = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, e.admin);
    const shift = res.body.waiters.find((w) => w.name === e.waiter)!;
    expect(shift).toMatchObject({ voucherSales: 2, voucherSoldCashCents: 2000, voucherSoldCardCents: 1500 });
    expect(shift.expectedCashCents).toBe(r.headline.cashToHandInCents);
    expect(r.waiters.find((w) => w.name === e.waiter)!.current).toEqual(shift);
  });
});

describe("the CSV files with counter service", () => {
  async function csv(file: string): Promise<Record<string, string>[]> {
    const res = await SELF.fetch(`${BASE}/api/v1/report/${file}.csv?from=${e.from}&to=${e.to}&tz=UTC`, { headers: { cookie: e.admin } });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
  }
  const decimalCents = (s: string) => Math.round(Number(s) * 100);

  it("lists every voucher sale of the window, the reversed one with who and why; the standing ones sum to the report's vouchers sold", async () => {
    const r = await report();
    const rows = await csv("voucher_sales");
    expect(rows.map((x) => x.id).sort()).toEqual([...e.sales.map((s) => s.id), e.reversedSale.id].sort());
    const standing = rows.filter((x) => x.reversed_at === "");
    expect(standing.reduce((s, x) => s + decimalCents(x.amount!), 0)).toBe(r.headline.vouchers.sold.cents);
    expect(standing.filter((x) => x.method === "cash").reduce((s, x) => s + decimalCents(x.amount!), 0)).toBe(r.headline.vouchers.soldCash.cents);
    const reversed = rows.find((x) => x.id === e.reversedSale.id)!;
    expect(reversed).toMatchObject({ counter: "kasse", method: "cash", amount: "10.00", reversed_by: "Kassenwart", reverse_reason: "falsch getippt" });
  });

  it("gives each order its number and counter (empty for table service); sales per counter agree with the report", async () => {
    const r = await report();
    const rows = await csv("orders");
    expect(rows).toHaveLength(5);
    for (const { order, counter } of e.counterOrders) expect(rows.find((x) => x.id === order.id)).toMatchObject({ counter, number: String(order.number), table: counterBill(order.id) });
    for (const o of e.tableOrders) expect(rows.find((x) => x.id === o.id)).toMatchObject({ counter: "", number: String(o.number) });
    for (const c of r.channels) {
      const mine = rows.filter((x) => x.counter === (c.counter ?? ""));
      expect(mine.reduce((s, x) => s + decimalCents(x.sales!), 0), String(c.counter)).toBe(c.salesCents);
    }
  });
});
