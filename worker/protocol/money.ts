// Money: payments, voids, moves and settlements. Every one is a command with a device-made id
// (exactly once, like an order); amounts are integer cents.
import type { CounterPlace } from "./counter.ts";

export const PAYMENT_METHODS = ["cash", "card", "voucher", "free"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const VOID_REASONS = ["mistake", "cancelled", "complaint"] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
/** Largest tip, tendered amount, float or counted cash accepted: 10,000.00. */
export const MAX_CENTS = 1_000_000;

/** Some quantity of one line of one order. */
export interface ItemRef {
  order: string;
  line: number;
  qty: number;
}

export interface PayBody {
  id: string;
  table: string;
  method: PaymentMethod;
  /** Each line of an order at most once; may be empty when deposits are returned. */
  items: ItemRef[];
  tenderedCents?: number;
  tipCents?: number;
  /** Glasses brought back, by deposit group; `{ product, qty }` (before groups) counts for the product's group. */
  depositReturns?: DepositReturnInput[];
  /** Why it is free (method "free": helpers, the band); required there. */
  reason?: string;
  /** A waiter's free payment, or a tip above the limit, needs the admin PIN typed for it (checked by the route, never stored or hashed). */
  adminPin?: string;
}

/** Glasses of one deposit group brought back (`group` as GET /deposits names it), or, as phones sent it before groups, of one product. */
export type DepositReturnInput = { group: string; qty: number } | { product: string; qty: number };

export interface VoidBody {
  id: string;
  order: string;
  line: number;
  qty: number;
  reason: VoidReason;
  note?: string;
  /** The table whose bill holds the items; needed only when a move split the line over tables. */
  table?: string;
  /** A waiter's void needs the admin PIN, typed for this one void. */
  adminPin?: string;
}

export interface ReverseBody {
  reason: string;
}

export interface MoveBody {
  id: string;
  to: string;
  /** What to move; without it every open item of the table moves. */
  items?: ItemRef[];
}

export interface SettlementBody {
  id: string;
  waiter: string;
  /** Change money handed out to the waiter at the start of the shift. */
  floatCents: number;
  /** Cash the organiser counted from the waiter, float included. */
  countedCents: number;
}

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
  depositReturns: DepositReturn[];
  createdAt: number;
  reversal: { seq: number; at: number; by: string; reason: string } | null;
  /** Who approved a free payment or a tip above the limit (an admin's name, or "admin PIN"); null when it needed no approval. */
  approvedBy: string | null;
  /** A counter order's bill (`table` "#…"): its cash desk and number, for people (GET /payments; placeName words it). */
  place?: CounterPlace;
}

/**
 * Glasses of one deposit group paid back in a payment, at the group's deposit. `products` says which
 * products' deposits they count against (those with the most still out), so that renaming a group or
 * moving a product to another keeps the count. Payments from before groups have `group` = `name` = the product's name.
 */
export interface DepositReturn {
  group: string;
  name: string;
  qty: number;
  depositCents: number;
  products: { product: string; qty: number }[];
}

/** How many glasses of one deposit group are out in the event and how many came back (GET /deposits). */
export interface DepositGroupBalance {
  /** The group's name, shown to the waiter and sent back in `depositReturns[].group`. */
  group: string;
  /** What one glass of the group pays back. */
  depositCents: number;
  /** Items with a deposit on payments not reversed and not free: deposits that came in. */
  out: number;
  /** Glasses paid back on payments not reversed. */
  back: number;
  /** out − back: how many can still come back (negative when an admin approved more). */
  open: number;
}

/** How many glasses of one deposit product are out in the event and how many came back (GET /deposits). */
export interface DepositBalance {
  product: string;
  name: string;
  /** The product's deposit group now. */
  group: string;
  /** Items with a deposit on payments not reversed and not free: deposits that came in. */
  out: number;
  /** Glasses paid back on payments not reversed. */
  back: number;
  /** out − back: how many can still come back. */
  open: number;
}

/**
 * The largest tip a waiter may record without the admin PIN: the payment's amount (goods +
 * deposit), or the event's limit (payment.tip_limit) if that is lower.
 */
export function tipLimitCents(goodsAndDepositCents: number, eventLimitCents: number | null): number {
  return eventLimitCents === null ? goodsAndDepositCents : Math.min(goodsAndDepositCents, eventLimitCents);
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
