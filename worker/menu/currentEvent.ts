// Which event is current: the events row without an end, in D1, so that it holds across restarts and
// for every isolate. Each isolate reads it at most every CURRENT_EVENT_TTL_MS (a request middleware)
// and hands it to loadEvent, which stays synchronous for its many callers. POST /events sets it at
// once in the isolate that started the new event; other isolates (on Cloudflare) follow within the TTL.
import type { MiddlewareHandler } from "hono";
import type { Env } from "../env.ts";
import { loadConfigEvent, useCurrentEvent } from "../config/event.ts";
import { openDb } from "../db/client.ts";
import { readEventRows, startConfigEvent } from "../db/events.ts";
import { runningEvent } from "../domain/runningEvent.ts";

export const CURRENT_EVENT_TTL_MS = 5_000;
const readAt = new WeakMap<object, number>();

/** The current event's id and name, read again when the last read is older than the TTL. */
export async function followCurrentEvent(env: Pick<Env, "DB" | "EVENT_CONFIG">): Promise<void> {
  const last = readAt.get(env.DB);
  if (last !== undefined && Date.now() - last < CURRENT_EVENT_TTL_MS) return;
  useCurrentEvent(env, await readCurrentEvent(env));
  readAt.set(env.DB, Date.now());
}

/**
 * The events row without an end. config.json's event is current when the box has none yet (the
 * first start), and also when config.json names an id this box never had: an operator who changed
 * the id to start a new event, the way before POST /events.
 */
export async function readCurrentEvent(env: Pick<Env, "DB" | "EVENT_CONFIG">): Promise<{ id: string; name: string }> {
  const db = openDb(env.DB);
  const fromConfig = { id: loadConfigEvent(env).config.id, name: loadConfigEvent(env).config.name };
  const rows = await readEventRows(db);
  const running = runningEvent(rows, fromConfig);
  if (running !== fromConfig) return running;
  // Written by whichever request comes first; a second one's insert is ignored.
  await db.batch(startConfigEvent(db, fromConfig, Date.now()) as [ReturnType<typeof startConfigEvent>[number]]);
  const after = (await readEventRows(db)).find((r) => r.endedAt === null);
  return after ? { id: after.id, name: after.name } : fromConfig;
}

/** Every API request sees the current event (read at most once per TTL per isolate). */
export const currentEvent: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  await followCurrentEvent(c.env);
  await next();
};
