// Reading the event: its settings and layout, the menu with availability, the tables and their bills.
// Only the menu asks the coordinator (it holds the menu version); the rest reads D1 directly.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent, requireTable } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { tableStates } from "../coordinator/tables.ts";
import { readTableOrders } from "../db/queries.ts";
import { readBill, readTableFigures } from "../db/bills.ts";
import { eventDb } from "../db/eventDb.ts";
import { valid } from "../validate.ts";

export const tableParam = z.object({ name: z.string().min(1).max(16) });

export const eventRoutes = new Hono<AppEnv>()
  // What the login page needs before anyone has logged in: the event's name and language, so that
  // every page speaks the event's language from the first screen. Nothing else is public.
  .get("/event/public", (c) => {
    const { name, language } = loadEvent(c.env).info;
    return c.json({ name, language });
  })
  .get("/event", requireRole("read"), (c) => c.json(loadEvent(c.env).info))
  .get("/menu", requireRole("read"), async (c) => c.json(await coordinator(c.env).menu()))
  .get("/tables", requireRole("read"), async (c) => {
    const { db, eventId } = eventDb(c.env);
    return c.json({ tables: tableStates(loadEvent(c.env), await readTableFigures(db, eventId)) });
  })
  .get("/tables/:name/orders", requireRole("read"), valid("param", tableParam), async (c) => {
    const table = requireTable(c.env, c.req.valid("param").name);
    const { db, eventId } = eventDb(c.env);
    return c.json({ table, orders: await readTableOrders(db, eventId, table) });
  })
  .get("/tables/:name/bill", requireRole("read"), valid("param", tableParam), async (c) => {
    const table = requireTable(c.env, c.req.valid("param").name);
    const { db, eventId } = eventDb(c.env);
    return c.json(await readBill(db, eventId, table));
  });
