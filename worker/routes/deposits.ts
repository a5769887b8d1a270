// Glasses out and back per deposit product, so that "Pfand zurück" on the phone offers only what can
// come back. Read straight from D1 (not through the coordinator); the pay command checks the same
// figures again inside its chain, so a phone that shows old figures is still refused.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { eventDb } from "../db/eventDb.ts";
import { readDepositBalances } from "../db/deposits.ts";

export const depositRoutes = new Hono<AppEnv>().get("/deposits", requireRole("payment.take"), async (c) => {
  const { db, eventId } = eventDb(c.env);
  const balances = await readDepositBalances(db, eventId);
  return c.json({ deposits: [...balances.values()].sort((a, b) => a.product.localeCompare(b.product)) });
});
