// What the guests' pickup display (issue 22) reads from D1: once, when the coordinator first needs
// its board (domain/displayBoard.ts), the tickets of counter orders at the covered stations that
// are not yet picked up; and, at most every 30 s, the tickets done lately for the "ca. 8 Min.".
import { and, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db } from "./client.ts";

export interface DisplayTicketRow {
  orderId: string;
  number: number | null;
  createdAt: number;
  station: string;
  doneAt: number | null;
  /** Lines with anything left after voids (0: the ticket has nothing left to make). */
  openLines: number;
}

export async function readDisplayTickets(db: Db, eventId: string, stations: readonly string[]): Promise<DisplayTicketRow[]> {
  if (!stations.length) return [];
  const { tickets, orders } = schema;
  return db
    .select({
      orderId: tickets.orderId,
      number: orders.number,
      createdAt: orders.createdAt,
      station: tickets.stationId,
      doneAt: tickets.doneAt,
      openLines: sql<number>`(SELECT COUNT(*) FROM order_items i WHERE i.ticket_id = ${tickets.id} AND i.qty > i.voided_qty)`,
    })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .where(and(eq(tickets.eventId, eventId), isNull(tickets.pickedUpAt), isNotNull(orders.counterId), inArray(tickets.stationId, [...stations])));
}

/** Tickets of these stations done since `since` (ordered and done times), for the current preparation time. */
export async function readDoneSince(db: Db, eventId: string, stations: readonly string[], since: number): Promise<{ station: string; createdAt: number; doneAt: number | null }[]> {
  if (!stations.length) return [];
  const { tickets } = schema;
  return db
    .select({ station: tickets.stationId, createdAt: tickets.createdAt, doneAt: tickets.doneAt })
    .from(tickets)
    .where(and(eq(tickets.eventId, eventId), inArray(tickets.stationId, [...stations]), gte(tickets.doneAt, since)));
}
