// The WebSocket frames, both ways.
// WebSocket frames: server → client. Every frame after the snapshot carries the next `seq`.
import { z } from "zod";
import type { ApiErrorBody } from "./errors.ts";
import { MAX_ORDER_LINES } from "./common.ts";
import type { Order, ProductAvailability, Ticket } from "./entities.ts";
import type { OrderPositions, Payment, Settlement, TableMove, VoidRecord } from "./money.ts";

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
