// The box's events in D1: which one is current, starting the next, and the list with their dates.
// Writes return statements, so the coordinator commits them in one batch with event.started.
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import type { EventSummary } from "../protocol.ts";

export type EventRow = typeof schema.events.$inferSelect;

export async function readEventRows(db: Db): Promise<EventRow[]> {
  return db.select().from(schema.events).orderBy(desc(schema.events.startedAt)).all();
}

export async function readEventRow(db: Db, id: string): Promise<EventRow | undefined> {
  return db.select().from(schema.events).where(eq(schema.events.id, id)).get();
}

/** Whether any data carries this event id (an event that ran before the events table, too). */
export async function eventIdTaken(db: Db, id: string): Promise<boolean> {
  const [event, state] = await Promise.all([
    readEventRow(db, id),
    db.select({ id: schema.eventState.eventId }).from(schema.eventState).where(eq(schema.eventState.eventId, id)).get(),
  ]);
  return !!event || !!state;
}

/** Ends the current event and starts the next; the current one gets its row if it had none. */
export function switchEvent(db: Db, current: { id: string; name: string }, next: { id: string; name: string }, now: number): Statement[] {
  return [
    db.update(schema.events).set({ endedAt: now }).where(isNull(schema.events.endedAt)),
    db.insert(schema.events).values({ id: current.id, name: current.name, startedAt: now, endedAt: now }).onConflictDoNothing(),
    db.insert(schema.events).values({ id: next.id, name: next.name, startedAt: now }),
  ];
}

/** config.json's event becomes current: the first start, or an operator who changed its id (the way before POST /events). */
export function startConfigEvent(db: Db, event: { id: string; name: string }, now: number): Statement[] {
  return [
    // Not the config's own row: two first requests at once must not end what the other just started.
    db.update(schema.events).set({ endedAt: now }).where(and(isNull(schema.events.endedAt), ne(schema.events.id, event.id))),
    db.insert(schema.events).values({ id: event.id, name: event.name, startedAt: now }).onConflictDoNothing(),
  ];
}

/**
 * Every event with its dates and order count, newest first. Events that ran before the events table
 * existed (their data carries their id) are listed too, dated by their menu versions and changes.
 */
export async function listEvents(db: Db, currentId: string): Promise<EventSummary[]> {
  const rows = await db.all<{ id: string; name: string | null; started_at: number; ended_at: number | null; orders: number }>(sql`
    SELECT e.id, e.name, e.started_at, e.ended_at, (SELECT count(*) FROM orders o WHERE o.event_id = e.id) AS orders
      FROM events e
    UNION ALL
    SELECT s.event_id, NULL,
           (SELECT min(created_at) FROM menu_versions m WHERE m.event_id = s.event_id),
           (SELECT max(at) FROM changes c WHERE c.event_id = s.event_id),
           (SELECT count(*) FROM orders o WHERE o.event_id = s.event_id)
      FROM event_state s WHERE s.event_id NOT IN (SELECT id FROM events)
    ORDER BY 3 DESC`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? r.id,
    startedAt: r.started_at ?? 0,
    endedAt: r.id === currentId ? null : (r.ended_at ?? r.started_at ?? 0),
    orders: r.orders,
    current: r.id === currentId,
  }));
}
