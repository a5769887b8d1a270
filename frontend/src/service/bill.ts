// A table's bill as this phone knows it: every open position of the live orders on that table, plus
// orders still waiting in the outbox (so "pay right after ordering" works with no network). The
// live state is the stream's, so the bill is right after reconnects (a snapshot replaces it whole).
import type { BillLine, Order } from "../../../worker/protocol.ts";
import type { OrderEntry } from "./outbox.ts";

/** The open lines of `table` from live (or just confirmed) orders. */
export function billLinesOfOrder(order: Order, table: string): BillLine[] {
  const items = new Map(order.tickets.flatMap((t) => t.items).map((i) => [i.line, i]));
  const out: BillLine[] = [];
  for (const p of order.positions ?? []) {
    const item = items.get(p.line);
    const openQty = p.qty - p.paidQty - p.voidedQty;
    if (p.table !== table || !item || openQty <= 0) continue;
    out.push({
      order: order.id,
      line: p.line,
      product: item.product,
      name: item.name,
      options: item.options,
      note: item.note,
      unitCents: item.unitCents,
      depositCents: item.depositCents,
      qty: p.qty,
      paidQty: p.paidQty,
      voidedQty: p.voidedQty,
      openQty,
      waiter: order.waiter,
      orderedAt: order.createdAt,
    });
  }
  return out;
}

/** The lines an order waiting in the outbox will have once the server stores it (line = index). */
export function billLinesOfEntry(entry: OrderEntry, depositOf: (product: string) => number): BillLine[] {
  return entry.items.map((item, line) => ({
    order: entry.id,
    line,
    product: item.product,
    name: entry.names[line] ?? item.product,
    options: item.options ?? [],
    note: item.note ?? "",
    unitCents: entry.unitCents[line] ?? 0,
    depositCents: depositOf(item.product),
    qty: item.qty,
    paidQty: 0,
    voidedQty: 0,
    openQty: item.qty,
    waiter: entry.waiter,
    orderedAt: entry.createdAt,
  }));
}
