// A table's bill as this phone knows it: every open position of the live orders on that table, plus
// orders still waiting in the outbox (so "pay right after ordering" works with no network). The
// live state is the stream's, so the bill is right after reconnects (a snapshot replaces it whole).
import { billLineOf, billLinesOfOrder, openSums, type BillLine, type ItemRef, type Order, type Payment } from "../../../worker/protocol.ts";
import { isOrder, isPayment, type OrderEntry, type OutboxEntry } from "./outbox.ts";
import { groupBill, type BillRow } from "./payMath.ts";

/** A table's bill on this phone: rows to pick from, and what is open and being paid. */
export interface TableBill {
  rows: BillRow[];
  /** Open × (price + deposit), not counting what waits in a payment on this phone. */
  openCents: number;
  openDepositCents: number;
  /** Items of payments still waiting in the outbox (shown as "being paid"). */
  payingCents: number;
}

/** What the phone knows: the stream's live orders, the outbox and what it got confirmed. */
export interface BillSources {
  orders: Iterable<Order>;
  /** Orders and payments the server confirmed that the stream may not have brought yet. */
  confirmed: Iterable<Order>;
  confirmedPayments: Iterable<Payment>;
  entries: readonly OutboxEntry[];
  /** The stream's last applied seq: a confirmed change with a seq up to it is in `orders` already. */
  lastSeq: number;
  depositOf: (product: string) => number;
}

export function tableBill(table: string, from: BillSources): TableBill {
  const lines: BillLine[] = [];
  const seen = new Set<string>();
  for (const o of from.orders) {
    seen.add(o.id);
    lines.push(...billLinesOfOrder(o, table));
  }
  // Confirmed but not on the stream yet (once the stream has passed its seq it has it, or closed it).
  for (const o of from.confirmed) {
    if (seen.has(o.id) || o.seq <= from.lastSeq) continue;
    seen.add(o.id);
    lines.push(...billLinesOfOrder(o, table));
  }
  for (const e of from.entries) if (isOrder(e) && e.status === "queued" && e.table === table && !seen.has(e.id)) lines.push(...billLinesOfEntry(e, from.depositOf));

  // Being paid: payments waiting in the outbox, or confirmed but not yet on the stream.
  const paying: ItemRef[] = [];
  for (const e of from.entries) if (isPayment(e) && e.status === "queued" && e.body.table === table) paying.push(...e.body.items);
  for (const p of from.confirmedPayments) if (p.table === table && p.seq > from.lastSeq) paying.push(...p.items);

  const rows = groupBill(lines, paying);
  const payingCents = rows.reduce((sum, r) => sum + r.payingQty * (r.unitCents + r.depositCents), 0);
  return { rows, ...openSums(rows), payingCents };
}

/** The lines an order waiting in the outbox will have once the server stores it (line = index). */
export function billLinesOfEntry(entry: OrderEntry, depositOf: (product: string) => number): BillLine[] {
  const order = { id: entry.id, waiter: entry.waiter, createdAt: entry.createdAt };
  return entry.items.map((item, line) =>
    billLineOf(order, { line, qty: item.qty, paidQty: 0, voidedQty: 0 }, {
      product: item.product,
      name: entry.names[line] ?? item.product,
      options: item.options ?? [],
      note: item.note ?? "",
      unitCents: entry.unitCents[line] ?? 0,
      depositCents: depositOf(item.product),
    }),
  );
}
