// A waiter's shift and its settlement, and the audit list of what needed approval. Split from
// money.ts, whose commands (payments, voids, moves) these figures and entries come from.
import type { CounterPlace } from "./counter.ts";
import type { PaymentMethod } from "./money.ts";

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
  /**
   * Vouchers sold at a cash desk in this shift (issue 22; reversed ones not counted), and their
   * value by how the guests paid: "Wertmarken verkauft (bar)" is cash in the bag, "(Karte)" reached
   * the card account. voucherCents above is "Wertmarken eingelöst": vouchers taken as payment.
   * Settlements stored before counter service read these as 0.
   */
  voucherSales: number;
  voucherSoldCashCents: number;
  voucherSoldCardCents: number;
  /** Cash to hand in apart from the float: cashCents − cardTipsCents + voucherSoldCashCents (cashToHandInCents in cash.ts). */
  expectedCashCents: number;
  /** Tables with items this waiter ordered that are still open. */
  openTables: string[];
  /** The counter bills ("#…") among openTables, by key: their cash desk and number (placeName words them). Absent when there are none. */
  places?: Record<string, CounterPlace>;
  /** When the previous settlement was stored (this shift began then), or null. */
  settledAt: number | null;
}
export interface Settlement {
  id: string;
  seq: number;
  waiter: string;
  floatCents: number;
  countedCents: number;
  /** float + the shift's cash to hand in (expectedCountCents in cash.ts). */
  expectedCashCents: number;
  /** counted − expected: negative when cash is missing. */
  differenceCents: number;
  shift: WaiterShift;
  by: string;
  createdAt: number;
}

/** `approvedBy` of a void or payment when a waiter typed the admin PIN for it. */
export const APPROVED_BY_ADMIN_PIN = "admin PIN";

export interface AuditEntry {
  /** A void, a reversal, a free payment, or a payment with a tip above the limit (the last two approved like a void). */
  kind: "void" | "reversal" | "free" | "tip";
  id: string;
  seq: number;
  at: number;
  table: string;
  /** Who did it and who approved it. */
  by: string;
  approvedBy: string;
  /** A waiter typed the admin PIN for it (approvedBy then says so in English). */
  approvedWithAdminPin: boolean;
  /** What it concerns, as English text for logs; `subject` says the same for a page to word in its language. */
  what: string;
  subject:
    | { kind: "void"; qty: number; name: string }
    | { kind: "reversal"; waiter: string; method: PaymentMethod }
    | { kind: "free"; items: { qty: number; name: string }[] }
    | { kind: "tip"; method: PaymentMethod; tipCents: number; amountCents: number };
  valueCents: number;
  reason: string;
  /** A counter order's bill (`table` "#…"): its cash desk and number, for people. */
  place?: CounterPlace;
}
