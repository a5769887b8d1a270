// Rows of orders, tickets, items and bill positions turned back into the protocol's entities: the
// one place an Order is assembled from D1 (order reads, the station history, the stream's snapshot).
import * as schema from "./schema.ts";
import { groupBy } from "./client.ts";
import type { Order, OrderItem, Ticket } from "../protocol.ts";
import { orderTotalCents } from "../protocol.ts";

export type OrderRow = typeof schema.orders.$inferSelect;
export type TicketRow = typeof schema.tickets.$inferSelect;
export type ItemRow = typeof schema.orderItems.$inferSelect;
export type PositionRow = typeof schema.billItems.$inferSelect;

function toItem(r: ItemRow): OrderItem {
  return {
    line: r.line,
    product: r.productId,
    name: r.name,
    unitCents: r.unitCents,
    depositCents: r.depositCents,
    category: r.categoryId,
    station: r.stationId,
    qty: r.qty,
    voidedQty: r.voidedQty,
    note: r.note,
    options: JSON.parse(r.options) as string[],
    doneAt: r.doneAt,
  };
}

/** What a ticket takes from its order: the number (0 on orders from before numbers) and the counter. */
export type TicketHead = { number: number; counter: string | null };
export function ticketHead(o: Pick<OrderRow, "number" | "counterId">): TicketHead {
  return { number: o.number ?? 0, counter: o.counterId };
}

function toTicket(r: TicketRow, head: TicketHead, items: OrderItem[]): Ticket {
  return {
    id: r.id,
    orderId: r.orderId,
    station: r.stationId,
    table: r.tableName,
    number: head.number,
    counter: head.counter,
    waiter: r.waiter,
    createdAt: r.createdAt,
    doneAt: r.doneAt,
    pickedUpAt: r.pickedUpAt,
    items,
  };
}

/** Tickets with their items sorted by line, in the order of `ticketRows`; `heads`: their orders' number and counter, by order id. */
export function assembleTickets(ticketRows: TicketRow[], itemRows: ItemRow[], heads: ReadonlyMap<string, TicketHead>): Ticket[] {
  const itemsByTicket = groupBy(itemRows, (r) => r.ticketId);
  const none: TicketHead = { number: 0, counter: null };
  return ticketRows.map((t) => toTicket(t, heads.get(t.orderId) ?? none, (itemsByTicket.get(t.id) ?? []).map(toItem).sort((a, b) => a.line - b.line)));
}

/** Builds whole orders from rows; tickets and items come sorted by order of the lines. */
export function assembleOrders(orderRows: OrderRow[], ticketRows: TicketRow[], itemRows: ItemRow[], positionRows: PositionRow[]): Order[] {
  const heads = new Map(orderRows.map((o) => [o.id, ticketHead(o)]));
  const ticketsByOrder = groupBy(assembleTickets(ticketRows, itemRows, heads), (t) => t.orderId);
  const positionsByOrder = groupBy(positionRows, (r) => r.orderId);
  return orderRows.map((o) => {
    const tickets = (ticketsByOrder.get(o.id) ?? []).sort((a, b) => (a.items[0]?.line ?? 0) - (b.items[0]?.line ?? 0));
    return {
      id: o.id,
      seq: o.seq,
      table: o.tableName,
      number: o.number ?? 0,
      counter: o.counterId,
      waiter: o.waiter,
      menuVersion: o.menuVersion,
      createdAt: o.createdAt,
      totalCents: orderTotalCents(tickets),
      tickets,
      positions: (positionsByOrder.get(o.id) ?? [])
        .map((p) => ({ line: p.line, table: p.tableName, qty: p.qty, paidQty: p.paidQty, voidedQty: p.voidedQty }))
        .sort((a, b) => a.line - b.line || a.table.localeCompare(b.table)),
      closedAt: o.closedAt,
    };
  });
}
