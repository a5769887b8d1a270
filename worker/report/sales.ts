// What was ordered, paid and voided: the headline, products, categories, the 15-minute timeline
// and the tables. Aggregates in SQL over D1; each query returns one row per group, not per record.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { PAYMENT_METHODS, REPORT_BUCKET_MS, type PaymentMethod, type ReportHeadline, type ReportMethod, type ReportProduct, type ReportTable, type ReportTimeBucket, type ReportWindow } from "../protocol.ts";
import { allInOneBatch } from "./rawRows.ts";
import { bucketOf, paymentSign, within } from "./window.ts";

const num = (v: unknown) => Number(v ?? 0);

const orderedItems = (e: string, w: ReportWindow) => sql`
SELECT count(DISTINCT o.id) AS orders, sum(i.qty) AS items, sum(i.qty * (i.unit_cents + i.deposit_cents)) AS ordered,
  sum(i.qty * i.deposit_cents) AS deposit
FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)}`;

/** Where the items of the window's orders are now: paid, voided or still open, in cents. */
const itemStates = (e: string, w: ReportWindow) => sql`
SELECT sum(b.paid_qty * (i.unit_cents + i.deposit_cents)) AS paid, sum(b.voided_qty * (i.unit_cents + i.deposit_cents)) AS voided,
  sum((b.qty - b.paid_qty - b.voided_qty) * (i.unit_cents + i.deposit_cents)) AS open
FROM bill_items b JOIN order_items i ON i.order_id = b.order_id AND i.line = b.line JOIN orders o ON o.id = b.order_id
WHERE b.event_id = ${e} AND ${within("o.created_at", w)}`;

const methodSums = (e: string, w: ReportWindow) => sql`
SELECT p.method, sum(${paymentSign("p", w)}) AS payments, sum(${paymentSign("p", w)} * p.amount_cents) AS goods,
  sum(${paymentSign("p", w)} * p.deposit_cents) AS dep, sum(${paymentSign("p", w)} * p.deposit_return_cents) AS back,
  sum(${paymentSign("p", w)} * p.tip_cents) AS tips
FROM payments p WHERE p.event_id = ${e} GROUP BY p.method`;

const freeItems = (e: string, w: ReportWindow) => sql`
SELECT sum(${paymentSign("p", w)} * pi.qty) AS qty FROM payments p JOIN payment_items pi ON pi.payment_id = p.id
WHERE p.event_id = ${e} AND p.method = 'free'`;

const voidSums = (e: string, w: ReportWindow) => sql`
SELECT count(*) AS n, sum(qty) AS qty, sum(qty * (unit_cents + deposit_cents)) AS cents FROM voids WHERE event_id = ${e} AND ${within("created_at", w)}`;

const reversalSums = (e: string, w: ReportWindow) => sql`
SELECT count(*) AS n, sum(amount_cents + deposit_cents - deposit_return_cents + tip_cents) AS cents
FROM payments WHERE event_id = ${e} AND reversed_at IS NOT NULL AND ${within("reversed_at", w)}`;

const productSums = (e: string, w: ReportWindow) => sql`
SELECT i.product_id AS product, max(i.name) AS name, max(i.category_id) AS category, max(i.station_id) AS station,
  sum(i.qty - i.voided_qty) AS qty, sum(i.voided_qty) AS voided, sum((i.qty - i.voided_qty) * i.unit_cents) AS revenue
FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)}
GROUP BY i.product_id ORDER BY revenue DESC, qty DESC, name`;

const ticketBuckets = (e: string, w: ReportWindow) => sql`
SELECT ${bucketOf("t.created_at", REPORT_BUCKET_MS)} AS start, t.station_id AS station, count(*) AS orders
FROM tickets t WHERE t.event_id = ${e} AND ${within("t.created_at", w)} GROUP BY start, station`;

const itemBuckets = (e: string, w: ReportWindow) => sql`
SELECT ${bucketOf("o.created_at", REPORT_BUCKET_MS)} AS start, i.station_id AS station, sum(i.qty - i.voided_qty) AS items,
  sum((i.qty - i.voided_qty) * i.unit_cents) AS revenue
FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)} GROUP BY start, station`;

const tableOrders = (e: string, w: ReportWindow) => sql`
SELECT table_name AS tableName, count(*) AS orders FROM orders WHERE event_id = ${e} AND ${within("created_at", w)} GROUP BY table_name`;

const tableTakings = (e: string, w: ReportWindow) => sql`
SELECT p.table_name AS tableName, sum(${paymentSign("p", w)} * (p.amount_cents + p.deposit_cents - p.deposit_return_cents)) AS taken
FROM payments p WHERE p.event_id = ${e} GROUP BY p.table_name`;

