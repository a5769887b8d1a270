// Small sums both sides compute the same way.
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
