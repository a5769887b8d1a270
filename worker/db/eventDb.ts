// What a route that reads D1 directly needs: the database and this deployment's event id.
import type { Env } from "../env.ts";
import { loadEvent } from "../config/event.ts";
import { openDb, type Db } from "./client.ts";

export function eventDb(env: Env): { db: Db; eventId: string } {
  return { db: openDb(env.DB), eventId: loadEvent(env).config.id };
}
