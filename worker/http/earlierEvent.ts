// `?event=<id>`: a request about an earlier event of this box instead of the current one. A new
// event started with "openBills": "keep" leaves bills open in the old event; the phones read them
// (GET /tables/:name/bill?event=) and pay or void them there (POST /payments?event=, /voids?event=),
// run by that event's own coordinator so its figures stay whole. Only events that still have open
// items are reachable this way; a replay of a payment or void already stored there always is.
import type { Env } from "../env.ts";
import { loadEvent } from "../config/event.ts";
import { coordinator, coordinatorOf, type CoordinatorStub } from "../coordinator/stub.ts";
import { openDb, type Db } from "../db/client.ts";
import { eventIdTaken } from "../db/events.ts";
import { eventHasOpenItems } from "../db/openBills.ts";
import { ApiError } from "../errors.ts";

const PATH = "query.event";

/** An event of this box that is not the current one: 400 for the current one, 404 for an unknown one. */
export async function requireEarlierEvent(env: Env, eventId: string): Promise<Db> {
  const db = openDb(env.DB);
  if (eventId === loadEvent(env).config.id) throw new ApiError("INVALID_INPUT", `"${eventId}" is the current event; leave out ?event= for it`, PATH);
  if (!(await eventIdTaken(db, eventId))) throw new ApiError("NOT_FOUND", `no event "${eventId}" on this box`, PATH);
  return db;
}

/** As requireEarlierEvent, and the event still has open items (409 NOT_OPEN otherwise) unless `storedAlready` finds the request's own record. */
export async function requireEarlierOpenEvent(env: Env, eventId: string, storedAlready?: (db: Db) => Promise<unknown>): Promise<Db> {
  const db = await requireEarlierEvent(env, eventId);
  if (await eventHasOpenItems(db, eventId)) return db;
  if (storedAlready && (await storedAlready(db))) return db;
  throw new ApiError("NOT_OPEN", `nothing is open in event "${eventId}" any more`, PATH, { lines: [] });
}

/** The coordinator that runs a money command: the current event's, or with ?event= an earlier event's that still has something open. */
export async function moneyCoordinator(env: Env, eventId: string | undefined, storedAlready: (db: Db, eventId: string) => Promise<unknown>): Promise<CoordinatorStub> {
  if (eventId === undefined) return coordinator(env);
  await requireEarlierOpenEvent(env, eventId, (db) => storedAlready(db, eventId));
  return coordinatorOf(env, eventId);
}
