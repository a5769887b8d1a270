// GET /tables, kept for a moment in this isolate. Each read is a turn of the coordinator, queued
// with the orders: forty sessions reading the map in loops from the box's own address (where no
// device budget applies) sent 590 reads a second and doubled another waiter's order p90. Phones
// follow the map on their stream; the read is for a page opened fresh and for integrators.
//
// The map read is kept TABLES_FRESH_MS. Every write through this isolate (any request that is not
// a GET or HEAD: orders, payments, bumps, moves …) drops it and counts a generation up, before and
// after it runs; a read whose generation moved while it asked the coordinator does not keep its
// answer. So a phone sees its own change at once. A change made through another isolate (only on
// Cloudflare, where there may be several) shows within TABLES_FRESH_MS.
import type { MiddlewareHandler } from "hono";
import type { TableSummary } from "../protocol.ts";

export const TABLES_FRESH_MS = 250;

interface Kept {
  event: string;
  generation: number;
  at: number;
  tables: TableSummary[];
}

let generation = 0;
let kept: Kept | undefined;

/** Middleware: any write moves the generation, before it runs and again after it ran: what was kept is then stale. */
export const tablesWrites: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  generation++;
  try {
    await next();
  } finally {
    generation++;
  }
};

/** The event's map: kept if fresh and nothing was written since, else read (and kept if nothing was written meanwhile). */
export async function readTables(event: string, read: () => Promise<TableSummary[]>, now = Date.now): Promise<TableSummary[]> {
  if (kept && kept.event === event && kept.generation === generation && now() - kept.at < TABLES_FRESH_MS) return kept.tables;
  const asked = generation;
  const at = now();
  const tables = await read();
  if (generation === asked) kept = { event, generation, at, tables };
  return tables;
}
