// A table's bill from an order's positions: the lines the phone shows from its live orders, and the
// lines and open sums GET /tables/:name/bill answers with (worker/db/bills.ts).
import type { Order, OrderItem } from "./entities.ts";
import type { Bill, BillLine, BillPosition } from "./money.ts";
import { openQtyOf } from "./totals.ts";

/** The item's snapshot a bill line shows. */
export type BillItem = Pick<OrderItem, "product" | "name" | "options" | "note" | "unitCents" | "depositCents">;

/** One position of an order with its item's snapshot, as a bill line. */
export function billLineOf(
  order: { id: string; waiter: string; createdAt: number },
  position: Pick<BillPosition, "line" | "qty" | "paidQty" | "voidedQty">,
  item: BillItem,
): BillLine {
  // In the order GET /tables/:name/bill has always sent (docs/api.md shows it).
  return {
    order: order.id,
    line: position.line,
    qty: position.qty,
    paidQty: position.paidQty,
    voidedQty: position.voidedQty,
    product: item.product,
    name: item.name,
    options: item.options,
    note: item.note,
    unitCents: item.unitCents,
    depositCents: item.depositCents,
    waiter: order.waiter,
    orderedAt: order.createdAt,
    openQty: openQtyOf(position),
  };
}

/** The open lines of `table` in an order: its positions there with something open, each with its item. */
export function billLinesOfOrder(order: Pick<Order, "id" | "waiter" | "createdAt" | "tickets" | "positions">, table: string): BillLine[] {
  const items = new Map(order.tickets.flatMap((t) => t.items).map((i) => [i.line, i]));
  const out: BillLine[] = [];
  for (const p of order.positions ?? []) {
    const item = items.get(p.line);
    if (p.table !== table || !item || openQtyOf(p) <= 0) continue;
    out.push(billLineOf(order, p, item));
  }
  return out;
}

/** What is still to pay of some lines (or rows): open quantity × (price + deposit), and the deposit part. */
export function openSums(lines: Iterable<{ openQty: number; unitCents: number; depositCents: number }>): Pick<Bill, "openCents" | "openDepositCents"> {
  let openCents = 0;
  let openDepositCents = 0;
  for (const l of lines) {
    openCents += l.openQty * (l.unitCents + l.depositCents);
    openDepositCents += l.openQty * l.depositCents;
  }
  return { openCents, openDepositCents };
}
