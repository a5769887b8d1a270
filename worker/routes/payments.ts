// Payments at the table (exactly once by the id the phone made), the list of payments, and an
// admin's reversal. `?event=<id>` pays a bill an earlier event left open (http/earlierEvent.ts).
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { can } from "../auth/permissions.ts";
import { adminApproval } from "../auth/adminApproval.ts";
import { coordinator } from "../coordinator/stub.ts";
import { moneyCoordinator } from "../http/earlierEvent.ts";
import { eventDb } from "../db/eventDb.ts";
import { readPayment, readPayments } from "../db/money.ts";
import { unwrap } from "../errors.ts";
import { earlierEventQuerySchema, payBodySchema, paymentQuerySchema, reverseBodySchema, uuidSchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const paymentRoutes = new Hono<AppEnv>()
  .post("/payments", requireRole("payment.take"), valid("query", earlierEventQuerySchema), valid("json", payBodySchema), async (c) => {
    // The admin PIN (for a free payment or a large tip) is checked here and goes no further.
    const { adminPin, ...body } = c.req.valid("json");
    const approvedBy = await adminApproval(c, adminPin);
    const target = await moneyCoordinator(c.env, c.req.valid("query").event, (db, eventId) => readPayment(db, eventId, body.id));
    const { payment, replay } = unwrap(await target.run("pay", c.var.session, { body, approvedBy }));
    return c.json({ payment, replay }, replay ? 200 : 201);
  })
  .get("/payments", requireRole("settlement.read"), valid("query", paymentQuerySchema), async (c) => {
    const filter = c.req.valid("query");
    // A waiter sees only their own payments.
    const waiter = can(c.var.session.role, "payment.reverse") ? filter.waiter : c.var.session.name;
    const { db, eventId } = eventDb(c.env);
    return c.json({ payments: await readPayments(db, eventId, { table: filter.table, waiter }) });
  })
  .post("/payments/:id/reverse", requireRole("payment.reverse"), valid("param", z.object({ id: uuidSchema })), valid("json", reverseBodySchema), async (c) => {
    const input = { id: c.req.valid("param").id, reason: c.req.valid("json").reason };
    const { payment, replay } = unwrap(await coordinator(c.env).run("reversePayment", c.var.session, input));
    return c.json({ payment, replay });
  });
