// Admins mark products sold out or give them a quota.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { coordinator } from "../coordinator/stub.ts";
import { unwrap } from "../errors.ts";
import { availabilityBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const availabilityRoutes = new Hono<AppEnv>().put(
  "/products/:product/availability",
  requireRole("availability.set"),
  valid("param", z.object({ product: z.string().min(1).max(48) })),
  valid("json", availabilityBodySchema),
  async (c) => {
    const input = { product: c.req.valid("param").product, body: c.req.valid("json") };
    const result = unwrap(await coordinator(c.env).run("setAvailability", c.var.session, input));
    return c.json({ availability: result.availability, menuVersion: result.menuVersion });
  },
);
