// What the waiter's lists show of an order, stored or still in the outbox: one shape for both, with
// the stage it has reached (queued on the phone … picked up at the bar), what was voided of each
// line, and the sum without the voided part, deposit included, as the bill sums it (payTotals).
import { payTotals, type Order } from "../../../worker/protocol.ts";
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

export function viewOfOrder(order: Order, stage = stageOf(order)): OrderView {
  const lines = order.tickets
    .flatMap((t) => t.items)
    .sort((a, b) => a.line - b.line)
    .map((i) => ({ name: i.name, qty: i.qty, voidedQty: i.voidedQty ?? 0, note: i.note, options: i.options, unitCents: i.unitCents, depositCents: i.depositCents ?? 0, done: i.doneAt !== null }));
  return { id: order.id, table: order.table, waiter: order.waiter, createdAt: order.createdAt, stage, lines, ...sumsOf(lines) };
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
  return { id: entry.id, table: entry.table, waiter: entry.waiter, createdAt: entry.createdAt, stage, lines, ...sumsOf(lines), entry };
}
