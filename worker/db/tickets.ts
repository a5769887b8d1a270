// Tickets in D1: writing a ticket's state after a station's action or a move, and the station's
// history (GET /tickets).
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import { assembleTickets, ticketHead } from "./orderRows.ts";
import type { Ticket } from "../protocol.ts";

/** Writes a ticket's changed state (the ticket row and each of its items). */
export function updateTicket(db: Db, ticket: Ticket): Statement[] {
  return [
    db.update(schema.tickets).set({ doneAt: ticket.doneAt, pickedUpAt: ticket.pickedUpAt }).where(eq(schema.tickets.id, ticket.id)),
    ...ticket.items.map((i) =>
      db
        .update(schema.orderItems)
        .set({ doneAt: i.doneAt })
        .where(and(eq(schema.orderItems.orderId, ticket.orderId), eq(schema.orderItems.line, i.line))),
    ),
  ];
}

/** A ticket goes to another table (its guests moved). */
export function updateTicketTable(db: Db, ticket: Ticket): Statement {
  return db.update(schema.tickets).set({ tableName: ticket.table }).where(eq(schema.tickets.id, ticket.id));
}

export interface TicketQuery {
  station?: string;
  state: "open" | "done" | "all";
  /** Matches a table name or a product name (substring, case-insensitive for ASCII). */
  q?: string;
  limit?: number;
}

/** Station history: newest first. */
export async function searchTickets(db: Db, eventId: string, query: TicketQuery): Promise<Ticket[]> {
  const conditions = [eq(schema.tickets.eventId, eventId)];
  if (query.station) conditions.push(eq(schema.tickets.stationId, query.station));
  if (query.state === "open") conditions.push(isNull(schema.tickets.doneAt));
  if (query.state === "done") conditions.push(isNotNull(schema.tickets.doneAt));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const byProduct = db
      .select({ id: schema.orderItems.ticketId })
      .from(schema.orderItems)
      .where(sql`${schema.orderItems.name} LIKE ${pattern} ESCAPE '\\'`);
    conditions.push(or(sql`${schema.tickets.tableName} LIKE ${pattern} ESCAPE '\\'`, inArray(schema.tickets.id, byProduct))!);
  }
  const where = and(...conditions);
  const newest = db
    .select({ id: schema.tickets.id })
    .from(schema.tickets)
    .where(where)
    .orderBy(desc(schema.tickets.createdAt), desc(schema.tickets.id))
    .limit(query.limit ?? 200);
  const ofNewest = db.select({ id: schema.tickets.orderId }).from(schema.tickets).where(inArray(schema.tickets.id, newest));
  const [ticketRows, itemRows, orderRows] = await db.batch([
    db.select().from(schema.tickets).where(inArray(schema.tickets.id, newest)).orderBy(desc(schema.tickets.createdAt), desc(schema.tickets.id)),
    db.select().from(schema.orderItems).where(inArray(schema.orderItems.ticketId, newest)),
    db.select({ id: schema.orders.id, number: schema.orders.number, counterId: schema.orders.counterId }).from(schema.orders).where(inArray(schema.orders.id, ofNewest)),
  ]);
  return assembleTickets(ticketRows, itemRows, new Map(orderRows.map((o) => [o.id, ticketHead(o)])));
}
