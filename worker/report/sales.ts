// The report's figures in one batch: the goods of the window's orders (goods.ts: sold, given away,
// open, voided per product and table), the money the window's payments moved per method, voids,
// reversals, vouchers sold at the desks and the 15-minute timeline. Aggregates in SQL; one row per group, not per record.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cashToHandInCents, PAYMENT_METHODS, REPORT_BUCKET_MS, type PaymentMethod, type ReportGoods, type ReportHeadline, type ReportMethod, type ReportProduct, type ReportTable, type ReportVouchers, type ReportTimeBucket, type ReportWindow } from "../protocol.ts";
import { addGoods, goodsOf, noGoods, notCounterBill, productGoods, tableGoods } from "./goods.ts";
import { allInOneBatch } from "./rawRows.ts";
import { bucketOf, inWindowFlag, paymentSign, within } from "./window.ts";

const num = (v: unknown) => Number(v ?? 0);

const methodSums = (e: string, w: ReportWindow) => sql`
SELECT p.method, sum(${paymentSign("p", w)}) AS payments, sum(${paymentSign("p", w)} * p.amount_cents) AS goods,
  sum(${paymentSign("p", w)} * p.deposit_cents) AS dep, sum(${paymentSign("p", w)} * p.deposit_return_cents) AS back,
  sum(${paymentSign("p", w)} * p.tip_cents) AS tips
FROM payments p WHERE p.event_id = ${e} GROUP BY p.method`;

const voidSums = (e: string, w: ReportWindow) => sql`
SELECT count(*) AS n, sum(qty) AS qty, sum(qty * unit_cents) AS cents FROM voids WHERE event_id = ${e} AND ${within("created_at", w)}`;

const reversalSums = (e: string, w: ReportWindow) => sql`
SELECT count(*) AS n, sum(amount_cents + deposit_cents - deposit_return_cents + tip_cents) AS cents
FROM payments WHERE event_id = ${e} AND reversed_at IS NOT NULL AND ${within("reversed_at", w)}`;

/** Vouchers sold at the desks per counter and method: sold in the window +, reversed in it −; and the reversals in it. */
const voucherSaleSums = (e: string, w: ReportWindow) => sql`
SELECT v.counter_id AS counter, v.method, sum(${paymentSign("v", w)}) AS n, sum(${paymentSign("v", w)} * v.amount_cents) AS cents,
  sum(${inWindowFlag("coalesce(v.reversed_at, -2)", w)}) AS reversed, sum(${inWindowFlag("coalesce(v.reversed_at, -2)", w)} * v.amount_cents) AS reversedCents
FROM voucher_sales v WHERE v.event_id = ${e} GROUP BY v.counter_id, v.method`;

const ticketBuckets = (e: string, w: ReportWindow) => sql`
SELECT ${bucketOf("t.created_at", REPORT_BUCKET_MS)} AS start, t.station_id AS station, count(*) AS orders
FROM tickets t WHERE t.event_id = ${e} AND ${within("t.created_at", w)} GROUP BY start, station`;

const itemBuckets = (e: string, w: ReportWindow) => sql`
SELECT ${bucketOf("o.created_at", REPORT_BUCKET_MS)} AS start, i.station_id AS station, sum(i.qty) AS items, sum(i.qty * i.unit_cents) AS ordered
FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)} GROUP BY start, station`;

/** Orders per table, and (tableName null) the counter orders, which have bills of their own. */
const tableOrders = (e: string, w: ReportWindow) => sql`
SELECT CASE WHEN ${notCounterBill("table_name")} THEN table_name END AS tableName, count(*) AS orders FROM orders WHERE event_id = ${e} AND ${within("created_at", w)} GROUP BY 1`;

