// Voids (Storno): a waiter types the admin PIN for each one; an admin's session is enough.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { adminApproval } from "../auth/adminApproval.ts";
import { coordinator } from "../coordinator/stub.ts";
import { ApiError, unwrap } from "../errors.ts";
import { voidBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const voidRoutes = new Hono<AppEnv>().post("/voids", requireRole("item.void"), valid("json", voidBodySchema), async (c) => {
  const { adminPin, ...body } = c.req.valid("json");
  const approvedBy = await adminApproval(c, adminPin);
  if (approvedBy === undefined) throw new ApiError("FORBIDDEN", "a void needs the admin PIN", "adminPin");
  const result = unwrap(await coordinator(c.env).run("voidItem", c.var.session, { body, approvedBy }));
  return c.json({ void: result.void, replay: result.replay }, result.replay ? 200 : 201);
});
