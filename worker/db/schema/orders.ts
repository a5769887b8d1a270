// Orders and what they put on the stations and the bills: tickets, order lines, bill positions.
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from "drizzle-orm/sqlite-core";

export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    tableName: text("table_name").notNull(),
    waiter: text("waiter").notNull(),
    menuVersion: integer("menu_version").notNull(),
    /** SHA-256 of the canonical request, to tell a replay from a different order with the same id. */
    bodyHash: text("body_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    closedAt: integer("closed_at"),
    /** The order's short number for guests and stations (issue 22): per event from 1, no gaps; null on orders placed before numbers. */
    number: integer("number"),
    /** The cash desk (`counters[].id`) a counter order was sold at; null for table service. */
    counterId: text("counter_id"),
  },
  (t) => [
    index("orders_event_table").on(t.eventId, t.tableName),
    index("orders_event_closed").on(t.eventId, t.closedAt),
    uniqueIndex("orders_event_number").on(t.eventId, t.number),
  ],
);

export const tickets = sqliteTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    orderId: text("order_id").notNull(),
    stationId: text("station_id").notNull(),
    tableName: text("table_name").notNull(),
    waiter: text("waiter").notNull(),
    createdAt: integer("created_at").notNull(),
    doneAt: integer("done_at"),
    pickedUpAt: integer("picked_up_at"),
  },
  (t) => [index("tickets_order").on(t.orderId), index("tickets_event_station").on(t.eventId, t.stationId, t.doneAt)],
);

export const orderItems = sqliteTable(
  "order_items",
  {
    orderId: text("order_id").notNull(),
    line: integer("line").notNull(),
    ticketId: text("ticket_id").notNull(),
    productId: text("product_id").notNull(),
    name: text("name").notNull(),
    unitCents: integer("unit_cents").notNull(),
    depositCents: integer("deposit_cents").notNull().default(0),
    categoryId: text("category_id").notNull(),
    stationId: text("station_id").notNull(),
    qty: integer("qty").notNull(),
    /** How many of qty were voided, over all tables (the station strikes them through). */
    voidedQty: integer("voided_qty").notNull().default(0),
    note: text("note").notNull(),
    /** JSON array of option texts */
    options: text("options").notNull(),
    doneAt: integer("done_at"),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.line] }), index("order_items_ticket").on(t.ticketId)],
);

/**
 * Where each order line is on the bills: how many of it lie on which table, and how many of those
 * are paid or voided. An order puts each line on its table; a move shifts open quantity to another
 * table's row. For every row, paid + voided <= qty; open is the rest.
 */
export const billItems = sqliteTable(
  "bill_items",
  {
    eventId: text("event_id").notNull(),
    orderId: text("order_id").notNull(),
    line: integer("line").notNull(),
    tableName: text("table_name").notNull(),
    qty: integer("qty").notNull(),
    paidQty: integer("paid_qty").notNull().default(0),
    voidedQty: integer("voided_qty").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.line, t.tableName] }), index("bill_items_event_table").on(t.eventId, t.tableName)],
);
