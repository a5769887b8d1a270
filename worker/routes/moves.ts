// Moving open items, or the whole table, to another table.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { coordinator } from "../coordinator/stub.ts";
import { unwrap } from "../errors.ts";
import { moveBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";
import { z } from "zod";

/** A table's name, or a counter order's bill ("#" and a UUID), which the command refuses with a clear answer. */
const moveParam = z.object({ name: z.string().min(1).max(37) });

export const moveRoutes = new Hono<AppEnv>().post(
  "/tables/:name/move",
  requireRole("table.move"),
  valid("param", moveParam),
  valid("json", moveBodySchema),
  async (c) => {
    const from = c.req.valid("param").name;
    const body = c.req.valid("json");
    const { move, replay } = unwrap(await coordinator(c.env).run("moveItems", c.var.session, { from, body }));
    return c.json({ move, replay }, replay ? 200 : 201);
  },
);
