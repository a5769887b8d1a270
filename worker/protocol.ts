// The one module of types shared by the worker and the frontend: request bodies, the entities the
// API returns, the WebSocket frames, and the error codes. No DOM and no Workers globals here.
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Errors

/** Closed list of error codes; `codeToStatus` is the only place they map to HTTP status. */
export const ERROR_CODES = [
  "INVALID_INPUT",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "WRONG_PIN",
  "FORBIDDEN",
  "NOT_FOUND",
  "ORDER_ID_CONFLICT",
  "MENU_CHANGED",
  "SOLD_OUT",
  "QUOTA_EXCEEDED",
  "TICKET_NOT_READY",
  "ID_CONFLICT",
  "NOT_OPEN",
  "TOO_MANY_ATTEMPTS",
  "CONFIG_INVALID",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const codeToStatus: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503> = {
  INVALID_INPUT: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  WRONG_PIN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_ID_CONFLICT: 409,
  MENU_CHANGED: 409,
  SOLD_OUT: 409,
  QUOTA_EXCEEDED: 409,
  TICKET_NOT_READY: 409,
  ID_CONFLICT: 409,
  NOT_OPEN: 409,
  TOO_MANY_ATTEMPTS: 429,
  CONFIG_INVALID: 503,
  INTERNAL: 500,
};

/** What changed in the menu for one product of a refused order (409 MENU_CHANGED). */
export const menuChangeSchema = z.object({
  product: z.string(),
  name: z.string(),
  kind: z.enum(["price", "sold_out", "removed"]),
  oldCents: z.number().int().optional(),
  newCents: z.number().int().optional(),
});
export type MenuChange = z.infer<typeof menuChangeSchema>;

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Where the problem is: a JSON path into the body (`items[2].qty`), or `query.since`, `param.id`. */
    path: string;
    /** MENU_CHANGED: what changed. QUOTA_EXCEEDED / SOLD_OUT: the products concerned. */
    changes?: MenuChange[];
    products?: { product: string; name: string; left: number }[];
    /** NOT_OPEN: the lines asked for that are not open (any more) in that amount. */
    lines?: { order: string; line: number; table: string; openQty: number }[];
  };
}

// ---------------------------------------------------------------------------------------------
// Common pieces

export const ROLES = ["waiter", "station", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Ids are compared in one canonical form (lower case), so the same UUID in another case is the same id. */
export const uuidSchema = z.uuid({ error: "must be a UUID such as 7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7a" }).transform((id) => id.toLowerCase());
export const personNameSchema = z
  .string({ error: "must be a text" })
  .trim()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters")
  .refine((s) => !/[\u0000-\u001f\u007f<>]/.test(s), "must not contain control characters or < >");

export const MAX_ORDER_LINES = 100;
export const MAX_QTY = 999;
export const MAX_NOTE = 200;
/** Largest request body the API reads; larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Request bodies

export const loginBodySchema = z.strictObject({
  name: personNameSchema,
  pin: z.string({ error: "must be a text of 4 to 8 digits" }).regex(/^[0-9]{4,8}$/, "must be 4 to 8 digits"),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const orderLineSchema = z.strictObject({
  product: z.string({ error: "must be a product id" }).min(1).max(48),
  qty: z
    .number({ error: "must be a whole number from 1 to 999" })
    .int("must be a whole number from 1 to 999")
    .min(1, "must be at least 1")
    .max(MAX_QTY, "must be at most 999"),
  note: z
    .string({ error: "must be a text" })
    .max(MAX_NOTE, "must be at most 200 characters")
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must be one line of text without control characters")
    .optional(),
  options: z
    .array(z.string().max(40))
    .max(20)
    .refine((list) => new Set(list).size === list.length, "must not name an option twice")
    .optional(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const placeOrderBodySchema = z.strictObject({
  id: uuidSchema,
  table: z.string({ error: "must be a table name" }).min(1).max(16),
  menuVersion: z.number({ error: "must be the menu version number" }).int().min(0),
  items: z.array(orderLineSchema).min(1, "an order needs at least one line").max(MAX_ORDER_LINES, "an order has at most 100 lines"),
});
export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;

export const availabilityBodySchema = z
  .strictObject({
    soldOut: z.boolean().optional(),
    /** How many are left; null removes the quota. */
    quota: z.number().int().min(0).max(100_000).nullable().optional(),
  })
  .refine((b) => b.soldOut !== undefined || b.quota !== undefined, { message: "give soldOut, quota or both" });
