// What is left to prepare of a line once its voided quantity (Storno) is taken off, where its
// parts go when a move split it over tables (the order's bill positions, protocol/lineTables.ts),
// and what the screens call a ticket's place (a table, or a counter order's cash desk).
import { isCounterBill, isSplit, partsOf, ticketTablesOf, type Counter, type Order, type OrderItem, type TablePart, type Ticket } from "../../../worker/protocol.ts";

export const toMake = (item: Pick<OrderItem, "qty" | "voidedQty">): number => Math.max(0, item.qty - item.voidedQty);

/** Every unit of the line was taken back: nobody prepares it. */
export const voidedOut = (item: Pick<OrderItem, "qty" | "voidedQty">): boolean => item.voidedQty > 0 && toMake(item) === 0;

/** "1× Pils" for what is still to make; a fully voided line keeps its ordered quantity. */
export const itemSummary = (item: Pick<OrderItem, "qty" | "voidedQty" | "name">): string => `${voidedOut(item) ? item.qty : toMake(item)}× ${item.name}`;

/** The tables a ticket goes to ("C5 · E1" after a partial move), its own first. */
export const ticketTables = (ticket: Ticket, order: Order | undefined): string[] => ticketTablesOf(ticket, order?.positions ?? []);

/** The parts of a line by table when a move split it (or sent it whole elsewhere), else undefined. */
export function splitParts(ticket: Ticket, item: OrderItem, order: Order | undefined): TablePart[] | undefined {
  const parts = partsOf(item, order?.positions ?? [], ticket.table);
  return isSplit(parts, ticket.table) ? parts : undefined;
}

/** A counter order's ticket: its table is the order's own bill ("#…"), which no screen shows. */
export const isCounterTicket = (ticket: Pick<Ticket, "counter" | "table">): boolean => ticket.counter != null || isCounterBill(ticket.table);

/** Where a ticket goes as the screens name it: the cash desk's name for a counter order, else its tables ("C5 · E1"). */
export function ticketPlace(ticket: Ticket, order: Order | undefined, counters: readonly Counter[]): string {
  if (isCounterTicket(ticket)) return counters.find((c) => c.id === ticket.counter)?.name ?? ticket.counter ?? "";
  return ticketTables(ticket, order).join(" · ");
}
