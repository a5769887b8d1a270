// Voids (Storno): a waiter types the admin PIN for each one; an admin's session is enough.
// `?event=<id>` voids on a bill an earlier event left open (http/earlierEvent.ts).
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { readVoid } from "../db/money.ts";
import { moneyCoordinator } from "../http/earlierEvent.ts";
import { ApiError, unwrap } from "../errors.ts";
import { APPROVED_BY_ADMIN_PIN } from "../protocol.ts";
import { earlierEventQuerySchema, voidBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const voidRoutes = new Hono<AppEnv>().post("/voids", requireRole("item.void"), valid("query", earlierEventQuerySchema), valid("json", voidBodySchema), async (c) => {
  const { adminPin, ...body } = c.req.valid("json");
  const session = c.var.session;
  let approvedBy = session.name;
  if (session.role !== "admin") {
    if (adminPin === undefined) throw new ApiError("FORBIDDEN", "a void needs the admin PIN", "adminPin");
    // A wrong PIN here counts against the same budget as a wrong login: it is a guess all the same.
    if ((await checkPin(c, adminPin, "adminPin")).role !== "admin") throw new ApiError("WRONG_PIN", "this is not the admin PIN", "adminPin");
    approvedBy = APPROVED_BY_ADMIN_PIN;
  }
  const target = await moneyCoordinator(c.env, c.req.valid("query").event, (db, eventId) => readVoid(db, eventId, body.id));
  const result = unwrap(await target.run("voidItem", session, { body, approvedBy }));
  return c.json({ void: result.void, replay: result.replay }, result.replay ? 200 : 201);
});
