// Station actions on tickets (bump, undo, per item or whole; pickup) and the ticket history.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { coordinator } from "../coordinator/stub.ts";
import type { TicketAction } from "../domain/tickets.ts";
import { unwrap } from "../errors.ts";
import { requireStation } from "../config/event.ts";
import { eventDb } from "../db/eventDb.ts";
import { searchTickets } from "../db/tickets.ts";
import { MAX_ORDER_LINES } from "../protocol.ts";
import { ticketQuerySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

const ticketParam = z.object({ id: z.string().min(1).max(120) });
const itemParam = ticketParam.extend({
  line: z
    .string()
    .regex(/^[0-9]{1,3}$/, "must be a line number")
    .transform(Number)
    .refine((n) => n < MAX_ORDER_LINES, "must be a line number below 100"),
});

export const ticketRoutes = new Hono<AppEnv>()
  .get("/tickets", requireRole("read"), valid("query", ticketQuerySchema), async (c) => {
    const query = c.req.valid("query");
    requireStation(c.env, query.station, "query.station");
    const { db, eventId } = eventDb(c.env);
    return c.json({ tickets: await searchTickets(db, eventId, query) });
  });

function ticketActionRoute(path: string, permission: "ticket.bump" | "ticket.pickup", action: TicketAction["type"]) {
  if (action === "item.bump" || action === "item.undo") {
    ticketRoutes.post(path, requireRole(permission), valid("param", itemParam), async (c) => {
      const { id, line } = c.req.valid("param");
      return c.json(unwrap(await coordinator(c.env).run("ticketAction", c.var.session, { ticketId: id, action: { type: action, line } })));
    });
  } else {
    ticketRoutes.post(path, requireRole(permission), valid("param", ticketParam), async (c) => {
      return c.json(unwrap(await coordinator(c.env).run("ticketAction", c.var.session, { ticketId: c.req.valid("param").id, action: { type: action } })));
    });
  }
}

ticketActionRoute("/tickets/:id/bump", "ticket.bump", "ticket.bump");
ticketActionRoute("/tickets/:id/undo", "ticket.bump", "ticket.undo");
ticketActionRoute("/tickets/:id/pickup", "ticket.pickup", "ticket.pickup");
ticketActionRoute("/tickets/:id/items/:line/bump", "ticket.bump", "item.bump");
ticketActionRoute("/tickets/:id/items/:line/undo", "ticket.bump", "item.undo");
