// The money records: payments with their items, voids, moves and settlements. Each keeps the hash
// of its request (body_hash), to tell a replay from a different request with the same id.
import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

/** A payment is never edited; a reversal fills the reversal columns, and its items count as open again. */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    tableName: text("table_name").notNull(),
    waiter: text("waiter").notNull(),
    method: text("method").notNull(),
    amountCents: integer("amount_cents").notNull(),
    depositCents: integer("deposit_cents").notNull(),
    depositReturnCents: integer("deposit_return_cents").notNull(),
    tipCents: integer("tip_cents").notNull(),
    tenderedCents: integer("tendered_cents"),
    reason: text("reason").notNull(),
    /** JSON: [{ product, name, qty, depositCents }] */
    depositReturns: text("deposit_returns").notNull(),
    bodyHash: text("body_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    reversedSeq: integer("reversed_seq"),
    reversedAt: integer("reversed_at"),
    reversedBy: text("reversed_by"),
    reverseReason: text("reverse_reason"),
    /** Who approved a free payment or a tip above the limit (an admin, or "admin PIN"); null when none was needed. */
    approvedBy: text("approved_by"),
  },
  (t) => [index("payments_event_waiter").on(t.eventId, t.waiter, t.seq), index("payments_event_table").on(t.eventId, t.tableName)],
);

export const paymentItems = sqliteTable(
  "payment_items",
  {
    paymentId: text("payment_id").notNull(),
    orderId: text("order_id").notNull(),
    line: integer("line").notNull(),
    tableName: text("table_name").notNull(),
    qty: integer("qty").notNull(),
    productId: text("product_id").notNull(),
    name: text("name").notNull(),
    unitCents: integer("unit_cents").notNull(),
    depositCents: integer("deposit_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.orderId, t.line] }), index("payment_items_order").on(t.orderId)],
);

export const voids = sqliteTable(
  "voids",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    orderId: text("order_id").notNull(),
    line: integer("line").notNull(),
    tableName: text("table_name").notNull(),
    productId: text("product_id").notNull(),
    name: text("name").notNull(),
    qty: integer("qty").notNull(),
    unitCents: integer("unit_cents").notNull(),
    depositCents: integer("deposit_cents").notNull(),
    reason: text("reason").notNull(),
    note: text("note").notNull(),
    waiter: text("waiter").notNull(),
    approvedBy: text("approved_by").notNull(),
    bodyHash: text("body_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("voids_event").on(t.eventId, t.seq)],
);

export const moves = sqliteTable("moves", {
  id: text("id").primaryKey(),
  eventId: text("event_id").notNull(),
  seq: integer("seq").notNull(),
  fromTable: text("from_table").notNull(),
  toTable: text("to_table").notNull(),
  /** JSON: [{ order, line, qty }] as moved */
  items: text("items").notNull(),
  waiter: text("waiter").notNull(),
  bodyHash: text("body_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** A waiter's cash handed in: a shift ends at `seq`; that waiter's later payments start the next. */
export const settlements = sqliteTable(
  "settlements",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    waiter: text("waiter").notNull(),
    floatCents: integer("float_cents").notNull(),
    countedCents: integer("counted_cents").notNull(),
    expectedCashCents: integer("expected_cash_cents").notNull(),
    /** JSON: the WaiterShift figures as they were settled */
    shift: text("shift").notNull(),
    by: text("by").notNull(),
    bodyHash: text("body_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("settlements_event_waiter").on(t.eventId, t.waiter, t.seq)],
);

/**
 * Vouchers (Wertmarken) sold at a cash desk (issue 22): money in by cash or card, vouchers of
 * `amount_cents` out, so the report can set vouchers sold against vouchers redeemed (payments with
 * method "voucher"). Never edited; a reversal fills the reversal columns, like a payment's.
 */
export const voucherSales = sqliteTable(
  "voucher_sales",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    counterId: text("counter_id").notNull(),
    waiter: text("waiter").notNull(),
    /** "cash" or "card": how the guest paid for the vouchers. */
    method: text("method").notNull(),
    amountCents: integer("amount_cents").notNull(),
    tenderedCents: integer("tendered_cents"),
    bodyHash: text("body_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    reversedSeq: integer("reversed_seq"),
    reversedAt: integer("reversed_at"),
    reversedBy: text("reversed_by"),
    reverseReason: text("reverse_reason"),
  },
  (t) => [index("voucher_sales_event_waiter").on(t.eventId, t.waiter, t.seq)],
);