export type AvailabilityBody = z.infer<typeof availabilityBodySchema>;

export const streamQuerySchema = z.strictObject({
  station: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be a station id").optional(),
  since: z
    .string()
    .regex(/^[0-9]{1,15}$/, "must be the last sequence number seen, a whole number")
    .transform(Number)
    .optional(),
});

export const ticketQuerySchema = z.strictObject({
  station: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be a station id").optional(),
  state: z.enum(["open", "done", "all"]).default("all"),
  q: z.string().max(40).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "must be a whole number from 1 to 1000")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, "must be a whole number from 1 to 1000")
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// Entities

export interface Session {
  name: string;
  role: Role;
}

export interface Station {
  id: string;
  name: string;
}
export interface Category {
  id: string;
  name: string;
  station: string;
  color: number;
}
export interface Product {
  id: string;
  name: string;
  priceCents: number;
  category: string;
  options: string[];
  /** Deposit (Pfand) per unit, charged apart from the price and paid back on return; 0 for none. */
  depositCents: number;
  soldOut: boolean;
  /** How many are left, or null for no quota. */
  quota: number | null;
}
export interface Menu {
  version: number;
  stations: Station[];
  categories: Category[];
  products: Product[];
}
export interface ProductAvailability {
  product: string;
  soldOut: boolean;
  quota: number | null;
}

