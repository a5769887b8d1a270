// Reading the event: its settings and layout, the menu with availability, the tables.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { unwrap } from "../errors.ts";
import { valid } from "../validate.ts";

export const eventRoutes = new Hono<AppEnv>()
  .get("/event", requireRole("read"), (c) => c.json(loadEvent(c.env).info))
  .get("/menu", requireRole("read"), async (c) => c.json(await coordinator(c.env).menu()))
  .get("/tables", requireRole("read"), async (c) => c.json({ tables: await coordinator(c.env).tables() }))
  .get("/tables/:name/orders", requireRole("read"), valid("param", z.object({ name: z.string().min(1).max(16) })), async (c) => {
    const { orders } = unwrap(await coordinator(c.env).tableOrders(c.req.valid("param").name));
    return c.json({ table: c.req.valid("param").name, orders });
  });
