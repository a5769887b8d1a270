// Where the parts of an order's lines go once a move split them over tables: each part is carried
// to the table whose bill it lies on (the bill positions; a paid part where it was paid, a voided
// part nowhere). Read the same way by the worker (the station socket's lean shape carries it per
// line), the station and pickup screens (the ticket's tables, each line's parts) and the phone
// (an order card shows on each table only what lies there).
import type { Order, OrderItem, Ticket } from "./entities.ts";
import type { BillPosition } from "./money.ts";

/** One part of a line: how many go to which table. */
export interface TablePart {
  table: string;
  qty: number;
}

/**
 * The parts of `item` by table, from the order's positions (ticket's table first): what is still
 * to make of it (ordered less voided). A line without positions (a station screen holds them only
 * for split lines) goes whole to `ticketTable`.
 */
export function partsOf(item: Pick<OrderItem, "line" | "qty" | "voidedQty">, positions: readonly BillPosition[], ticketTable: string): TablePart[] {
  const mine = positions.filter((p) => p.line === item.line);
  if (!mine.length) return item.qty > item.voidedQty ? [{ table: ticketTable, qty: item.qty - item.voidedQty }] : [];
  const byTable = new Map<string, number>();
  for (const p of mine) byTable.set(p.table, (byTable.get(p.table) ?? 0) + Math.max(0, p.qty - p.voidedQty));
  const parts = [...byTable].filter(([, qty]) => qty > 0).map(([table, qty]) => ({ table, qty }));
  return parts.sort((a, b) => Number(b.table === ticketTable) - Number(a.table === ticketTable));
}

/** The line goes elsewhere than its ticket's table, in one part or more. */
export const isSplit = (parts: readonly TablePart[], ticketTable: string): boolean => parts.length > 1 || (parts.length === 1 && parts[0]!.table !== ticketTable);

/** The tables a ticket's lines go to (its own table first); just its table when nothing is left to make. */
export function ticketTablesOf(ticket: Pick<Ticket, "table" | "items">, positions: readonly BillPosition[]): string[] {
  const tables = new Set<string>();
  for (const item of ticket.items) for (const p of partsOf(item, positions, ticket.table)) tables.add(p.table);
  if (!tables.size) return [ticket.table];
  return [...tables].sort((a, b) => Number(b === ticket.table) - Number(a === ticket.table));
}

/** What of `order` lies on `table`'s bill: per line the quantity there and its voided part, or undefined for a line not there. */
export function shareOn(order: Pick<Order, "positions">, table: string, line: number): { qty: number; voidedQty: number } | undefined {
  const here = order.positions.filter((p) => p.line === line && p.table === table);
  if (!here.length) return undefined;
  return { qty: here.reduce((s, p) => s + p.qty, 0), voidedQty: here.reduce((s, p) => s + p.voidedQty, 0) };
}
