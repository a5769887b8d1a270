// Each waiter's cash: the current shift's figures (a waiter sees their own), storing a settlement,
// the settlements so far, and the audit list of voids and reversals.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { can } from "../auth/permissions.ts";
import { coordinator } from "../coordinator/stub.ts";
import { eventDb } from "../db/eventDb.ts";
import { readAudit, readSettlements } from "../db/money.ts";
import { emptyShift, readShifts } from "../db/shifts.ts";
import { unwrap } from "../errors.ts";
import { settlementBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const settlementRoutes = new Hono<AppEnv>()
  .get("/settlement", requireRole("settlement.read"), async (c) => {
    const session = c.var.session;
    const { db, eventId } = eventDb(c.env);
    if (can(session.role, "settlement.record")) return c.json({ waiters: await readShifts(db, eventId) });
    const own = await readShifts(db, eventId, session.name);
    return c.json({ waiters: own.length ? own : [emptyShift(session.name)] });
  })
  .post("/settlements", requireRole("settlement.record"), valid("json", settlementBodySchema), async (c) => {
    const body = c.req.valid("json");
    const { settlement, replay } = unwrap(await coordinator(c.env).run("settle", c.var.session, { body }));
    return c.json({ settlement, replay }, replay ? 200 : 201);
  })
  .get("/settlements", requireRole("settlement.record"), async (c) => {
    const { db, eventId } = eventDb(c.env);
    return c.json({ settlements: await readSettlements(db, eventId) });
  })
  .get("/audit", requireRole("settlement.record"), async (c) => {
    const { db, eventId } = eventDb(c.env);
    return c.json({ entries: await readAudit(db, eventId) });
  });