export interface TableLayout {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EventInfo {
  id: string;
  name: string;
  currency: string;
  language: "de" | "en";
  ui: {
    auto_close: boolean;
    show_completed: number;
    timeout: { warn: number; crit: number };
    show_category_names: boolean;
    fold_categories: boolean;
    order_overview: boolean;
    /** Open the pay sheet with the items just sent (the festival way). */
    pay_after_order: boolean;
  };
  payment: { methods: PaymentMethod[]; tips: boolean };
  stations: Station[];
  tables: { grid: { columns: number; rows: number }; list: TableLayout[] };
}

/** One line of an order: a snapshot of the product as it was when ordered. */
export interface OrderItem {
  line: number;
  product: string;
  name: string;
  unitCents: number;
  /** Deposit per unit at the time of the order. */
  depositCents: number;
  category: string;
  station: string;
  qty: number;
  /** How many of `qty` were taken back (Storno): the station does not prepare them. */
  voidedQty: number;
  note: string;
  options: string[];
  doneAt: number | null;
}

/** The part of an order that one station prepares. */
export interface Ticket {
  id: string;
  orderId: string;
  station: string;
  table: string;
  waiter: string;
  createdAt: number;
  doneAt: number | null;
  pickedUpAt: number | null;
  items: OrderItem[];
}

export interface Order {
  id: string;
  seq: number;
  table: string;
  waiter: string;
  menuVersion: number;
  createdAt: number;
  /** What was ordered: the sum of qty × unit price over the lines (deposits not included). */
  totalCents: number;
  tickets: Ticket[];
  /** Where the order's items are on the bill: one position per line and table (moves split a line). */
  positions: BillPosition[];
  /** Set when every item is paid or voided and every ticket is done; a closed order leaves live state. */
  closedAt: number | null;
}

export interface TableState extends TableLayout {
  openOrders: number;
  openCents: number;
  readyTickets: number;
}

// ---------------------------------------------------------------------------------------------
// Money: payments, voids, moves and settlements. Every one is a command with a device-made id
// (exactly once, like an order); amounts are integer cents.

export const PAYMENT_METHODS = ["cash", "card", "voucher", "free"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const VOID_REASONS = ["mistake", "cancelled", "complaint"] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
/** Largest tip, tendered amount, float or counted cash accepted: 10,000.00. */
export const MAX_CENTS = 1_000_000;

const centsSchema = (what: string) =>
  z
    .number({ error: `must be ${what} in whole cents, such as 1250 for 12.50` })
    .int(`must be ${what} in whole cents, such as 1250 for 12.50`)
    .min(0, "must not be negative")
    .max(MAX_CENTS, `must be at most ${MAX_CENTS} cents`);
const lineNumber = z.number({ error: "must be a line number" }).int("must be a line number").min(0).max(MAX_ORDER_LINES - 1);
const qtySchema = z.number({ error: "must be a whole number from 1 to 999" }).int("must be a whole number from 1 to 999").min(1, "must be at least 1").max(MAX_QTY, "must be at most 999");
const tableNameSchema = z.string({ error: "must be a table name" }).min(1).max(16);
/** A free text shown to people later (reasons, notes): one line, no control or direction characters. */
export const shortTextSchema = (max: number) =>
  z
    .string({ error: "must be a text" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069<>]/.test(s), "must be one line of text without control characters or < >");

/** Some quantity of one line of one order. */
export const itemRefSchema = z.strictObject({ order: uuidSchema, line: lineNumber, qty: qtySchema });
export type ItemRef = z.infer<typeof itemRefSchema>;

export const payBodySchema = z
  .strictObject({
    id: uuidSchema,
    table: tableNameSchema,
    method: z.enum(PAYMENT_METHODS, { error: `must be one of ${PAYMENT_METHODS.join(", ")}` }),
    items: z
      .array(itemRefSchema)
      .max(MAX_ORDER_LINES * 2, "a payment has at most 200 lines")
      .refine((l) => new Set(l.map((i) => `${i.order}.${i.line}`)).size === l.length, "must name each line of an order once"),
    tenderedCents: centsSchema("the amount handed over").optional(),
    tipCents: centsSchema("the tip").optional(),
    depositReturns: z
      .array(z.strictObject({ product: z.string().min(1).max(48), qty: qtySchema }))
      .max(20)
      .refine((l) => new Set(l.map((d) => d.product)).size === l.length, "must name each product once")
      .optional(),
    /** Why it is free (method "free": helpers, the band); required there. */
    reason: shortTextSchema(120).optional(),
  })
  .refine((b) => b.items.length > 0 || (b.depositReturns?.length ?? 0) > 0, { message: "a payment needs at least one item or a deposit return", path: ["items"] })
  .refine((b) => b.method !== "free" || b.reason !== undefined, { message: 'a free payment needs a reason (who it is for)', path: ["reason"] });
export type PayBody = z.infer<typeof payBodySchema>;

export const voidBodySchema = z.strictObject({
  id: uuidSchema,
  order: uuidSchema,
  line: lineNumber,
  qty: qtySchema,
  reason: z.enum(VOID_REASONS, { error: `must be one of ${VOID_REASONS.join(", ")}` }),
  note: shortTextSchema(200).optional(),
  /** The table whose bill holds the items; needed only when a move split the line over tables. */
  table: tableNameSchema.optional(),
  /** A waiter's void needs the admin PIN, typed for this one void. */
  adminPin: z.string({ error: "must be the admin PIN" }).regex(/^[0-9]{4,8}$/, "must be the admin PIN (4 to 8 digits)").optional(),
});
export type VoidBody = z.infer<typeof voidBodySchema>;

export const reverseBodySchema = z.strictObject({ reason: shortTextSchema(200) });
export type ReverseBody = z.infer<typeof reverseBodySchema>;

export const moveBodySchema = z.strictObject({
  id: uuidSchema,
  to: tableNameSchema,
  /** What to move; without it every open item of the table moves. */
  items: z
    .array(itemRefSchema)
    .min(1, "name at least one item, or leave items out to move the whole table")
    .max(MAX_ORDER_LINES * 2)
    .refine((l) => new Set(l.map((i) => `${i.order}.${i.line}`)).size === l.length, "must name each line of an order once")
    .optional(),
});
export type MoveBody = z.infer<typeof moveBodySchema>;

export const settlementBodySchema = z.strictObject({
  id: uuidSchema,
  waiter: personNameSchema,
  /** Change money handed out to the waiter at the start of the shift. */
  floatCents: centsSchema("the float"),
  /** Cash the organiser counted from the waiter, float included. */
  countedCents: centsSchema("the counted cash"),
});
export type SettlementBody = z.infer<typeof settlementBodySchema>;

export const paymentQuerySchema = z.strictObject({
  table: tableNameSchema.optional(),
  waiter: z.string().min(1).max(40).optional(),
});

/** How many of one order line lie on one table's bill, and what became of them. */
export interface BillPosition {
  line: number;
  table: string;
  qty: number;
  paidQty: number;
  voidedQty: number;
}
/** The positions of one order after a change (frames carry them whole, so applying twice is harmless). */
export interface OrderPositions {
  order: string;
  closedAt: number | null;
  positions: BillPosition[];
}

/** One line of a table's bill: a position with its item's snapshot. */
export interface BillLine {
  order: string;
  line: number;
  product: string;
  name: string;
  options: string[];
  note: string;
  unitCents: number;
  depositCents: number;
  qty: number;
  paidQty: number;
  voidedQty: number;
  openQty: number;
  /** The waiter who ordered it. */
  waiter: string;
  orderedAt: number;
}
export interface Bill {
  table: string;
  lines: BillLine[];
  /** What is still to pay: open quantity × (price + deposit). */
  openCents: number;
  /** The deposit part of openCents. */
  openDepositCents: number;
}

export interface PaymentItem {
  order: string;
  line: number;
  qty: number;
  product: string;
  name: string;
  unitCents: number;
  depositCents: number;
}
export interface Payment {
  id: string;
  seq: number;
  table: string;
  waiter: string;
  method: PaymentMethod;
  /** Goods: qty × unit price over the items. */
  amountCents: number;
  /** Deposits charged for the items. */
  depositCents: number;
  /** Deposits paid back for returned glasses (money out). */
  depositReturnCents: number;
  tipCents: number;
  /** What the guest pays in all: amount + deposit − deposit returns + tip (negative: money back). */
  totalCents: number;
  tenderedCents: number | null;
  /** tendered − total, for cash. */
  changeCents: number | null;
  reason: string;
  items: PaymentItem[];
  depositReturns: { product: string; name: string; qty: number; depositCents: number }[];
  createdAt: number;
  reversal: { seq: number; at: number; by: string; reason: string } | null;
}

export interface VoidRecord {
  id: string;
  seq: number;
  order: string;
  line: number;
  table: string;
  product: string;
  name: string;
  qty: number;
  unitCents: number;
  depositCents: number;
  /** qty × (unit price + deposit). */
  valueCents: number;
  reason: VoidReason;
  note: string;
  /** Who asked for it, and who approved it ("admin PIN" when a waiter typed it). */
  waiter: string;
  approvedBy: string;
  createdAt: number;
}

export interface TableMove {
  id: string;
  seq: number;
  from: string;
  to: string;
  items: ItemRef[];
  waiter: string;
  createdAt: number;
}

/** One waiter's figures since their last settlement (or the start of the event). */
export interface WaiterShift {
  name: string;
  /** Payments in this shift (reversed ones not counted). */
  payments: number;
  /** Net takings by method: amount + deposit − deposit returns, tips not included. */
  cashCents: number;
  cardCents: number;
  voucherCents: number;
  freeCents: number;
  tipsCents: number;
  /** The part of tipsCents that was paid by card (owed to the waiter in cash). */
  cardTipsCents: number;
  depositOutCents: number;
  depositBackCents: number;
  voidedCents: number;
  /** Cash the waiter must hand in apart from their float: cashCents (tips are theirs). */
  expectedCashCents: number;
  /** Tables with items this waiter ordered that are still open. */
  openTables: string[];
  /** When the previous settlement was stored (this shift began then), or null. */
  settledAt: number | null;
}
export interface Settlement {
  id: string;
  seq: number;
  waiter: string;
  floatCents: number;
  countedCents: number;
  /** float + the shift's expected cash. */
  expectedCashCents: number;
  /** counted − expected: negative when cash is missing. */
  differenceCents: number;
  shift: WaiterShift;
  by: string;
  createdAt: number;
}

export interface AuditEntry {
  kind: "void" | "reversal";
  id: string;
  seq: number;
  at: number;
  table: string;
  /** Who did it and who approved it. */
  by: string;
  approvedBy: string;
  what: string;
  valueCents: number;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// WebSocket frames: server → client. Every frame after the snapshot carries the next `seq`.

export interface SnapshotFrame {
  type: "snapshot";
  seq: number;
  /** The server's clock when the snapshot was sent: screens correct their own clock by it. */
  now: number;
  menuVersion: number;
  availability: ProductAvailability[];
  orders: Order[];
}
export interface OrderPlacedFrame {
  type: "order.placed";
  seq: number;
  order: Order;
}
/** Every ticket change carries the whole ticket after the change, so applying it twice is harmless. */
export type TicketChangeType = "item.bumped" | "item.reopened" | "ticket.bumped" | "ticket.reopened" | "ticket.picked_up";
export interface TicketChangedFrame {
  type: TicketChangeType;
  seq: number;
  ticket: Ticket;
  by: string;
  /** Set when an undo reopened a closed order: the order whole, so screens that dropped it take it back. */
  reopened?: Order;
}
export interface AvailabilityChangedFrame {
  type: "availability.changed";
  seq: number;
  menuVersion: number;
  availability: ProductAvailability[];
}
export interface ErrorFrame {
  type: "error";
  ref?: string;
  error: ApiErrorBody["error"];
}
/** `seq` is the change the command made, or null when it changed nothing (a repeated bump). */
export interface AckFrame {
  type: "ack";
  ref: string;
  seq: number | null;
}
export interface PaymentRecordedFrame {
  type: "payment.recorded";
  seq: number;
  payment: Payment;
  positions: OrderPositions[];
}
/** A reversed payment's items are open again; orders it had closed come back whole in `reopened`. */
export interface PaymentReversedFrame {
  type: "payment.reversed";
  seq: number;
  payment: Payment;
  positions: OrderPositions[];
  reopened: Order[];
}
export interface ItemVoidedFrame {
  type: "item.voided";
  seq: number;
  void: VoidRecord;
  /** The ticket after the void: its item's voidedQty is what the station strikes through. */
  ticket: Ticket;
  positions: OrderPositions[];
}
export interface TableMovedFrame {
  type: "table.moved";
  seq: number;
  move: TableMove;
  positions: OrderPositions[];
  /** Tickets that now go to the new table (their order's open items all moved there), after the move. */
  tickets: Ticket[];
}
export interface OrderClosedFrame {
  type: "order.closed";
  seq: number;
  orderId: string;
  closedAt: number;
}
export interface SettlementRecordedFrame {
  type: "settlement.recorded";
  seq: number;
  settlement: Settlement;
}
export type MoneyFrame = PaymentRecordedFrame | PaymentReversedFrame | ItemVoidedFrame | TableMovedFrame | OrderClosedFrame | SettlementRecordedFrame;
export type DeltaFrame = OrderPlacedFrame | TicketChangedFrame | AvailabilityChangedFrame | MoneyFrame;
export type ServerFrame = SnapshotFrame | DeltaFrame | ErrorFrame | AckFrame;

// ---------------------------------------------------------------------------------------------
// WebSocket frames: client → server. The text "ping" is answered "pong" without waking the server.

const ref = z.string().min(1).max(64).optional();
const ticketId = z.string().min(1).max(120);
export const clientFrameSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("ticket.bump"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("ticket.undo"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("ticket.pickup"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("item.bump"), ref, ticket: ticketId, line: z.number().int().min(0).max(MAX_ORDER_LINES - 1) }),
  z.strictObject({ type: z.literal("item.undo"), ref, ticket: ticketId, line: z.number().int().min(0).max(MAX_ORDER_LINES - 1) }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const PING = "ping";
export const PONG = "pong";

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
