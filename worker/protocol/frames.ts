// The WebSocket frames, both ways, and the limits a socket meets.
// WebSocket frames: server → client. Every frame after the snapshot carries its `seq` and `prev`:
// the seq of the frame this socket got before it (or of its snapshot), so a client can tell it
// missed nothing even when its stream is filtered (a station socket skips other stations' frames).
import type { ApiErrorBody } from "./errors.ts";
import type { Menu, Order, ProductAvailability, Ticket } from "./entities.ts";
import type { OrderPositions, Payment, TableMove, VoidRecord } from "./money.ts";
import type { Settlement } from "./settlement.ts";
import type { TablePart } from "./lineTables.ts";
import type { PrintChangedFrame } from "./print.ts";
import type { VoucherSale } from "./counter.ts";

export interface SnapshotFrame {
  type: "snapshot";
  seq: number;
  /** The server's clock when the snapshot was sent: screens correct their own clock by it. */
  now: number;
  menuVersion: number;
  availability: ProductAvailability[];
  orders: Order[];
}
/** A table on the phones' map: what is open on it (GET /tables's figures without the layout). */
export interface TableSummary {
  name: string;
  openOrders: number;
  openCents: number;
  readyTickets: number;
}
/**
 * A phone's snapshot (a waiter's socket, `?view=phone`): `tables`, those with anything open or ready
 * (one left out is free), and the waiter's own open `orders`. A table's others: GET /tables/:name.
 */
