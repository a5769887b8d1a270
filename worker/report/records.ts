// The single records behind the CSV files: one row per order, item, payment, void, settlement and
// voucher sale of the window. Plain rows with cents and epoch ms; csv.ts turns them into text. Orders and items
// are read together, a page of ORDERS_A_PAGE orders at a time, and an order's figures are its
// items' summed (one reading of where each line's goods are, not two: 0.4 s less for 20,000 orders) (the window's order ids are read first, in seq
// order; a page names its ids): each page is a short read, so orders placed meanwhile are written
// between pages instead of waiting for the whole file. (Paging with LIMIT made SQLite work out every
// remaining row's subqueries for each page before sorting: 5.5 s of CPU instead of 1.2 s for 76,000
// items. Paging by seq range read every order of the event for every page, seq having no index:
// 40 pages × 20,000 orders, twice.)
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { readSettlements } from "../db/money.ts";
import type { ReportCsvFile, ReportWindow, Settlement } from "../protocol.ts";
import { allRows } from "./rawRows.ts";
import { within } from "./window.ts";

export interface OrderRecord {
  /** number: the order's number (null on orders older than counter service); counter: the cash desk, null for table service. */
  id: string; seq: number; number: number | null; counter: string | null; createdAt: number; closedAt: number | null; table: string; waiter: string;
  /** Goods (qty × price): ordered = sales + free + open + voided; deposit apart. */
  items: number; goodsCents: number; depositCents: number; salesCents: number; freeCents: number; openCents: number; voidedCents: number;
}
export interface ItemRecord {
  orderId: string; line: number; orderedAt: number; table: string; waiter: string; product: string; name: string; category: string; station: string;
  unitCents: number; depositCents: number; qty: number; soldQty: number; freeQty: number; openQty: number; voidedQty: number; note: string; options: string; doneAt: number | null;
  /** The order's cash desk (null: table service) and number (null: before numbers). */
  counter: string | null; number: number | null;
}
export interface PaymentRecord {
  id: string; seq: number; createdAt: number; table: string; waiter: string; method: string; amountCents: number; depositCents: number;
  depositReturnCents: number; tipCents: number; tenderedCents: number | null; reason: string; items: number;
  reversedAt: number | null; reversedBy: string | null; reverseReason: string | null;
  /** A counter order's payment (table "#…"): its cash desk and the order's number; null for a table's. */
  counter: string | null; number: number | null;
}
export interface VoidCsvRecord {
  id: string; seq: number; createdAt: number; orderId: string; line: number; table: string; product: string; name: string; qty: number;
  unitCents: number; depositCents: number; reason: string; note: string; waiter: string; approvedBy: string;
  /** The voided order's cash desk (null: table service) and number (null: before numbers). */
  counter: string | null; number: number | null;
}
export interface VoucherSaleRecord {
  id: string; seq: number; createdAt: number; counter: string; waiter: string; method: string; amountCents: number; tenderedCents: number | null;
  reversedAt: number | null; reversedBy: string | null; reverseReason: string | null;
}
export interface RecordsOf {
  orders: OrderRecord;
  items: ItemRecord;
  payments: PaymentRecord;
  voids: VoidCsvRecord;
  settlements: Settlement;
  voucher_sales: VoucherSaleRecord;
}

/** Orders a page (about 2,000 item rows). */
const ORDERS_A_PAGE = 500;

/** The ids of the orders a page holds, as one JSON array (one bound value: D1 takes at most 100). */
type Page = string;
/** The orders of a page, found by their primary key (`+o.event_id` keeps SQLite from walking the event's index instead). */
const onPage = (page: Page) => sql`o.id IN (SELECT value FROM json_each(${page}))`;

/**
 * Where each order line of a page is now, summed once per page and joined by (order_id, line):
 * paid quantity by payments not reversed (sold: cash, card, voucher; free: given away) and what is
 * still open on the bills. (A subquery per line and figure looked the payments up twice a line.)
 */
const lineStates = (page: Page) => sql`
  WITH paid AS (
    SELECT pi.order_id, pi.line, sum(CASE WHEN p.method <> 'free' THEN pi.qty ELSE 0 END) AS sold, sum(CASE WHEN p.method = 'free' THEN pi.qty ELSE 0 END) AS free
    FROM payment_items pi JOIN payments p ON p.id = pi.payment_id
    WHERE pi.order_id IN (SELECT value FROM json_each(${page})) AND p.reversed_at IS NULL GROUP BY pi.order_id, pi.line),
  pos AS (
    SELECT b.order_id, b.line, sum(b.qty - b.paid_qty - b.voided_qty) AS open
    FROM bill_items b WHERE b.order_id IN (SELECT value FROM json_each(${page})) GROUP BY b.order_id, b.line)`;
const joinStates = sql`LEFT JOIN paid ON paid.order_id = i.order_id AND paid.line = i.line LEFT JOIN pos ON pos.order_id = i.order_id AND pos.line = i.line`;

/** An item's row with its order's own columns (seq, closed), from which the order's record is summed. */
type LineRow = ItemRecord & { seq: number; closedAt: number | null };

