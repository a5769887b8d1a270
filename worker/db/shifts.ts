// Each waiter's figures for the current shift (since their last settlement): what the settlement
// page, "My cash" and a stored settlement show. One aggregate read per figure, straight from D1.
//
// A payment counts in the shift it was taken in; its reversal counts, negatively, in the shift it
// was reversed in. So a shift already settled is never changed afterwards, and every shift adds up.
// Vouchers sold at a cash desk (issue 22) count the same way, by the seller.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.ts";
import { readCounterPlaces } from "./counterPlaces.ts";
import { cashToHandInCents, PAYMENT_METHODS, type PaymentMethod, type WaiterShift } from "../protocol.ts";

const lastSettlement = (e: string) => sql`WITH last AS (SELECT waiter, max(seq) AS s, max(created_at) AS at FROM settlements WHERE event_id = ${e} GROUP BY waiter)`;

const paymentSums = (e: string) => sql`${lastSettlement(e)},
p AS (
  SELECT p.waiter, p.method,
    p.amount_cents + p.deposit_cents - p.deposit_return_cents AS net, p.tip_cents AS tip,
    p.deposit_cents AS dep, p.deposit_return_cents AS back,
    (CASE WHEN p.seq > coalesce(l.s, 0) THEN 1 ELSE 0 END) - (CASE WHEN coalesce(p.reversed_seq, 0) > coalesce(l.s, 0) THEN 1 ELSE 0 END) AS sign,
    (CASE WHEN p.seq > coalesce(l.s, 0) AND p.reversed_seq IS NULL THEN 1 ELSE 0 END) AS live
  FROM payments p LEFT JOIN last l ON l.waiter = p.waiter WHERE p.event_id = ${e})
SELECT waiter, method, sum(sign * net) AS net, sum(sign * tip) AS tip, sum(sign * dep) AS dep, sum(sign * back) AS back, sum(live) AS n
FROM p GROUP BY waiter, method`;

const voidSums = (e: string) => sql`${lastSettlement(e)}
SELECT v.waiter, sum(v.qty * (v.unit_cents + v.deposit_cents)) AS cents
FROM voids v LEFT JOIN last l ON l.waiter = v.waiter WHERE v.event_id = ${e} AND v.seq > coalesce(l.s, 0) GROUP BY v.waiter`;

const voucherSaleSums = (e: string) => sql`${lastSettlement(e)}
SELECT v.waiter, v.method,
  sum(((CASE WHEN v.seq > coalesce(l.s, 0) THEN 1 ELSE 0 END) - (CASE WHEN coalesce(v.reversed_seq, 0) > coalesce(l.s, 0) THEN 1 ELSE 0 END)) * v.amount_cents) AS cents,
  sum(CASE WHEN v.seq > coalesce(l.s, 0) AND v.reversed_seq IS NULL THEN 1 ELSE 0 END) AS n
FROM voucher_sales v LEFT JOIN last l ON l.waiter = v.waiter WHERE v.event_id = ${e} GROUP BY v.waiter, v.method`;

const openTables = (e: string) => sql`SELECT DISTINCT o.waiter, b.table_name AS tableName FROM bill_items b JOIN orders o ON o.id = b.order_id
WHERE b.event_id = ${e} AND o.closed_at IS NULL AND b.qty - b.paid_qty - b.voided_qty > 0 ORDER BY b.table_name`;

const waiters = (e: string) => sql`SELECT waiter FROM orders WHERE event_id = ${e} UNION SELECT waiter FROM payments WHERE event_id = ${e}
UNION SELECT waiter FROM settlements WHERE event_id = ${e} UNION SELECT waiter FROM voids WHERE event_id = ${e}
UNION SELECT waiter FROM voucher_sales WHERE event_id = ${e}`;

const last = (e: string) => sql`${lastSettlement(e)} SELECT waiter, at FROM last`;

interface PaymentSum { waiter: string; method: PaymentMethod; net: number; tip: number; dep: number; back: number; n: number }

export function emptyShift(name: string): WaiterShift {
  return {
    name,
    payments: 0,
    cashCents: 0,
    cardCents: 0,
    voucherCents: 0,
    freeCents: 0,
    tipsCents: 0,
    cardTipsCents: 0,
    depositOutCents: 0,
    depositBackCents: 0,
    voidedCents: 0,
    voucherSales: 0,
    voucherSoldCashCents: 0,
    voucherSoldCardCents: 0,
    expectedCashCents: 0,
    openTables: [],
    settledAt: null,
  };
}

const methodField: Record<PaymentMethod, "cashCents" | "cardCents" | "voucherCents" | "freeCents"> = {
  cash: "cashCents",
  card: "cardCents",
  voucher: "voucherCents",
  free: "freeCents",
};

/** Every waiter's current shift (or only `waiter`'s), sorted by name. */
export async function readShifts(db: Db, eventId: string, waiter?: string): Promise<WaiterShift[]> {
  const all = <T>(query: SQL) => db.all<T>(query);
  const [names, sums, voided, open, settled, sold] = await Promise.all([
    all<{ waiter: string }>(waiters(eventId)),
    all<PaymentSum>(paymentSums(eventId)),
    all<{ waiter: string; cents: number }>(voidSums(eventId)),
    all<{ waiter: string; tableName: string }>(openTables(eventId)),
    all<{ waiter: string; at: number }>(last(eventId)),
    all<{ waiter: string; method: string; cents: number; n: number }>(voucherSaleSums(eventId)),
  ]);
  const shifts = new Map<string, WaiterShift>();
  const of = (name: string) => shifts.get(name) ?? shifts.set(name, emptyShift(name)).get(name)!;
  for (const r of names) of(r.waiter);
  for (const r of sums) {
    const s = of(r.waiter);
    if (!PAYMENT_METHODS.includes(r.method)) continue;
    s[methodField[r.method]] += r.net;
    s.payments += r.n;
    s.tipsCents += r.tip;
    if (r.method === "card") s.cardTipsCents += r.tip;
    s.depositOutCents += r.dep;
    s.depositBackCents += r.back;
  }
  for (const r of voided) of(r.waiter).voidedCents = r.cents;
  for (const r of open) of(r.waiter).openTables.push(r.tableName);
  for (const r of settled) of(r.waiter).settledAt = r.at;
  for (const r of sold) {
    const s = of(r.waiter);
    s.voucherSales += r.n;
    if (r.method === "cash") s.voucherSoldCashCents += r.cents;
    else if (r.method === "card") s.voucherSoldCardCents += r.cents;
  }
  const places = await readCounterPlaces(db, open.map((r) => r.tableName));
  for (const s of shifts.values()) {
    s.expectedCashCents = cashToHandInCents(s);
    const own = s.openTables.filter((t) => places.has(t));
    if (own.length) s.places = Object.fromEntries(own.map((t) => [t, places.get(t)!]));
  }
  const list = [...shifts.values()].sort((a, b) => a.name.localeCompare(b.name));
  return waiter === undefined ? list : list.filter((s) => s.name === waiter);
}
