// Each waiter's evening: orders, payments, sales, goods given away and tips in the window, the
// settlements stored in it, and the shift not settled yet (the settlement page's figures, from readShifts).
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { readSettlements } from "../db/money.ts";
import { readShifts } from "../db/shifts.ts";
import type { ReportWaiter, ReportWindow, WaiterShift } from "../protocol.ts";
import { paymentSign, within } from "./window.ts";

const num = (v: unknown) => Number(v ?? 0);

/** A shift in which nothing happened since the last settlement. */
export function isIdleShift(s: WaiterShift): boolean {
  return s.payments === 0 && s.voucherSales === 0 && [s.voucherSoldCashCents, s.voucherSoldCardCents, s.cashCents, s.cardCents, s.voucherCents, s.freeCents, s.tipsCents, s.depositOutCents, s.depositBackCents, s.voidedCents].every((c) => c === 0);
}

export async function readWaiters(db: Db, eventId: string, window: ReportWindow, now: number): Promise<ReportWaiter[]> {
  const [orders, takings, settlements, shifts] = await Promise.all([
    db.all<{ waiter: string; n: number }>(sql`SELECT waiter, count(*) AS n FROM orders WHERE event_id = ${eventId} AND ${within("created_at", window)} GROUP BY waiter`),
    db.all<{ waiter: string; n: number; sales: number; free: number; tips: number }>(sql`SELECT p.waiter, sum(${paymentSign("p", window)}) AS n,
      sum(${paymentSign("p", window)} * (CASE WHEN p.method = 'free' THEN 0 ELSE p.amount_cents END)) AS sales,
      sum(${paymentSign("p", window)} * (CASE WHEN p.method = 'free' THEN p.amount_cents ELSE 0 END)) AS free, sum(${paymentSign("p", window)} * p.tip_cents) AS tips
      FROM payments p WHERE p.event_id = ${eventId} GROUP BY p.waiter`),
    readSettlements(db, eventId),
    // The current shift runs until now: it belongs to a window that reaches now.
    window.to === null || window.to > now ? readShifts(db, eventId) : Promise.resolve([]),
  ]);
  const waiters = new Map<string, ReportWaiter>();
  const of = (name: string) =>
    waiters.get(name) ??
    waiters.set(name, { name, orders: 0, payments: 0, salesCents: 0, freeCents: 0, tipsCents: 0, settlements: 0, floatCents: 0, expectedCashCents: 0, countedCents: 0, differenceCents: 0, current: null }).get(name)!;
  for (const r of orders) of(r.waiter).orders = num(r.n);
  for (const r of takings) {
    if (!num(r.n) && !num(r.sales) && !num(r.free) && !num(r.tips)) continue;
    Object.assign(of(r.waiter), { payments: num(r.n), salesCents: num(r.sales), freeCents: num(r.free), tipsCents: num(r.tips) });
  }
  for (const s of settlements) {
    if ((window.from !== null && s.createdAt < window.from) || (window.to !== null && s.createdAt >= window.to)) continue;
    const w = of(s.waiter);
    w.settlements++;
    w.floatCents += s.floatCents;
    w.expectedCashCents += s.expectedCashCents;
    w.countedCents += s.countedCents;
    w.differenceCents += s.differenceCents;
  }
  for (const s of shifts) if (!isIdleShift(s)) of(s.name).current = s;
  // Someone who only approved a void (the organiser) has nothing to account for.
  const accountable = (w: ReportWaiter) => w.orders || w.payments || w.salesCents || w.freeCents || w.tipsCents || w.settlements || (w.current && w.current.expectedCashCents);
  return [...waiters.values()].filter(accountable).sort((a, b) => b.salesCents - a.salesCents || a.name.localeCompare(b.name));
}
