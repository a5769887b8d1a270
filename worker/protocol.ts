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
  };
}

// ---------------------------------------------------------------------------------------------
// Common pieces

export const ROLES = ["waiter", "station", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const uuidSchema = z.uuid({ error: "must be a UUID such as 7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7a" });
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
  };
  stations: Station[];
  tables: { grid: { columns: number; rows: number }; list: TableLayout[] };
}

/** One line of an order: a snapshot of the product as it was when ordered. */
export interface OrderItem {
  line: number;
  product: string;
  name: string;
  unitCents: number;
  category: string;
  station: string;
  qty: number;
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
  totalCents: number;
  tickets: Ticket[];
}

export interface TableState extends TableLayout {
  openOrders: number;
  openCents: number;
  readyTickets: number;
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
export type DeltaFrame = OrderPlacedFrame | TicketChangedFrame | AvailabilityChangedFrame;
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

/** Sum of an order's lines in cents. */
export function orderTotalCents(tickets: readonly Pick<Ticket, "items">[]): number {
  let total = 0;
  for (const t of tickets) for (const i of t.items) total += i.unitCents * i.qty;
  return total;
}
