// The single records behind the CSV files: one row per order, item, payment, void and settlement
// of the window. Plain rows with cents and epoch ms; csv.ts turns them into text. Orders and items
// are read a page at a time (PAGE rows, in seq order): each page is a short read, so the orders
// placed meanwhile are written between pages instead of waiting for the whole file.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { readSettlements } from "../db/money.ts";
import type { ReportCsvFile, ReportWindow, Settlement } from "../protocol.ts";
import { allRows } from "./rawRows.ts";
import { within } from "./window.ts";

export interface OrderRecord {
  id: string; seq: number; createdAt: number; closedAt: number | null; table: string; waiter: string;
  /** Goods (qty × price): ordered = sales + free + open + voided; deposit apart. */
  items: number; goodsCents: number; depositCents: number; salesCents: number; freeCents: number; openCents: number; voidedCents: number;
}
export interface ItemRecord {
  /** The order's seq: where the next page starts. */
  orderSeq: number;
  orderId: string; line: number; orderedAt: number; table: string; waiter: string; product: string; name: string; category: string; station: string;
  unitCents: number; depositCents: number; qty: number; soldQty: number; freeQty: number; openQty: number; voidedQty: number; note: string; options: string; doneAt: number | null;
}
export interface PaymentRecord {
  id: string; seq: number; createdAt: number; table: string; waiter: string; method: string; amountCents: number; depositCents: number;
  depositReturnCents: number; tipCents: number; tenderedCents: number | null; reason: string; items: number;
  reversedAt: number | null; reversedBy: string | null; reverseReason: string | null;
}
export interface VoidCsvRecord {
  id: string; seq: number; createdAt: number; orderId: string; line: number; table: string; product: string; name: string; qty: number;
  unitCents: number; depositCents: number; reason: string; note: string; waiter: string; approvedBy: string;
}
export interface RecordsOf {
  orders: OrderRecord;
  items: ItemRecord;
  payments: PaymentRecord;
  voids: VoidCsvRecord;
  settlements: Settlement;
}

/** Quantity of an order line (`i`) paid by payments not reversed: sold (cash, card, voucher) or given away (free). */
const paidQty = (kind: "sold" | "free") => sql.raw(`(SELECT coalesce(sum(pi.qty), 0) FROM payment_items pi JOIN payments p ON p.id = pi.payment_id
  WHERE pi.order_id = i.order_id AND pi.line = i.line AND p.reversed_at IS NULL AND p.method ${kind === "free" ? "=" : "<>"} 'free')`);

/** Rows a page: about 40 ms of D1 for items on a quiet 2-core machine. */
const PAGE = 2000;

/** After (seq, line): where a page starts. */
type After = { seq: number; line: number };

const queries = {
  orders: (e: string, w: ReportWindow, after: After) => sql`
    SELECT o.id, o.seq, o.created_at AS createdAt, o.closed_at AS closedAt, o.table_name AS "table", o.waiter,
      sum(i.qty) AS items, sum(i.qty * i.unit_cents) AS goodsCents, sum(i.qty * i.deposit_cents) AS depositCents,
      sum(${paidQty("sold")} * i.unit_cents) AS salesCents, sum(${paidQty("free")} * i.unit_cents) AS freeCents,
      sum((SELECT coalesce(sum(b.qty - b.paid_qty - b.voided_qty), 0) FROM bill_items b WHERE b.order_id = i.order_id AND b.line = i.line) * i.unit_cents) AS openCents,
      sum(i.voided_qty * i.unit_cents) AS voidedCents
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.event_id = ${e} AND ${within("o.created_at", w)} AND o.seq > ${after.seq} GROUP BY o.id ORDER BY o.seq LIMIT ${PAGE}`,
  items: (e: string, w: ReportWindow, after: After) => sql`
    SELECT o.seq AS orderSeq, i.order_id AS orderId, i.line, o.created_at AS orderedAt, o.table_name AS "table", o.waiter, i.product_id AS product, i.name,
      i.category_id AS category, i.station_id AS station, i.unit_cents AS unitCents, i.deposit_cents AS depositCents, i.qty,
      ${paidQty("sold")} AS soldQty, ${paidQty("free")} AS freeQty,
      (SELECT coalesce(sum(b.qty - b.paid_qty - b.voided_qty), 0) FROM bill_items b WHERE b.order_id = i.order_id AND b.line = i.line) AS openQty, i.voided_qty AS voidedQty,
      i.note, i.options, i.done_at AS doneAt
    FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.event_id = ${e} AND ${within("o.created_at", w)}
      AND (o.seq > ${after.seq} OR (o.seq = ${after.seq} AND i.line > ${after.line})) ORDER BY o.seq, i.line LIMIT ${PAGE}`,
  payments: (e: string, w: ReportWindow, _after: After) => sql`
    SELECT p.id, p.seq, p.created_at AS createdAt, p.table_name AS "table", p.waiter, p.method, p.amount_cents AS amountCents,
      p.deposit_cents AS depositCents, p.deposit_return_cents AS depositReturnCents, p.tip_cents AS tipCents, p.tendered_cents AS tenderedCents,
      p.reason, (SELECT coalesce(sum(qty), 0) FROM payment_items WHERE payment_id = p.id) AS items,
      p.reversed_at AS reversedAt, p.reversed_by AS reversedBy, p.reverse_reason AS reverseReason
    FROM payments p WHERE p.event_id = ${e} AND (${within("p.created_at", w)} OR (p.reversed_at IS NOT NULL AND ${within("p.reversed_at", w)})) ORDER BY p.seq`,
  voids: (e: string, w: ReportWindow, _after: After) => sql`
    SELECT id, seq, created_at AS createdAt, order_id AS orderId, line, table_name AS "table", product_id AS product, name, qty,
      unit_cents AS unitCents, deposit_cents AS depositCents, reason, note, waiter, approved_by AS approvedBy
    FROM voids WHERE event_id = ${e} AND ${within("created_at", w)} ORDER BY seq`,
};

/** The window's records of one CSV file, oldest first. */
export async function readRecords<F extends ReportCsvFile>(db: Db, eventId: string, file: F, window: ReportWindow): Promise<RecordsOf[F][]> {
  if (file === "settlements") {
    const all = await readSettlements(db, eventId);
    return all.filter((s) => (window.from === null || s.createdAt >= window.from) && (window.to === null || s.createdAt < window.to)) as RecordsOf[F][];
  }
  if (file === "orders" || file === "items") return (await pages(db, eventId, file, window)) as RecordsOf[F][];
  return allRows<RecordsOf[F]>(db, queries[file as "payments" | "voids"](eventId, window, { seq: 0, line: 0 }));
}

async function pages(db: Db, eventId: string, file: "orders" | "items", window: ReportWindow): Promise<(OrderRecord | ItemRecord)[]> {
  const out: (OrderRecord | ItemRecord)[] = [];
  let after: After = { seq: 0, line: 0 };
  for (;;) {
    const page = await allRows<OrderRecord | ItemRecord>(db, queries[file](eventId, window, after));
    for (const row of page) out.push(row);
    if (page.length < PAGE) return out;
    const last = page[page.length - 1]!;
    after = "orderSeq" in last ? { seq: last.orderSeq, line: last.line } : { seq: last.seq, line: 0 };
  }
}
