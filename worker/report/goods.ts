// Where the goods of the window's orders are now: sold (paid by cash, card or voucher), given away
// (paid with method free), open, or voided, per product, per table and per channel (a cash desk or
// table service). Three records answer it
// independently: the order lines (ordered, voided), the payments not reversed (sold, given away)
// and the bill positions (open); ordered = sold + given away + open + voided is then a real check.
// `+x IN (SELECT …)`: the unary plus keeps SQLite from probing an index once per row of the list for
// every payment (with no table statistics it chose that: 20,000 orders × 10,000 payments, minutes).
import { sql } from "drizzle-orm";
import type { ReportGoods, ReportWindow } from "../protocol.ts";
import { within } from "./window.ts";

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

/** The split columns every goods query returns, from a row set with qty, sold, free, open, voided and unit. */
const splitColumns = sql.raw(`sum(qty) AS qty, sum(sold) AS sold, sum(free) AS free, sum(open) AS open, sum(voided) AS voided,
  sum(qty * unit) AS orderedC, sum(sold * unit) AS salesC, sum(free * unit) AS freeC, sum(open * unit) AS openC, sum(voided * unit) AS voidedC`);

/** One row per order line of the window: what was ordered, and where it is now. */
const lineStates = (e: string, w: ReportWindow) => sql`
WITH l AS (
  SELECT i.order_id, i.line, o.counter_id, i.product_id, i.name, i.category_id, i.station_id, i.unit_cents AS unit, i.deposit_cents AS deposit, i.qty, i.voided_qty AS voided
  FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)}),
paid AS (
  SELECT pi.order_id, pi.line, sum(CASE WHEN p.method = 'free' THEN 0 ELSE pi.qty END) AS sold, sum(CASE WHEN p.method = 'free' THEN pi.qty ELSE 0 END) AS free
  FROM payment_items pi JOIN payments p ON p.id = pi.payment_id
  WHERE p.event_id = ${e} AND p.reversed_at IS NULL AND +pi.order_id IN (SELECT order_id FROM l) GROUP BY pi.order_id, pi.line),
pos AS (
  SELECT b.order_id, b.line, sum(b.qty - b.paid_qty - b.voided_qty) AS open
  FROM bill_items b WHERE b.event_id = ${e} AND +b.order_id IN (SELECT order_id FROM l) GROUP BY b.order_id, b.line)
SELECT l.counter_id, l.product_id, l.name, l.category_id, l.station_id, l.unit, l.deposit, l.qty, l.voided,
  coalesce(paid.sold, 0) AS sold, coalesce(paid.free, 0) AS free, coalesce(pos.open, 0) AS open
FROM l LEFT JOIN paid ON paid.order_id = l.order_id AND paid.line = l.line LEFT JOIN pos ON pos.order_id = l.order_id AND pos.line = l.line`;

/** Per product; with the deposit on what was ordered and on what is still open (the headline sums them). */
export const productGoods = (e: string, w: ReportWindow) => sql`
SELECT product_id AS product, max(name) AS name, max(category_id) AS category, max(station_id) AS station, ${splitColumns},
  sum(qty * deposit) AS orderedDepositC, sum(open * deposit) AS openDepositC
FROM (${lineStates(e, w)}) GROUP BY product_id ORDER BY salesC DESC, qty DESC, name`;

/** Per channel: each counter's orders (counter_id), and table service (null). */
export const channelGoods = (e: string, w: ReportWindow) => sql`
SELECT counter_id AS counter, ${splitColumns} FROM (${lineStates(e, w)}) GROUP BY counter_id`;

/** A counter order's own bill ("#" + order id): never a table of the map, so not in the tables' figures. */
export const notCounterBill = (column: string) => sql.raw(`substr(${column}, 1, 1) <> '#'`);

/** Per table the items lie on now: ordered, open and voided from the positions, sold and given away from the payments there. */
export const tableGoods = (e: string, w: ReportWindow) => sql`
WITH o AS (SELECT id FROM orders WHERE event_id = ${e} AND ${within("created_at", w)})
SELECT tableName, ${splitColumns} FROM (
  SELECT b.table_name AS tableName, i.unit_cents AS unit, b.qty, 0 AS sold, 0 AS free, b.qty - b.paid_qty - b.voided_qty AS open, b.voided_qty AS voided
  FROM bill_items b JOIN order_items i ON i.order_id = b.order_id AND i.line = b.line WHERE b.event_id = ${e} AND +b.order_id IN (SELECT id FROM o) AND ${notCounterBill("b.table_name")}
  UNION ALL
  SELECT pi.table_name, pi.unit_cents, 0, CASE WHEN p.method = 'free' THEN 0 ELSE pi.qty END, CASE WHEN p.method = 'free' THEN pi.qty ELSE 0 END, 0, 0
  FROM payment_items pi JOIN payments p ON p.id = pi.payment_id WHERE p.event_id = ${e} AND p.reversed_at IS NULL AND +pi.order_id IN (SELECT id FROM o) AND ${notCounterBill("pi.table_name")})
GROUP BY tableName`;

export function goodsOf(r: Row): ReportGoods {
  return {
    qty: num(r.qty),
    soldQty: num(r.sold),
    freeQty: num(r.free),
    openQty: num(r.open),
    voidedQty: num(r.voided),
    orderedCents: num(r.orderedC),
    salesCents: num(r.salesC),
    freeCents: num(r.freeC),
    openCents: num(r.openC),
    voidedCents: num(r.voidedC),
  };
}

const GOODS_KEYS = ["qty", "soldQty", "freeQty", "openQty", "voidedQty", "orderedCents", "salesCents", "freeCents", "openCents", "voidedCents"] as const satisfies readonly (keyof ReportGoods)[];

export function noGoods(): ReportGoods {
  return { qty: 0, soldQty: 0, freeQty: 0, openQty: 0, voidedQty: 0, orderedCents: 0, salesCents: 0, freeCents: 0, openCents: 0, voidedCents: 0 };
}

/** Only the goods figures of a larger record (the headline's, for table service when there are no counter orders). */
export function pickGoods(from: ReportGoods): ReportGoods {
  const out = noGoods();
  for (const key of GOODS_KEYS) out[key] = from[key];
  return out;
}

/** Adds the goods figures of `from` into `into` (the headline and the categories, summed from the products). */
export function addGoods(into: ReportGoods, from: ReportGoods): void {
  for (const key of GOODS_KEYS) into[key] += from[key];
}
