// Waiter names in D1: the names already used in an event (for look-alikes), the live sessions of a
// name on other devices, and the login's session row, written only while the name is still free for
// it. The check and the insert are one statement, so two phones that log in as "Anna" (or as "Anna"
// and "Аnna") at the same moment cannot both get through. Plain D1 statements: drizzle has no
// INSERT … SELECT … WHERE.
import { forgetCachedSessions, type SessionRow } from "./sessionStore.ts";

/**
 * Sessions whose names count: waiters and admins, the names on orders, payments and settlements.
 * Station screens share names ("Bar", "Küche") and hold no money.
 */
const PEOPLE = "role IN ('waiter', 'admin')";
/** When the event started (0 for an event from before the events table: then every session counts). */
const EVENT_START = "coalesce((SELECT started_at FROM events WHERE id = ?e), 0)";

export interface NameScope {
  eventId: string;
  now: number;
  /** Sessions created before this are expired. */
  cutoff: number;
  /** The current PIN tags of the waiter and the admin role: a session of an older PIN is ended. */
  tags: readonly [string, string];
}

/** Every name a waiter or admin used in this event: by a session of it (or a live one), an order, a payment, a settlement. */
export async function namesUsedInEvent(d1: D1Database, scope: NameScope): Promise<string[]> {
  const sql = `SELECT name FROM sessions WHERE ${PEOPLE} AND (created_at >= ${EVENT_START} OR (ended_at IS NULL AND created_at > ?c))
    UNION SELECT waiter FROM orders WHERE event_id = ?e
    UNION SELECT waiter FROM payments WHERE event_id = ?e
    UNION SELECT waiter FROM settlements WHERE event_id = ?e`;
  const rows = await prepared(d1, sql, { e: scope.eventId, c: scope.cutoff }).all<{ name: string }>();
  return rows.results.map((r) => r.name);
}

const LIVE_ELSEWHERE = `${PEOPLE} AND name = ?n AND device_id <> ?d AND ended_at IS NULL AND created_at > ?c AND pin_tag IN (?tw, ?ta)`;
const scopeValues = (scope: NameScope) => ({ e: scope.eventId, c: scope.cutoff, tw: scope.tags[0], ta: scope.tags[1] });

/** The ids of the live sessions of this name on devices other than `deviceId`. */
export async function liveSessionsElsewhere(d1: D1Database, name: string, deviceId: string, scope: NameScope): Promise<string[]> {
  const rows = await prepared(d1, `SELECT id FROM sessions WHERE ${LIVE_ELSEWHERE}`, { ...scopeValues(scope), n: name, d: deviceId }).all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/** What the login's row is written on: which rules to hold, and whether the name's other devices are ended first. */
export interface NameClaim {
  /** A waiter: no live session of this name on another device. */
  alone: boolean;
  /** A waiter or admin: no other name of the same look-alike key in the event. */
  distinct: boolean;
  /** The admin PIN was typed: the name's sessions on other devices end, with this reason. */
  takeOver?: string;
}

export type NewSession = Omit<SessionRow, "endedAt" | "endReason">;

/** Writes the session row if the claim still holds; returns whether it did and which sessions a take-over ended. */
export async function insertClaimedSession(d1: D1Database, row: NewSession, claim: NameClaim, scope: NameScope): Promise<{ created: boolean; ended: string[] }> {
  const values = {
    ...scopeValues(scope),
    ...{ id: row.id, r: row.role, n: row.name, k: row.nameKey, d: row.deviceId, ua: row.userAgent, pt: row.pinTag, now: row.createdAt },
    ...{ alone: claim.alone ? 1 : 0, distinct: claim.distinct ? 1 : 0, why: claim.takeOver ?? "" },
  };
  const insert = prepared(
    d1,
    `INSERT INTO sessions (id, role, name, name_key, device_id, user_agent, pin_tag, created_at, last_seen_at)
     SELECT ?id, ?r, ?n, ?k, ?d, ?ua, ?pt, ?now, ?now
     WHERE (?alone = 0 OR NOT EXISTS (SELECT 1 FROM sessions WHERE ${LIVE_ELSEWHERE}))
       AND (?distinct = 0 OR NOT EXISTS (SELECT 1 FROM sessions WHERE ${PEOPLE} AND name_key = ?k AND name <> ?n
            AND (created_at >= ${EVENT_START} OR (ended_at IS NULL AND created_at > ?c))))
     RETURNING id`,
    values,
  );
  const end = claim.takeOver
    ? [prepared(d1, `UPDATE sessions SET ended_at = ?now, end_reason = ?why WHERE ${PEOPLE} AND name = ?n AND device_id <> ?d AND ended_at IS NULL RETURNING id`, values)]
    : [];
  // One batch is one transaction: the old devices end and the new one starts together.
  const results = await d1.batch<{ id: string }>([...end, insert]);
  const ended = end.length ? results[0]!.results.map((r) => r.id) : [];
  forgetCachedSessions([row.id, ...ended]);
  return { created: results[results.length - 1]!.results.length === 1, ended };
}

/** A statement with named parameters (`?name`), which D1 binds by number: each name becomes ?1, ?2, … in order. */
function prepared(d1: D1Database, sql: string, values: Record<string, string | number>): D1PreparedStatement {
  const names: string[] = [];
  const text = sql.replace(/\?([a-z]+)/g, (_, name: string) => {
    if (!names.includes(name)) names.push(name);
    return `?${names.indexOf(name) + 1}`;
  });
  return d1.prepare(text).bind(
    ...names.map((name) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no value for ?${name}`);
      return value;
    }),
  );
}
