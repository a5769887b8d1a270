// Placing an order (exactly once by its id) and reading one back.
import { Hono } from "hono";
import { z } from "zod";
import { refuseOverLineLimit, requireRole, type AppEnv } from "../auth/session.ts";
import { coordinator } from "../coordinator/stub.ts";
import { eventDb } from "../db/eventDb.ts";
import { readOrder } from "../db/orders.ts";
import { ApiError, unwrap } from "../errors.ts";
import { placeOrderBodySchema, uuidSchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const orderRoutes = new Hono<AppEnv>()
  .post("/orders", requireRole("order.place"), valid("json", placeOrderBodySchema), async (c) => {
    const body = c.req.valid("json");
    refuseOverLineLimit(c, body.items.length);
    const { order, replay } = unwrap(await coordinator(c.env).run("placeOrder", c.var.session, { body }));
    return c.json({ order, replay }, replay ? 200 : 201);
  })
  .get("/orders/:id", requireRole("read"), valid("param", z.object({ id: uuidSchema })), async (c) => {
    const id = c.req.valid("param").id;
    const { db, eventId } = eventDb(c.env);
    const order = await readOrder(db, eventId, id);
    if (!order) throw new ApiError("NOT_FOUND", `no order "${id}"`, "param.id");
    return c.json({ order });
  });
