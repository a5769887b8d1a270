// Sessions as rows in D1: made at login (auth/nameStore.ts), read on every request (through a
// short cache), ended by logout, by the admin, by a PIN change, or by a take-over of the name.
// Reading them is what makes an ended session end at once, even for a copied cookie.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { sessions } from "../db/schema.ts";
import type { Role } from "../protocol.ts";

export type SessionRow = typeof sessions.$inferSelect;

/** How long a session read from D1 is trusted without asking again (other isolates' logouts). */
const CACHE_MS = 2_000;
/** Last-seen is written at most this often per session: a phone polls, and each write costs. */
export const TOUCH_MS = 60_000;
const MAX_CACHED = 2_000;

const cache = new Map<string, { row: SessionRow | undefined; readAt: number }>();

/** Forgets what was read of these sessions (written elsewhere: a login's row, a take-over; see auth/nameStore.ts). */
export function forgetCachedSessions(ids: readonly string[]): void {
  for (const id of ids) cache.delete(id);
}

export async function findSession(db: Db, id: string, now: number): Promise<SessionRow | undefined> {
  const hit = cache.get(id);
  if (hit && now - hit.readAt < CACHE_MS) return hit.row;
  const row = await db.select().from(sessions).where(eq(sessions.id, id)).get();
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(id, { row, readAt: now });
  return row;
}

export async function touchSession(db: Db, id: string, now: number): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  const hit = cache.get(id);
  if (hit?.row) hit.row.lastSeenAt = now;
}

/** D1 binds at most 100 values per statement: more ids (a flood's sessions) go in parts. */
const IDS_PER_STATEMENT = 90;

/** Ends the sessions that are still open among `ids`; returns the ids it ended. */
export async function endSessionRows(db: Db, ids: readonly string[], reason: string, now: number): Promise<string[]> {
  const ended: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const part = ids.slice(i, i + IDS_PER_STATEMENT);
    const rows = await db
      .update(sessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(inArray(sessions.id, part), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    ended.push(...rows.map((r) => r.id));
  }
  for (const id of ids) cache.delete(id);
  return ended;
}

/** The open sessions of one role whose PIN tag is not `currentTag` (a PIN was changed). */
export async function sessionsOfOtherPin(db: Db, role: Role, currentTag: string): Promise<string[]> {
  const rows = await db.select({ id: sessions.id, pinTag: sessions.pinTag }).from(sessions).where(and(eq(sessions.role, role), isNull(sessions.endedAt)));
  return rows.filter((r) => r.pinTag !== currentTag).map((r) => r.id);
}

/** One row of the admin's list: the open sessions of one name and role on one device. */
export interface SessionGroupRow {
  id: string;
  name: string;
  role: string;
  userAgent: string;
  createdAt: number;
  lastSeenAt: number;
  sessions: number;
  current: number;
  orders: number;
  payments: number;
  total: number;
}

/**
 * Open sessions seen since `since`, one row per name, role and device (the session seen last
 * stands for it), a page of them: stations and admins first (only they know those PINs), then names
 * with orders or payments in `eventId`, then the rest; each part most recently seen first. So a
 * flood of waiter logins cannot push the ones at work off the first page.
 */
export async function listSessionGroups(db: Db, q: { since: number; eventId: string; currentId: string; limit: number; offset: number }): Promise<SessionGroupRow[]> {
  // SQLite: with one max() in a grouped SELECT, the bare columns come from the row with that max.
  return db.all<SessionGroupRow>(sql`
    WITH g AS (
      SELECT id, name, role, user_agent AS userAgent, created_at AS createdAt, max(last_seen_at) AS lastSeenAt,
             count(*) AS sessions, sum(id = ${q.currentId}) AS current
      FROM sessions WHERE ended_at IS NULL AND last_seen_at > ${q.since}
      GROUP BY name, role, device_id
    ),
    o AS (SELECT waiter, count(*) AS n FROM orders WHERE event_id = ${q.eventId} GROUP BY waiter),
    p AS (SELECT waiter, count(*) AS n FROM payments WHERE event_id = ${q.eventId} GROUP BY waiter)
    SELECT g.*, coalesce(o.n, 0) AS orders, coalesce(p.n, 0) AS payments, count(*) OVER () AS total
    FROM g LEFT JOIN o ON o.waiter = g.name LEFT JOIN p ON p.waiter = g.name
    ORDER BY g.role = 'waiter', coalesce(o.n, 0) + coalesce(p.n, 0) = 0, g.lastSeenAt DESC, g.id
    LIMIT ${q.limit} OFFSET ${q.offset}`);
}

/** The open sessions of the same name and role on the same device as session `id` (itself included). */
export async function openSessionsLike(db: Db, id: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    SELECT s.id FROM sessions s JOIN sessions me ON me.id = ${id} AND me.ended_at IS NULL
    WHERE s.ended_at IS NULL AND s.name = me.name AND s.role = me.role AND s.device_id = me.device_id`);
  return rows.map((r) => r.id);
}
