// Reading the event: its settings and layout, the menu with availability, the tables and their bills.
// The menu and the table map come from the coordinator's memory (it keeps both up to date with
// every command; the map is kept a moment in the worker too, http/tablesCache.ts); a table's
// orders and its bill read D1 directly, indexed by table.
// The box's events: the list, and starting the next one (same venue and menu, new id and name),
// which is refused while tables have open items unless the organiser keeps them payable; those
// bills of earlier events are listed (GET /open-bills) and read with the bill's `?event=`.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent, requireBill, useCurrentEvent } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { tableStates } from "../domain/tables.ts";
import { openDb } from "../db/client.ts";
import { readOrdersOnTable, readTableOrders } from "../db/orders.ts";
import { readWithSeq } from "../db/changes.ts";
import { unwrap } from "../errors.ts";
import { listEvents } from "../db/events.ts";
import { readBill } from "../db/bills.ts";
import { eventDb } from "../db/eventDb.ts";
import { readEarlierOpenBills } from "../db/openBills.ts";
import { requireEarlierOpenEvent } from "../http/earlierEvent.ts";
import { readTables } from "../http/tablesCache.ts";
import { earlierEventQuerySchema, newEventBodySchema, tableNameSchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const tableParam = z.object({ name: z.string().min(1).max(16) });
/** A table of the map or a counter order's own bill ("#" + the order's id): either can be opened, paid and voided. */
const billParam = z.object({ name: tableNameSchema });

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
    const event = loadEvent(c.env);
    const tables = await readTables(event.config.id, async () => (await coordinator(c.env).tables()).tables);
    return c.json({ tables: tableStates(event, new Map(tables.map(({ name, ...figures }) => [name, figures]))) });
  })
  // A table the phone opens: its open orders whole, and the seq they are as of.
  .get("/tables/:name", requireRole("read"), valid("param", billParam), async (c) => {
    const table = requireBill(c.env, c.req.valid("param").name);
    const { db, eventId } = eventDb(c.env);
    const { seq, value } = await readWithSeq(db, eventId, (inBatch) => readOrdersOnTable(inBatch, eventId, table));
    return c.json({ table, seq, orders: [...value.values()] });
  })
  .get("/tables/:name/orders", requireRole("read"), valid("param", billParam), async (c) => {
    const table = requireBill(c.env, c.req.valid("param").name);
    const { db, eventId } = eventDb(c.env);
    return c.json({ table, orders: await readTableOrders(db, eventId, table) });
  })
  .get("/tables/:name/bill", requireRole("read"), valid("param", billParam), valid("query", earlierEventQuerySchema), async (c) => {
    const table = requireBill(c.env, c.req.valid("param").name);
    const earlier = c.req.valid("query").event;
    if (earlier !== undefined) return c.json(await readBill(await requireEarlierOpenEvent(c.env, earlier), earlier, table));
    const { db, eventId } = eventDb(c.env);
    return c.json(await readBill(db, eventId, table));
  })
  // Earlier events of this box with open items, for the phones' "Still open from <event>".
  .get("/open-bills", requireRole("payment.take"), async (c) => {
    const { db, eventId } = eventDb(c.env);
    return c.json({ events: await readEarlierOpenBills(db, eventId) });
  })
  .get("/events", requireRole("event.start"), async (c) => {
    return c.json({ events: await listEvents(openDb(c.env.DB), loadEvent(c.env).config.id) });
  })
  .post("/events", requireRole("event.start"), valid("json", newEventBodySchema), async (c) => {
    // The coordinator of the event that ends checks for open bills, writes the switch and tells its
    // pages (event.started), all in its exclusive chain: an order placed meanwhile cannot slip past.
    const { event } = unwrap(await coordinator(c.env).run("startEvent", c.var.session, c.req.valid("json")));
    useCurrentEvent(c.env, event);
    return c.json({ event }, 201);
  });
