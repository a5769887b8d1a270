// Each waiter's cash: the current shift's figures (a waiter sees their own), storing a settlement,
// the settlements so far, and the audit list (voids, reversals, free payments, tips above the
// limit). An admin settles an earlier event with `?event=<id>` (the cash taken for bills it left open after a new event started).
import { Hono } from "hono";
import type { Context } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { can } from "../auth/permissions.ts";
import { coordinator, coordinatorOf } from "../coordinator/stub.ts";
import { eventDb } from "../db/eventDb.ts";
import { readAudit, readSettlements } from "../db/money.ts";
import { emptyShift, readShifts } from "../db/shifts.ts";
import { ApiError, unwrap } from "../errors.ts";
import { requireEarlierEvent } from "../http/earlierEvent.ts";
import { earlierEventQuerySchema, settlementBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

/** The event a settlement request is about: the current one, or an earlier one (admin only). */
async function settlementEvent(c: Context<AppEnv>, earlier: string | undefined) {
  if (earlier === undefined) return eventDb(c.env);
  if (!can(c.var.session.role, "settlement.record")) throw new ApiError("FORBIDDEN", "only an admin reads an earlier event's cash", "query.event");
  return { db: await requireEarlierEvent(c.env, earlier), eventId: earlier };
}

export const settlementRoutes = new Hono<AppEnv>()
  .get("/settlement", requireRole("settlement.read"), valid("query", earlierEventQuerySchema), async (c) => {
    const session = c.var.session;
    const { db, eventId } = await settlementEvent(c, c.req.valid("query").event);
    if (can(session.role, "settlement.record")) return c.json({ waiters: await readShifts(db, eventId) });
    const own = await readShifts(db, eventId, session.name);
    return c.json({ waiters: own.length ? own : [emptyShift(session.name)] });
  })
  .post("/settlements", requireRole("settlement.record"), valid("query", earlierEventQuerySchema), valid("json", settlementBodySchema), async (c) => {
    const body = c.req.valid("json");
    const earlier = c.req.valid("query").event;
    if (earlier !== undefined) await requireEarlierEvent(c.env, earlier);
    const target = earlier === undefined ? coordinator(c.env) : coordinatorOf(c.env, earlier);
    const { settlement, replay } = unwrap(await target.run("settle", c.var.session, { body }));
    return c.json({ settlement, replay }, replay ? 200 : 201);
  })
  .get("/settlements", requireRole("settlement.record"), valid("query", earlierEventQuerySchema), async (c) => {
    const { db, eventId } = await settlementEvent(c, c.req.valid("query").event);
    return c.json({ settlements: await readSettlements(db, eventId) });
  })
  .get("/audit", requireRole("settlement.record"), async (c) => {
    const { db, eventId } = eventDb(c.env);
    return c.json({ entries: await readAudit(db, eventId) });
  });
