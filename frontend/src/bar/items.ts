// What is left to prepare of a line once its voided quantity (Storno) is taken off, and where its
// parts go when a move split it over tables (the order's bill positions, protocol/lineTables.ts).
import { isSplit, partsOf, ticketTablesOf, type Order, type OrderItem, type TablePart, type Ticket } from "../../../worker/protocol.ts";

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