/** First and last activity: orders, payments, reversals, voids and voucher sales in the window (D1 takes at most 5 terms in one compound SELECT). */
const spanOf = (e: string, w: ReportWindow) => sql`
SELECT min(at) AS first, max(at) AS last FROM (
  SELECT created_at AS at FROM orders WHERE event_id = ${e} AND ${within("created_at", w)}
  UNION ALL SELECT created_at FROM payments WHERE event_id = ${e} AND ${within("created_at", w)}
  UNION ALL SELECT reversed_at FROM payments WHERE event_id = ${e} AND reversed_at IS NOT NULL AND ${within("reversed_at", w)}
  UNION ALL SELECT created_at FROM voids WHERE event_id = ${e} AND ${within("created_at", w)}
  UNION ALL SELECT at FROM (SELECT created_at AS at FROM voucher_sales WHERE event_id = ${e} AND ${within("created_at", w)}
    UNION ALL SELECT reversed_at FROM voucher_sales WHERE event_id = ${e} AND reversed_at IS NOT NULL AND ${within("reversed_at", w)}))`;

type Row = Record<string, unknown>;

export interface Sales {
  headline: ReportHeadline;
  products: ReportProduct[];
  timeline: ReportTimeBucket[];
  tables: ReportTable[];
  span: { first: number | null; last: number | null };
  /** Vouchers sold per counter id (cash + card, reversals subtracted): the channels' figure. */
  voucherSoldByCounter: Map<string, number>;
}

/** One batch: D1 runs it as one sequence, so the figures are of one moment even while waiters pay. */
export async function readSales(db: Db, eventId: string, window: ReportWindow): Promise<Sales> {
  const queries: SQL[] = [methodSums, voidSums, reversalSums, productGoods, ticketBuckets, itemBuckets, tableOrders, tableGoods, spanOf, voucherSaleSums].map((q) => q(eventId, window));
  const results = await allInOneBatch(db, queries);
  const [methods, [voided], [reversed], productRows, tickets, items, orders, tableRows, [span], voucherRows] = results as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
  const products: ReportProduct[] = productRows.map((r) => ({ product: String(r.product), name: String(r.name), category: String(r.category), station: String(r.station), ...goodsOf(r) }));
  const goods = noGoods();
  for (const p of products) addGoods(goods, p);
  // Every order has one table: the tables' counts add up to the window's orders; the deposits are the products' sums.
  const counts = {
    orders: orders.reduce((n, r) => n + num(r.orders), 0),
    orderedDepositCents: productRows.reduce((n, r) => n + num(r.orderedDepositC), 0),
    openDepositCents: productRows.reduce((n, r) => n + num(r.openDepositC), 0),
  };
  return {
    headline: headlineOf(goods, counts, methods, voided!, reversed!, voucherRows),
    products,
    timeline: timelineOf(tickets, items),
    tables: tablesOf(orders, tableRows),
    span: { first: span?.first == null ? null : num(span.first), last: span?.last == null ? null : num(span.last) },
    voucherSoldByCounter: voucherRows.reduce((m, r) => m.set(String(r.counter), (m.get(String(r.counter)) ?? 0) + num(r.cents)), new Map<string, number>()),
  };
}

/** Vouchers sold by cash and card (all counters) against the voucher payments (redeemed). */
function vouchersOf(voucherRows: Row[], redeemed: ReportMethod | undefined): ReportVouchers {
  const count = (rows: Row[]) => ({ count: rows.reduce((n, r) => n + num(r.n), 0), cents: rows.reduce((n, r) => n + num(r.cents), 0) });
  const soldCash = count(voucherRows.filter((r) => r.method === "cash"));
  const soldCard = count(voucherRows.filter((r) => r.method === "card"));
  const sold = { count: soldCash.count + soldCard.count, cents: soldCash.cents + soldCard.cents };
  const redeemedCount = { count: redeemed?.payments ?? 0, cents: redeemed?.totalCents ?? 0 };
  const reversals = { count: voucherRows.reduce((n, r) => n + num(r.reversed), 0), cents: voucherRows.reduce((n, r) => n + num(r.reversedCents), 0) };
  return { soldCash, soldCard, sold, redeemed: redeemedCount, outstandingCents: sold.cents - redeemedCount.cents, reversals };
}

