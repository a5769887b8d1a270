// What the waiter's lists show of an order, stored or still in the outbox: one shape for both, with
// the stage it has reached (queued on the phone … picked up at the bar).
import type { Order } from "../../../worker/protocol.ts";
import type { OrderEntry } from "./outbox.ts";

export type Stage = "queued" | "sending" | "rejected" | "sent" | "station" | "ready" | "picked";
export interface OrderView {
  id: string;
  table: string;
  waiter: string;
  createdAt: number;
  stage: Stage;
  lines: { name: string; qty: number; note: string; options: string[]; unitCents: number; done: boolean }[];
  totalCents: number;
  entry?: OrderEntry;
}
export function stageOf(order: Order): Stage {
  if (order.tickets.length && order.tickets.every((t) => t.pickedUpAt !== null)) return "picked";
  if (order.tickets.length && order.tickets.every((t) => t.doneAt !== null)) return "ready";
  return "station";
}

export function viewOfOrder(order: Order, stage = stageOf(order)): OrderView {
  const lines = order.tickets
    .flatMap((t) => t.items)
    .sort((a, b) => a.line - b.line)
    .map((i) => ({ name: i.name, qty: i.qty, note: i.note, options: i.options, unitCents: i.unitCents, done: i.doneAt !== null }));
  return { id: order.id, table: order.table, waiter: order.waiter, createdAt: order.createdAt, stage, lines, totalCents: order.totalCents };
}

export function viewOfEntry(entry: OrderEntry, sending: boolean): OrderView {
  const lines = entry.items.map((i, n) => ({ name: entry.names[n] ?? i.product, qty: i.qty, note: i.note ?? "", options: i.options ?? [], unitCents: entry.unitCents[n] ?? 0, done: false }));
  const stage: Stage = entry.status === "rejected" ? "rejected" : sending ? "sending" : "queued";
  return { id: entry.id, table: entry.table, waiter: entry.waiter, createdAt: entry.createdAt, stage, lines, totalCents: lines.reduce((s, l) => s + l.unitCents * l.qty, 0), entry };
}