/** First and last activity: orders, payments, reversals and voids in the window. */
const spanOf = (e: string, w: ReportWindow) => sql`
SELECT min(at) AS first, max(at) AS last FROM (
  SELECT created_at AS at FROM orders WHERE event_id = ${e} AND ${within("created_at", w)}
  UNION ALL SELECT created_at FROM payments WHERE event_id = ${e} AND ${within("created_at", w)}
  UNION ALL SELECT reversed_at FROM payments WHERE event_id = ${e} AND reversed_at IS NOT NULL AND ${within("reversed_at", w)}
  UNION ALL SELECT created_at FROM voids WHERE event_id = ${e} AND ${within("created_at", w)})`;

type Row = Record<string, unknown>;

export interface Sales {
  headline: ReportHeadline;
  products: ReportProduct[];
  timeline: ReportTimeBucket[];
  tables: ReportTable[];
  span: { first: number | null; last: number | null };
}

/** One batch: D1 runs it as one sequence, so the figures are of one moment even while waiters pay. */
export async function readSales(db: Db, eventId: string, window: ReportWindow): Promise<Sales> {
  const queries: SQL[] = [orderedItems, itemStates, methodSums, freeItems, voidSums, reversalSums, productSums, ticketBuckets, itemBuckets, tableOrders, tableTakings, spanOf].map((q) => q(eventId, window));
  const results = await allInOneBatch(db, queries);
  const [[ordered], [states], methods, [free], [voided], [reversed], products, tickets, items, orders, takings, [span]] = results as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
  return {
    headline: headlineOf(ordered!, states!, methods, free!, voided!, reversed!),
    products: products.map((r) => ({ product: String(r.product), name: String(r.name), category: String(r.category), station: String(r.station), qty: num(r.qty), voidedQty: num(r.voided), revenueCents: num(r.revenue) })),
    timeline: timelineOf(tickets, items),
    tables: tablesOf(orders, takings),
    span: { first: span?.first == null ? null : num(span.first), last: span?.last == null ? null : num(span.last) },
  };
}

function headlineOf(ordered: Row, states: Row, methodRows: Row[], free: Row, voided: Row, reversed: Row): ReportHeadline {
  const byMethod: ReportMethod[] = [];
  for (const method of PAYMENT_METHODS) {
    const r = methodRows.find((m) => m.method === method);
    if (!r) continue;
    const goodsCents = num(r.goods);
    const depositOutCents = num(r.dep);
    const depositBackCents = num(r.back);
    byMethod.push({ method, payments: num(r.payments), goodsCents, depositOutCents, depositBackCents, tipsCents: num(r.tips), netCents: goodsCents + depositOutCents - depositBackCents });
  }
  const sum = (f: (m: ReportMethod) => number) => byMethod.reduce((s, m) => s + f(m), 0);
  const net = (method: PaymentMethod) => byMethod.find((m) => m.method === method)?.netCents ?? 0;
  return {
    orders: num(ordered.orders),
    items: num(ordered.items),
    orderedCents: num(ordered.ordered),
    orderedDepositCents: num(ordered.deposit),
    paidCents: num(states.paid),
    voidedCents: num(states.voided),
    openCents: num(states.open),
    byMethod,
    takenCents: sum((m) => m.netCents),
    tipsCents: sum((m) => m.tipsCents),
    depositOutCents: sum((m) => m.depositOutCents),
    depositBackCents: sum((m) => m.depositBackCents),
    voucherCents: net("voucher"),
    freeCents: net("free"),
    freeItems: num(free.qty),
    voids: { count: num(voided.n), qty: num(voided.qty), cents: num(voided.cents) },
    reversals: { count: num(reversed.n), cents: num(reversed.cents) },
  };
}

function timelineOf(tickets: Row[], items: Row[]): ReportTimeBucket[] {
  const buckets = new Map<string, ReportTimeBucket>();
  const of = (start: number, station: string) => {
    const key = `${start}|${station}`;
    return buckets.get(key) ?? buckets.set(key, { start, station, orders: 0, items: 0, revenueCents: 0 }).get(key)!;
  };
  for (const r of tickets) of(num(r.start), String(r.station)).orders = num(r.orders);
  for (const r of items) Object.assign(of(num(r.start), String(r.station)), { items: num(r.items), revenueCents: num(r.revenue) });
  return [...buckets.values()].sort((a, b) => a.start - b.start || a.station.localeCompare(b.station));
}

function tablesOf(orders: Row[], takings: Row[]): ReportTable[] {
  const tables = new Map<string, ReportTable>();
  const of = (table: string) => tables.get(table) ?? tables.set(table, { table, orders: 0, takenCents: 0 }).get(table)!;
  for (const r of orders) of(String(r.tableName)).orders = num(r.orders);
  for (const r of takings) if (num(r.taken) !== 0) of(String(r.tableName)).takenCents = num(r.taken);
  return [...tables.values()].sort((a, b) => b.takenCents - a.takenCents || b.orders - a.orders || a.table.localeCompare(b.table, undefined, { numeric: true }));
}

