// What the waiter's lists show of an order, stored or still in the outbox: one shape for both, with
// the stage it has reached (queued on the phone … picked up at the bar), what was voided of each
// line, and the sum without the voided part, deposit included, as the bill sums it (payTotals).
// Seen from a table, an order a move split shows only what lies on that table's bill.
import { payTotals, shareOn, type CounterPlace, type Order } from "../../../worker/protocol.ts";
import type { OrderEntry } from "./outbox.ts";

export type Stage = "queued" | "sending" | "rejected" | "sent" | "station" | "ready" | "picked";
export interface OrderLineView {
  name: string;
  qty: number;
  /** How many of `qty` were voided (Storno): struck through, and not in the sums. */
  voidedQty: number;
  note: string;
  options: string[];
  unitCents: number;
  depositCents: number;
  done: boolean;
}
export interface OrderView {
  id: string;
  table: string;
  waiter: string;
  createdAt: number;
  stage: Stage;
  lines: OrderLineView[];
  /** What the order comes to without its voided items: price and deposit. */
  totalCents: number;
  /** The deposit part of totalCents. */
  depositCents: number;
  /** The other tables part of this order lies on after a move (seen from one table), else empty. */
  elsewhere: string[];
  /** A counter order's cash desk and number (null: table service; number null until the server gave it). */
  place: CounterPlace | null;
  entry?: OrderEntry;
}
export function stageOf(order: Order): Stage {
  if (order.tickets.length && order.tickets.every((t) => t.pickedUpAt !== null)) return "picked";
  if (order.tickets.length && order.tickets.every((t) => t.doneAt !== null)) return "ready";
  return "station";
}

/** The sums of some lines without their voided quantities. */
function sumsOf(lines: readonly OrderLineView[]): Pick<OrderView, "totalCents" | "depositCents"> {
  const { totalCents, depositCents } = payTotals(lines.map((l) => ({ qty: l.qty - l.voidedQty, unitCents: l.unitCents, depositCents: l.depositCents })));
  return { totalCents, depositCents };
}

/**
 * `table`: the page it is seen from; an order with bill positions then shows only the lines and
 * quantities on that table (a move took the rest elsewhere), with that part's sum.
 */
export function viewOfOrder(order: Order, stage = stageOf(order), table?: string): OrderView {
  const split = table !== undefined && !!order.positions?.length;
  const lines = order.tickets
    .flatMap((t) => t.items)
    .sort((a, b) => a.line - b.line)
    .flatMap((i) => {
      const share = split ? shareOn(order, table, i.line) : { qty: i.qty, voidedQty: i.voidedQty ?? 0 };
      if (!share) return [];
      return [{ name: i.name, qty: share.qty, voidedQty: share.voidedQty, note: i.note, options: i.options, unitCents: i.unitCents, depositCents: i.depositCents ?? 0, done: i.doneAt !== null }];
    });
  const elsewhere = split ? [...new Set(order.positions.filter((p) => p.table !== table && p.qty > 0).map((p) => p.table))] : [];
  const place = order.counter ? { counter: order.counter, number: order.number || null } : null;
  return { id: order.id, table: table ?? order.table, waiter: order.waiter, createdAt: order.createdAt, stage, lines, ...sumsOf(lines), elsewhere, place };
}

/** An order waiting in the outbox; `depositOf` gives the deposit the server will charge per product. */
export function viewOfEntry(entry: OrderEntry, sending: boolean, depositOf: (product: string) => number = () => 0): OrderView {
  const lines = entry.items.map((i, n) => ({
    name: entry.names[n] ?? i.product,
    qty: i.qty,
    voidedQty: 0,
    note: i.note ?? "",
    options: i.options ?? [],
    unitCents: entry.unitCents[n] ?? 0,
    depositCents: depositOf(i.product),
    done: false,
  }));
  const stage: Stage = entry.status === "rejected" ? "rejected" : sending ? "sending" : "queued";
  const place = entry.counter ? { counter: entry.counter, number: null } : null;
  return { id: entry.id, table: entry.table, waiter: entry.waiter, createdAt: entry.createdAt, stage, lines, ...sumsOf(lines), elsewhere: [], place, entry };
}
