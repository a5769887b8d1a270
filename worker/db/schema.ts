// The D1 schema. drizzle-kit writes the SQL migrations in migrations/ from this file.
// Every row carries its event id, so several events can share one database.
import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

/**
 * One row per event: the current menu version and the config it was made from. It is written when
 * the menu version changes; `seq` is the sequence number at that moment (the live sequence number
 * is the newest row of `changes`, so that a change is one row fewer to write).
 */
export const eventState = sqliteTable("event_state", {
  eventId: text("event_id").primaryKey(),
  seq: integer("seq").notNull(),
  menuVersion: integer("menu_version").notNull(),
  configHash: text("config_hash").notNull(),
});

/** The menu as it was at each version: what a 409 MENU_CHANGED compares against. */
export const menuVersions = sqliteTable(
  "menu_versions",
  {
    eventId: text("event_id").notNull(),
    version: integer("version").notNull(),
    /** JSON: { [productId]: { name, priceCents, soldOut } } */
    products: text("products").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version] })],
);

export const availability = sqliteTable(
  "availability",
  {
    eventId: text("event_id").notNull(),
    productId: text("product_id").notNull(),
    soldOut: integer("sold_out", { mode: "boolean" }).notNull(),
    quota: integer("quota"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.productId] })],
);

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
  },
  (t) => [index("orders_event_table").on(t.eventId, t.tableName), index("orders_event_closed").on(t.eventId, t.closedAt)],
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

/** The event's ordered stream: every change as the frame that was broadcast. Resume reads it. */
export const changes = sqliteTable(
  "changes",
  {
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    frame: text("frame").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.seq] })],
);

/** Secrets and generated values that must survive a restart (session key, generated PINs). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Logins, kept on the server so that a session can be ended: by logout, by the admin (a lost
 * phone), or by a PIN change. The cookie holds only the signed id.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    role: text("role").notNull(),
    name: text("name").notNull(),
    /** The name's look-alike key (auth/nameKey.ts): a login whose key is taken by another name is refused. */
    nameKey: text("name_key").notNull().default(""),
    /** The signed device token's id: the same phone keeps it across logins. */
    deviceId: text("device_id").notNull(),
    userAgent: text("user_agent").notNull(),
    /** A tag of the role's PIN at login: a session of an older PIN is no session. */
    pinTag: text("pin_tag").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("sessions_open").on(t.endedAt, t.lastSeenAt)],
);

/**
 * One row per PIN tried and not (yet) found right, for the login limit. A row is written before
 * the PIN is compared (so parallel guesses cannot all pass the check) and removed again when the
 * PIN was right. In D1, so the limit holds across restarts of the server and of the coordinator.
 */
export const pinAttempts = sqliteTable(
  "pin_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** "unknown" (devices never logged in here) or "device" (a device with a valid device token). */
    pool: text("pool").notNull(),
    /** The device id in the "device" pool; empty in the "unknown" pool. */
    device: text("device").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("pin_attempts_pool_at").on(t.pool, t.at)],
);

/**
 * The events of this box. The current one is the row without `endedAt`; config.json's event is the
 * first (written on the first request). POST /events ends the current one and starts the next.
 */
export const events = sqliteTable("events", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  startedAt: integer("started_at").notNull(),
  endedAt: integer("ended_at"),
});

/**
 * Each event's menu as it is now, in config.json's shape: seeded from config.json on the event's
 * first start (or copied from the event before), edited on /admin from then on.
 */
export const menus = sqliteTable("menus", {
  eventId: text("event_id").primaryKey(),
  /** JSON: the categories as config.json writes them */
  categories: text("categories").notNull(),
  /** JSON: the products as config.json writes them (prices as decimals) */
  products: text("products").notNull(),
  /** JSON: [{ id, name }] of products taken off the menu; their ids are never given to another product. */
  removed: text("removed").notNull(),
  /** "config" while the menu is config.json's own; "admin" once it was edited on /admin (config.json no longer replaces it). */
  source: text("source").notNull(),
  /** Fingerprint of config.json's menu when it was last looked at: a change is taken only while source is "config". */
  configHash: text("config_hash").notNull(),
  /** The menu version this definition was written at (sold-out changes make versions too, but do not count here). */
  editedVersion: integer("edited_version").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
