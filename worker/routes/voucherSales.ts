// Vouchers sold at a cash desk (issue 22): selling them (exactly once by the id the desk made),
// the list (a waiter sees their own), and an admin's reversal.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { can } from "../auth/permissions.ts";
import { coordinator } from "../coordinator/stub.ts";
import { eventDb } from "../db/eventDb.ts";
import { readVoucherSales } from "../db/voucherSales.ts";
import { unwrap } from "../errors.ts";
import { reverseBodySchema, uuidSchema } from "../schemas.ts";
import { voucherSaleBodySchema, voucherSaleQuerySchema } from "../schemas/voucherSales.ts";
import { valid } from "../validate.ts";

export const voucherSaleRoutes = new Hono<AppEnv>()
  .post("/voucher-sales", requireRole("payment.take"), valid("json", voucherSaleBodySchema), async (c) => {
    const { sale, replay } = unwrap(await coordinator(c.env).run("sellVouchers", c.var.session, { body: c.req.valid("json") }));
    return c.json({ sale, replay }, replay ? 200 : 201);
  })
  .get("/voucher-sales", requireRole("settlement.read"), valid("query", voucherSaleQuerySchema), async (c) => {
    // A waiter sees only their own sales.
    const waiter = can(c.var.session.role, "payment.reverse") ? c.req.valid("query").waiter : c.var.session.name;
    const { db, eventId } = eventDb(c.env);
    return c.json({ sales: await readVoucherSales(db, eventId, waiter) });
  })
  .post("/voucher-sales/:id/reverse", requireRole("payment.reverse"), valid("param", z.object({ id: uuidSchema })), valid("json", reverseBodySchema), async (c) => {
    const input = { id: c.req.valid("param").id, reason: c.req.valid("json").reason };
    const { sale, replay } = unwrap(await coordinator(c.env).run("reverseVoucherSale", c.var.session, input));
    return c.json({ sale, replay });
  });
