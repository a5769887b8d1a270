// Counter service (issue 22): cash desks where guests order and pay at once, the order numbers
// they wait for, the guests' pickup display, and vouchers (Wertmarken) sold at a desk.
import type { PaymentMethod } from "./money.ts";

/** A cash desk as config.json's `counters[]` names it. */
export interface Counter {
  id: string;
  name: string;
}

/**
 * A counter order has a bill of its own (each guest pays for their own order), named after the
 * order's id so that a phone can pay it before the server has answered (the outbox sends the order,
 * then the payment). "#" is never in a table's name, so this never meets a table of the map.
 */
export const COUNTER_BILL_PREFIX = "#";
export function counterBill(orderId: string): string {
  return COUNTER_BILL_PREFIX + orderId;
}
export function isCounterBill(table: string): boolean {
  return table.startsWith(COUNTER_BILL_PREFIX);
}
/** The order whose own bill this is (counterBill's inverse); undefined for a table's name. */
export function counterBillOrder(table: string): string | undefined {
  return isCounterBill(table) ? table.slice(COUNTER_BILL_PREFIX.length) : undefined;
}
/** A counter bill's whole name: "#" and the order's id, a UUID in lower case (what tableNameSchema lets through). */
export const COUNTER_BILL_NAME = /^#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the guests' pickup display shows (GET /api/v1/display, public): the numbers of counter
 * orders, nothing else. `preparing`: some ticket is still open, oldest first. `ready`: every ticket
 * is done and it is not yet picked up (nor older than `ui.display_ready_minutes`), newest first.
 */
export interface DisplayState {
  preparing: number[];
  ready: number[];
}
/**
 * The display's socket (public, a small room of its own) sends the whole state on every change, so
 * a screen that reconnects or reloads is current with its first frame. `seq`: the event stream's
 * seq at that state (a screen drops a frame older than the one it shows).
 */
export interface DisplayFrame extends DisplayState {
  type: "display";
  seq: number;
  /** The current preparation time per station the display covers, in whole minutes (null: no figure yet). */
  waits: StationWait[];
  language: "de" | "en";
}
/** "ca. 8 Min." on the display and the cash desk: from the report's current preparation time. */
export interface StationWait {
  station: string;
  name: string;
  minutes: number | null;
}

/** Vouchers are bought with money: cash or card. */
export type VoucherSaleMethod = Extract<PaymentMethod, "cash" | "card">;
export const VOUCHER_SALE_METHODS = ["cash", "card"] as const satisfies readonly VoucherSaleMethod[];

/** POST /voucher-sales: vouchers worth `amountCents` sold at a counter; exactly once by its device-made id. */
export interface VoucherSaleBody {
  id: string;
  counter: string;
  method: VoucherSaleMethod;
  amountCents: number;
  /** Cash handed over (for the change shown); at least amountCents. */
  tenderedCents?: number;
}
export interface VoucherSale {
  id: string;
  seq: number;
  counter: string;
  waiter: string;
  method: VoucherSaleMethod;
  amountCents: number;
  tenderedCents: number | null;
  createdAt: number;
  /** An admin's reversal (a mistake at the desk): when, by whom and why; null while it stands. */
  reversedAt: number | null;
  reversedBy: string | null;
  reverseReason: string | null;
}

/**
 * Where a counter order's bill was sold, for people: records whose `table` is a counter bill
 * ("#<order id>", an internal key) carry this (GET /payments, /audit, /settlement, open bills),
 * read from the order. `number` is null on an order placed before numbers.
 */
export interface CounterPlace {
  counter: string;
  number: number | null;
}

const PLACE_WORDS = { de: { counter: "Kasse", number: "Nr." }, en: { counter: "Counter", number: "No." } } as const;

/**
 * A bill as people name it: a table's name as it is; a counter bill as its cash desk's name (from
 * config.json's `counters[]`; its id when no longer there) and the order's number: "Kasse 1 · Nr. 42".
 * Never the "#…" key: a counter bill without its place says only "Kasse" / "Counter".
 */
export function placeName(table: string, place: CounterPlace | undefined, counters: readonly Counter[], language: "de" | "en"): string {
  if (!isCounterBill(table)) return table;
  const words = PLACE_WORDS[language] ?? PLACE_WORDS.de;
  if (!place) return words.counter;
  const name = counters.find((c) => c.id === place.counter)?.name ?? place.counter;
  return place.number === null ? name : `${name} · ${words.number} ${place.number}`;
}
