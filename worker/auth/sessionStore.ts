// Sessions as rows in D1: made at login (auth/nameStore.ts), read on every request (through a
// short cache), ended by logout, by the admin, by a PIN change, or by a take-over of the name.
// Reading them is what makes an ended session end at once, even for a copied cookie.
import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
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

/** Ends the sessions that are still open among `ids`; returns the ids it ended. */
export async function endSessionRows(db: Db, ids: readonly string[], reason: string, now: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(inArray(sessions.id, [...ids]), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  for (const id of ids) cache.delete(id);
  return ended.map((r) => r.id);
}

/** The open sessions of one role whose PIN tag is not `currentTag` (a PIN was changed). */
export async function sessionsOfOtherPin(db: Db, role: Role, currentTag: string): Promise<string[]> {
  const rows = await db.select({ id: sessions.id, pinTag: sessions.pinTag }).from(sessions).where(and(eq(sessions.role, role), isNull(sessions.endedAt)));
  return rows.filter((r) => r.pinTag !== currentTag).map((r) => r.id);
}

/** Open sessions seen since `since`, most recently seen first. */
export async function listOpenSessions(db: Db, since: number): Promise<SessionRow[]> {
  return db.select().from(sessions).where(and(isNull(sessions.endedAt), gt(sessions.lastSeenAt, since))).orderBy(desc(sessions.lastSeenAt)).limit(500).all();
}