function methodsOf(methodRows: Row[]): ReportMethod[] {
  const byMethod: ReportMethod[] = [];
  for (const method of PAYMENT_METHODS) {
    const r = methodRows.find((m) => m.method === method);
    if (!r) continue;
    const goodsCents = num(r.goods);
    const depositOutCents = num(r.dep);
    const depositBackCents = num(r.back);
    const tipsCents = num(r.tips);
    const netCents = goodsCents + depositOutCents - depositBackCents;
    byMethod.push({ method, payments: num(r.payments), goodsCents, depositOutCents, depositBackCents, tipsCents, netCents, totalCents: netCents + tipsCents });
  }
  return byMethod;
}

type Counts = { orders: number; orderedDepositCents: number; openDepositCents: number };
function headlineOf(goods: ReportGoods, counts: Counts, methodRows: Row[], voided: Row, reversed: Row, voucherRows: Row[]): ReportHeadline {
  const byMethod = methodsOf(methodRows);
  const sum = (f: (m: ReportMethod) => number) => byMethod.reduce((s, m) => s + f(m), 0);
  const of = (method: PaymentMethod) => byMethod.find((m) => m.method === method);
  const vouchers = vouchersOf(voucherRows, of("voucher"));
  // Vouchers sold are money in, by how they were paid for; not sales (those count when redeemed).
  const cashInCents = (of("cash")?.totalCents ?? 0) + vouchers.soldCash.cents;
  const cardInCents = (of("card")?.totalCents ?? 0) + vouchers.soldCard.cents;
  const cardTipsCents = of("card")?.tipsCents ?? 0;
  return {
    ...counts,
    ...goods,
    byMethod,
    moneyInCents: cashInCents + cardInCents,
    cashInCents,
    cardInCents,
    voucherCents: of("voucher")?.totalCents ?? 0,
    vouchers,
    depositOutCents: sum((m) => m.depositOutCents),
    depositBackCents: sum((m) => m.depositBackCents),
    tipsCents: sum((m) => m.tipsCents),
    cardTipsCents,
    cashToHandInCents: cashToHandInCents({ cashCents: of("cash")?.netCents ?? 0, cardTipsCents, voucherSoldCashCents: vouchers.soldCash.cents }),
    voids: { count: num(voided.n), qty: num(voided.qty), cents: num(voided.cents) },
    reversals: { count: num(reversed.n), cents: num(reversed.cents) },
  };
}

function timelineOf(tickets: Row[], items: Row[]): ReportTimeBucket[] {
  const buckets = new Map<string, ReportTimeBucket>();
  const of = (start: number, station: string) => {
    const key = `${start}|${station}`;
    return buckets.get(key) ?? buckets.set(key, { start, station, orders: 0, items: 0, orderedCents: 0 }).get(key)!;
  };
  for (const r of tickets) of(num(r.start), String(r.station)).orders = num(r.orders);
  for (const r of items) Object.assign(of(num(r.start), String(r.station)), { items: num(r.items), orderedCents: num(r.ordered) });
  return [...buckets.values()].sort((a, b) => a.start - b.start || a.station.localeCompare(b.station));
}

function tablesOf(orders: Row[], goods: Row[]): ReportTable[] {
  const tables = new Map<string, ReportTable>();
  const of = (table: string) => tables.get(table) ?? tables.set(table, { table, orders: 0, ...noGoods() }).get(table)!;
  for (const r of orders) if (r.tableName !== null) of(String(r.tableName)).orders = num(r.orders);
  for (const r of goods) Object.assign(of(String(r.tableName)), goodsOf(r));
  const byName = (a: ReportTable, b: ReportTable) => a.table.localeCompare(b.table, undefined, { numeric: true });
  return [...tables.values()].sort((a, b) => b.salesCents - a.salesCents || b.openCents - a.openCents || b.orders - a.orders || byName(a, b));
}
