// Glasses out and back per deposit group (and per product), so that "Pfand zurück" on the phone
// offers only what can come back. Read straight from D1 (not through the coordinator), with the
// menu in use as stored in D1; the pay command checks the same figures again inside its chain, so a
// phone that shows old figures is still refused.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { eventDb } from "../db/eventDb.ts";
import { readDepositProducts } from "../db/deposits.ts";
import { readStoredMenu } from "../db/menus.ts";
import { loadEvent } from "../config/event.ts";
import { eventWithMenu } from "../menu/definition.ts";
import { depositBook, depositGroupsOf } from "../domain/depositGroups.ts";

export const depositRoutes = new Hono<AppEnv>().get("/deposits", requireRole("payment.take"), async (c) => {
  const { db, eventId } = eventDb(c.env);
  const [products, stored] = await Promise.all([readDepositProducts(db, eventId), readStoredMenu(db, eventId)]);
  const venue = loadEvent(c.env);
  const event = stored ? eventWithMenu(venue.config, { id: eventId, name: venue.config.name }, stored) : venue;
  const book = depositBook(products.values(), depositGroupsOf(event));
  return c.json({
    groups: [...book.groups.values()],
    deposits: [...book.products.values()].sort((a, b) => a.product.localeCompare(b.product)),
  });
});
