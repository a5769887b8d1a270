// Counter service in the report (issue 22): sales per cash desk and for table service (the goods of
// the orders placed there, by orders.counter_id; null is table service), and the counter orders'
// wait, ordered → ready (the last ticket of the order done), over the window and per bucket.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { REPORT_BUCKET_MS, type ReportChannel, type ReportCounterWait, type ReportGoods, type ReportCounterWaitBucket, type ReportWindow } from "../protocol.ts";
import { channelGoods, goodsOf, noGoods, pickGoods } from "./goods.ts";
import { percentile } from "./preparation.ts";
import { allInOneBatch } from "./rawRows.ts";
import { within } from "./window.ts";

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

const channelOrders = (e: string, w: ReportWindow) => sql`
SELECT counter_id AS counter, count(*) AS orders FROM orders WHERE event_id = ${e} AND ${within("created_at", w)} GROUP BY counter_id`;

/** One row per counter order of the window: when it was placed, and when its last ticket was done (null: not all done). */
const counterOrderTimes = (e: string, w: ReportWindow) => sql`
SELECT o.created_at AS createdAt, CASE WHEN sum(CASE WHEN t.done_at IS NULL THEN 1 ELSE 0 END) = 0 THEN max(t.done_at) END AS readyAt
FROM orders o JOIN tickets t ON t.order_id = o.id
WHERE o.event_id = ${e} AND o.counter_id IS NOT NULL AND ${within("o.created_at", w)} GROUP BY o.id`;

export interface CounterService {
  channels: ReportChannel[];
  counterWait: ReportCounterWait;
  counterWaitTimeline: ReportCounterWaitBucket[];
}

/** The wait figures of some counter orders. */
function waitOf(times: { createdAt: number; readyAt: number | null }[]): ReportCounterWait {
  const waits = times.filter((t) => t.readyAt !== null).map((t) => t.readyAt! - t.createdAt).sort((a, b) => a - b);
  return { orders: times.length, ready: waits.length, medianMs: percentile(waits, 50), p90Ms: percentile(waits, 90) };
}

/**
 * `counters`: the event's cash desks (their names); `voucherSold`: vouchers sold per counter id in
 * the window (from the sales batch), so a desk that only sold vouchers is listed too.
 */
export async function readCounterService(
  db: Db,
  eventId: string,
  window: ReportWindow,
  counters: readonly { id: string; name: string }[],
  voucherSold: Map<string, number>,
  allGoods: ReportGoods,
): Promise<CounterService> {
  const [orderRows, timeRows] = (await allInOneBatch(db, [channelOrders(eventId, window), counterOrderTimes(eventId, window)])) as [Row[], Row[]];
  // Without counter orders every good is table service's: the headline's figures, not another pass
  // over every order line (0.7 s of a 20,000-order report).
  const goodsRows: Row[] = orderRows.some((r) => r.counter !== null && r.counter !== undefined)
    ? ((await allInOneBatch(db, [channelGoods(eventId, window)])) as [Row[]])[0]
    : orderRows.length
      ? [{ counter: null, goods: allGoods }]
      : [];
  const names = new Map(counters.map((c) => [c.id, c.name]));
  const channels = new Map<string | null, ReportChannel>();
  const of = (counter: string | null) =>
    channels.get(counter) ?? channels.set(counter, { counter, name: counter === null ? "" : (names.get(counter) ?? counter), orders: 0, voucherSoldCents: 0, ...noGoods() }).get(counter)!;
  const key = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (const r of orderRows) of(key(r.counter)).orders = num(r.orders);
  for (const r of goodsRows) Object.assign(of(key(r.counter)), r.goods ? pickGoods(r.goods as ReportGoods) : goodsOf(r));
  for (const [counter, cents] of voucherSold) if (cents !== 0 || channels.has(counter)) of(counter).voucherSoldCents = cents;
  // Table service first, then the counters in config order (one gone from the config last, by id).
  const order = (c: string | null) => (c === null ? -1 : counters.findIndex((x) => x.id === c) + 1 || counters.length + 1);
  const list = [...channels.values()].sort((a, b) => order(a.counter) - order(b.counter) || (a.counter ?? "").localeCompare(b.counter ?? ""));

  const times = timeRows.map((r) => ({ createdAt: num(r.createdAt), readyAt: r.readyAt === null || r.readyAt === undefined ? null : num(r.readyAt) }));
  const buckets = new Map<number, typeof times>();
  for (const t of times) {
    const start = Math.floor(t.createdAt / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;
    (buckets.get(start) ?? buckets.set(start, []).get(start)!).push(t);
  }
  const counterWaitTimeline = [...buckets].map(([start, list]) => ({ start, ...waitOf(list) })).sort((a, b) => a.start - b.start);
  return { channels: list, counterWait: waitOf(times), counterWaitTimeline };
}