export interface PhoneSnapshotFrame extends SnapshotFrame {
  view: "phone";
  tables: TableSummary[];
}
/** Frames that change what is open or ready on tables carry those tables' figures after the change, whole. */
type MapChange = { tables?: TableSummary[] };
export interface OrderPlacedFrame extends MapChange {
  type: "order.placed";
  seq: number;
  order: Order;
}
/** Every ticket change carries the whole ticket after the change, so applying it twice is harmless. */
export type TicketChangeType = "item.bumped" | "item.reopened" | "ticket.bumped" | "ticket.reopened" | "ticket.picked_up";
export interface TicketChangedFrame extends MapChange {
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
/** The menu was edited on /admin: the whole new menu, with availability. Station sockets do not get it. */
export interface MenuChangedFrame {
  type: "menu.changed";
  seq: number;
  menuVersion: number;
  menu: Menu;
}
/** A new event started (POST /events): the last frame of this event's stream. Pages load the app again and follow. */
export interface EventStartedFrame {
  type: "event.started";
  seq: number;
  event: { id: string; name: string };
}
/**
 * The server asks whether the client still reads: answer `{ "type": "pong", "nonce": <the same> }`.
 * A socket that has not answered STREAM_LIMITS.missedPings pings in a row is closed.
 */
export interface PingFrame {
  type: "ping";
  nonce: string;
}
/** A client frame the server could not read (not JSON, not a known frame, over the rate limit). */
export interface ErrorFrame {
  type: "error";
  error: ApiErrorBody["error"];
}
export interface PaymentRecordedFrame extends MapChange {
  type: "payment.recorded";
  seq: number;
  payment: Payment;
  positions: OrderPositions[];
}
/** A reversed payment's items are open again; orders it had closed come back whole in `reopened`. */
export interface PaymentReversedFrame extends MapChange {
  type: "payment.reversed";
  seq: number;
  payment: Payment;
  positions: OrderPositions[];
  reopened: Order[];
}
export interface ItemVoidedFrame extends MapChange {
  type: "item.voided";
  seq: number;
  void: VoidRecord;
  /** The ticket after the void: its item's voidedQty is what the station strikes through. */
  ticket: Ticket;
  positions: OrderPositions[];
}
export interface TableMovedFrame extends MapChange {
  type: "table.moved";
  seq: number;
  move: TableMove;
  positions: OrderPositions[];
  /**
   * The tickets not yet picked up of the orders the move touched, after it: those whose order's
   * open items all moved go to the new table (`table`); the others stay, and the positions say
   * which parts of their lines now go to which table (a partial move).
   */
  tickets: Ticket[];
}
export interface OrderClosedFrame extends MapChange {
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
/** Vouchers sold at a cash desk (issue 22): the admin's pages and the report follow it; no bill changes. */
export interface VoucherSoldFrame {
  type: "voucher.sold";
  seq: number;
  sale: VoucherSale;
}
/** An admin reversed a voucher sale: the sale whole, with its reversal. */
export interface VoucherReversedFrame {
  type: "voucher.reversed";
  seq: number;
  sale: VoucherSale;
}
export type MoneyFrame = VoucherSoldFrame | VoucherReversedFrame | PaymentRecordedFrame | PaymentReversedFrame | ItemVoidedFrame | TableMovedFrame | OrderClosedFrame | SettlementRecordedFrame;
export type DeltaFrame = OrderPlacedFrame | TicketChangedFrame | AvailabilityChangedFrame | MenuChangedFrame | EventStartedFrame | MoneyFrame | PrintChangedFrame;
/** What a socket receives: a delta and the seq of the frame it got before it. */
export type Sent<F extends DeltaFrame | StationDeltaFrame> = F & { prev: number };
export type ServerFrame = SnapshotFrame | PhoneSnapshotFrame | StationSnapshotFrame | Sent<DeltaFrame> | Sent<StationDeltaFrame> | ErrorFrame | PingFrame;

// ---------------------------------------------------------------------------------------------
// A station socket (`?station=`) gets what its screen shows, in a lean shape: its own tickets with
// the lines to make (no prices), the other stations' tickets of the same orders only as done or
// not, and no money frames (an order's closing comes as order.closed). A field at its default
// (nothing voided, no note, no options, not done) is left out.

/** A line to make. `name` is left out when it is the frame's `names[product]`. */
export interface StationItem {
  line: number;
  product: string;
  name?: string;
  /** 1 when left out. */
  qty?: number;
  voidedQty?: number;
  note?: string;
  options?: string[];
  doneAt?: number;
  /** Where its parts go when a move split it over tables (or sent it whole elsewhere than its ticket's table); left out otherwise. */
  tables?: TablePart[];
}
/** A ticket after a change: the station's own with its lines, another station's without (`items` left out). Its id is `<order id>.<station>`. */
export interface StationTicket {
  station: string;
  /** The table it goes to (after a move it may differ from the order's). */
  table?: string;
  doneAt?: number;
  pickedUpAt?: number;
  items?: StationItem[];
  /** True when it printed at the station's printer (issue 21); left out otherwise. */
  printed?: boolean;
}
/** An order with this station's ticket, flattened into it: its lines, state and where it goes. */
export interface StationOrder {
  id: string;
  table: string;
  /** The order's number (issue 22; 0 on orders from before numbers). */
  number: number;
  /** The cash desk of a counter order; left out for table service. */
  counter?: string;
  /** The waiter's name is the frame's `waiters[waiter]` (a name comes once per frame, not once per ticket). */
  waiter: number;
  createdAt: number;
  closedAt?: number;
  /** The station's ticket: done, picked up, and its table where it differs from the order's. */
  doneAt?: number;
  pickedUpAt?: number;
  ticketTable?: string;
  items: StationItem[];
  /** The station's ticket printed at its printer (issue 21; snapshots only, later by print.changed). */
  printed?: boolean;
  /** The order's tickets at other stations, by station: done or not. */
  others?: Record<string, boolean>;
}
/** A whole ticket after a change, standalone: its id and the order it belongs to are named. */
export type StationTicketChange = StationTicket & { id: string; orderId: string };

export interface StationSnapshotFrame {
  type: "snapshot";
  station: string;
  seq: number;
  now: number;
  menuVersion: number;
  /** The product names the lines use, once. */
  names: Record<string, string>;
  /** The waiters' names the orders name by position. */
  waiters: string[];
  orders: StationOrder[];
}
export type StationDeltaFrame =
  | { type: "order.placed"; seq: number; names: Record<string, string>; waiters: string[]; order: StationOrder }
  | { type: TicketChangeType; seq: number; names: Record<string, string>; waiters: string[]; ticket: StationTicketChange; by: string; reopened?: StationOrder }
  | { type: "item.voided"; seq: number; names: Record<string, string>; waiters: string[]; void: VoidRecord; ticket: StationTicketChange; positions: OrderPositions[] }
  | { type: "table.moved"; seq: number; names: Record<string, string>; waiters: string[]; move: TableMove; tickets: StationTicketChange[] }
  | { type: "payment.reversed"; seq: number; names: Record<string, string>; waiters: string[]; payment: Payment; reopened: StationOrder[] }
  | OrderClosedFrame
  | EventStartedFrame
  /** Cut to the station: its tickets' jobs (by ticketId) and the printers it prints on (PrinterStatus.stations). */
  | PrintChangedFrame;

// ---------------------------------------------------------------------------------------------
// WebSocket frames: client → server. The text "ping" is answered "pong" without waking the server
// (a client's own liveness check); the server's ping frame is answered with a pong frame. That is
// all a client sends: every change (ticket actions too) goes over HTTP.

/** The only frame a client sends: the answer to the server's ping. */
export type ClientFrame = { type: "pong"; nonce: string };

export const PING = "ping";
export const PONG = "pong";
