// Small sums both sides compute the same way: what is open of a position, an order's total, and
// what a payment comes to (the server stores these figures; the pay sheet shows them before).
import type { Ticket } from "./entities.ts";
import type { BillPosition } from "./money.ts";

/** What is still open of a position. */
export function openQtyOf(p: Pick<BillPosition, "qty" | "paidQty" | "voidedQty">): number {
  return p.qty - p.paidQty - p.voidedQty;
}

/** Sum of an order's lines in cents. */
export function orderTotalCents(tickets: readonly Pick<Ticket, "items">[]): number {
  let total = 0;
  for (const t of tickets) for (const i of t.items) total += i.unitCents * i.qty;
  return total;
}

/** The figures of a payment (the `Payment` fields of the same names). */
export interface PayTotals {
  /** Goods: qty × unit price over the items. */
  amountCents: number;
  /** Deposits charged for the items. */
  depositCents: number;
  /** Deposits paid back for returned glasses (money out). */
  depositReturnCents: number;
  tipCents: number;
  /** What the guest pays: amount + deposit − returns + tip; negative means money back. */
  totalCents: number;
}

/** What paying these quantities comes to, with returned deposits and a tip. */
export function payTotals(
  items: readonly { qty: number; unitCents: number; depositCents: number }[],
  returns: readonly { qty: number; depositCents: number }[] = [],
  tipCents = 0,
): PayTotals {
  let amountCents = 0;
  let depositCents = 0;
  for (const i of items) {
    amountCents += i.qty * i.unitCents;
    depositCents += i.qty * i.depositCents;
  }
  const depositReturnCents = returns.reduce((s, r) => s + r.qty * r.depositCents, 0);
  return { amountCents, depositCents, depositReturnCents, tipCents, totalCents: amountCents + depositCents - depositReturnCents + tipCents };
}
