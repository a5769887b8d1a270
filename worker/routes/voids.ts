// Voids (Storno): a waiter types the admin PIN for each one; an admin's session is enough.
// `?event=<id>` voids on a bill an earlier event left open (http/earlierEvent.ts).
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { adminApproval } from "../auth/adminApproval.ts";
import { readVoid } from "../db/money.ts";
import { moneyCoordinator } from "../http/earlierEvent.ts";
import { ApiError, unwrap } from "../errors.ts";
import { earlierEventQuerySchema, voidBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const voidRoutes = new Hono<AppEnv>().post("/voids", requireRole("item.void"), valid("query", earlierEventQuerySchema), valid("json", voidBodySchema), async (c) => {
  const { adminPin, ...body } = c.req.valid("json");
  const approvedBy = await adminApproval(c, adminPin);
  if (approvedBy === undefined) throw new ApiError("FORBIDDEN", "a void needs the admin PIN", "adminPin");
  const target = await moneyCoordinator(c.env, c.req.valid("query").event, (db, eventId) => readVoid(db, eventId, body.id));
  const result = unwrap(await target.run("voidItem", c.var.session, { body, approvedBy }));
  return c.json({ void: result.void, replay: result.replay }, result.replay ? 200 : 201);
});