const linesOfPage = (e: string, w: ReportWindow, page: Page) => sql`${lineStates(page)}
    SELECT i.order_id AS orderId, i.line, o.created_at AS orderedAt, o.table_name AS "table", o.waiter, i.product_id AS product, i.name,
      i.category_id AS category, i.station_id AS station, i.unit_cents AS unitCents, i.deposit_cents AS depositCents, i.qty,
      coalesce(paid.sold, 0) AS soldQty, coalesce(paid.free, 0) AS freeQty, coalesce(pos.open, 0) AS openQty, i.voided_qty AS voidedQty,
      i.note, i.options, i.done_at AS doneAt, o.counter_id AS counter, o.number, o.seq, o.closed_at AS closedAt
    FROM orders o JOIN order_items i ON i.order_id = o.id ${joinStates} WHERE +o.event_id = ${e} AND ${within("o.created_at", w)}
      AND ${onPage(page)} ORDER BY o.seq, i.line`;

/** The orders of item rows sorted by order: each order's figures are its lines' summed. */
function ordersOf(lines: LineRow[]): OrderRecord[] {
  const out: OrderRecord[] = [];
  let order: OrderRecord | undefined;
  for (const l of lines) {
    if (order?.id !== l.orderId) {
      order = { id: l.orderId, seq: l.seq, number: l.number, counter: l.counter, createdAt: l.orderedAt, closedAt: l.closedAt, table: l.table, waiter: l.waiter,
        items: 0, goodsCents: 0, depositCents: 0, salesCents: 0, freeCents: 0, openCents: 0, voidedCents: 0 };
      out.push(order);
    }
    order.items += l.qty;
    order.goodsCents += l.qty * l.unitCents;
    order.depositCents += l.qty * l.depositCents;
    order.salesCents += l.soldQty * l.unitCents;
    order.freeCents += l.freeQty * l.unitCents;
    order.openCents += l.openQty * l.unitCents;
    order.voidedCents += l.voidedQty * l.unitCents;
  }
  return out;
}

const queries = {
  payments: (e: string, w: ReportWindow) => sql`
    SELECT p.id, p.seq, p.created_at AS createdAt, p.table_name AS "table", p.waiter, p.method, p.amount_cents AS amountCents,
      p.deposit_cents AS depositCents, p.deposit_return_cents AS depositReturnCents, p.tip_cents AS tipCents, p.tendered_cents AS tenderedCents,
      p.reason, (SELECT coalesce(sum(qty), 0) FROM payment_items WHERE payment_id = p.id) AS items,
      p.reversed_at AS reversedAt, p.reversed_by AS reversedBy, p.reverse_reason AS reverseReason, o.counter_id AS counter, o.number
    FROM payments p LEFT JOIN orders o ON p.table_name LIKE '#%' AND o.id = substr(p.table_name, 2) WHERE p.event_id = ${e} AND (${within("p.created_at", w)} OR (p.reversed_at IS NOT NULL AND ${within("p.reversed_at", w)})) ORDER BY p.seq`,
  voids: (e: string, w: ReportWindow) => sql`
    SELECT v.id, v.seq, v.created_at AS createdAt, v.order_id AS orderId, v.line, v.table_name AS "table", v.product_id AS product, v.name, v.qty,
      v.unit_cents AS unitCents, v.deposit_cents AS depositCents, v.reason, v.note, v.waiter, v.approved_by AS approvedBy, o.counter_id AS counter, o.number
    FROM voids v LEFT JOIN orders o ON o.id = v.order_id WHERE v.event_id = ${e} AND ${within("v.created_at", w)} ORDER BY v.seq`,
  /** Sold or reversed in the window, as payments. */
  voucher_sales: (e: string, w: ReportWindow) => sql`
    SELECT id, seq, created_at AS createdAt, counter_id AS counter, waiter, method, amount_cents AS amountCents, tendered_cents AS tenderedCents,
      reversed_at AS reversedAt, reversed_by AS reversedBy, reverse_reason AS reverseReason
    FROM voucher_sales WHERE event_id = ${e} AND (${within("created_at", w)} OR (reversed_at IS NOT NULL AND ${within("reversed_at", w)})) ORDER BY seq`,
};

/** The window's records of one CSV file, oldest first (orders and items read `ordersAPage` orders at a time). */
export async function readRecords<F extends ReportCsvFile>(db: Db, eventId: string, file: F, window: ReportWindow, ordersAPage = ORDERS_A_PAGE): Promise<RecordsOf[F][]> {
  if (file === "settlements") {
    const all = await readSettlements(db, eventId);
    return all.filter((s) => (window.from === null || s.createdAt >= window.from) && (window.to === null || s.createdAt < window.to)) as RecordsOf[F][];
  }
  if (file === "orders" || file === "items") return (await readOrdersAndItems(db, eventId, window, ordersAPage))[file as "orders" | "items"] as RecordsOf[F][];
  return allRows<RecordsOf[F]>(db, queries[file as "payments" | "voids" | "voucher_sales"](eventId, window));
}

/** The orders and the items files' records from one reading of the window's order lines. */
export async function readOrdersAndItems(db: Db, eventId: string, window: ReportWindow, ordersAPage = ORDERS_A_PAGE): Promise<{ orders: OrderRecord[]; items: ItemRecord[] }> {
  const ids = (await allRows<{ id: string }>(db, sql`SELECT id FROM orders o WHERE o.event_id = ${eventId} AND ${within("o.created_at", window)} ORDER BY seq`)).map((r) => r.id);
  const lines: LineRow[] = [];
  for (let i = 0; i < ids.length; i += ordersAPage) {
    const page = JSON.stringify(ids.slice(i, i + ordersAPage));
    for (const row of await allRows<LineRow>(db, linesOfPage(eventId, window, page))) lines.push(row);
  }
  return { orders: ordersOf(lines), items: lines };
}
