// Printing (issue 21): the printers' states, a printer's job list, reprint and cancel (stations and
// /admin), a ticket printed again (station), and a payment's guest receipt, printed (the waiter who
// took it, or the admin) or shown as a page. Changes go through the coordinator; lists read D1.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { eventDb } from "../db/eventDb.ts";
import { readJobs } from "../db/printJobs.ts";
import { readPayment } from "../db/money.ts";
import { ApiError, unwrap } from "../errors.ts";
import { receiptDocument } from "../print/documents.ts";
import { previewLines } from "../print/layout/index.ts";
import { printerById, receiptPrinter } from "../print/printers.ts";
import { uuidSchema } from "../schemas.ts";
import { printerIdSchema, printJobIdSchema, printRequestBodySchema, receiptQuerySchema, receiptRequestBodySchema, ticketIdSchema } from "../schemas/print.ts";
import { valid } from "../validate.ts";

const jobParam = z.object({ id: printJobIdSchema });
const paymentParam = z.object({ paymentId: uuidSchema });

export const printRoutes = new Hono<AppEnv>()
  .get("/printers", requireRole("ticket.bump"), async (c) => c.json({ printers: await coordinator(c.env).printers() }))
  .get("/print-jobs", requireRole("ticket.bump"), valid("query", z.strictObject({ printer: printerIdSchema.optional() })), async (c) => {
    const { printer } = c.req.valid("query");
    if (printer && !printerById(loadEvent(c.env).config, printer)) throw new ApiError("NOT_FOUND", `unknown printer "${printer}"`, "query.printer");
    const { db, eventId } = eventDb(c.env);
    return c.json({ jobs: await readJobs(db, eventId, printer) });
  })
  .post("/print-jobs/:id/reprint", requireRole("ticket.bump"), valid("param", jobParam), valid("json", printRequestBodySchema), async (c) => {
    const input = { jobId: c.req.valid("param").id, id: c.req.valid("json").id };
    const { job, replay } = unwrap(await coordinator(c.env).run("reprintJob", c.var.session, input));
    return c.json({ job, replay }, replay ? 200 : 201);
  })
  .post("/print-jobs/:id/cancel", requireRole("ticket.bump"), valid("param", jobParam), async (c) => {
    const { job, replay } = unwrap(await coordinator(c.env).run("cancelPrintJob", c.var.session, { jobId: c.req.valid("param").id }));
    return c.json({ job, replay });
  })
  .post("/tickets/:ticketId/print", requireRole("ticket.bump"), valid("param", z.object({ ticketId: ticketIdSchema })), valid("json", printRequestBodySchema), async (c) => {
    const input = { ticketId: c.req.valid("param").ticketId, id: c.req.valid("json").id };
    const { job, replay } = unwrap(await coordinator(c.env).run("printTicket", c.var.session, input));
    return c.json({ job, replay }, replay ? 200 : 201);
  })
  .post("/payments/:paymentId/receipt", requireRole("payment.take"), valid("param", paymentParam), valid("json", receiptRequestBodySchema), async (c) => {
    const input = { paymentId: c.req.valid("param").paymentId, ...c.req.valid("json") };
    const { job, replay } = unwrap(await coordinator(c.env).run("requestReceipt", c.var.session, input));
    return c.json({ job, replay }, replay ? 200 : 201);
  })
  .get("/payments/:paymentId/receipt", requireRole("payment.take"), valid("param", paymentParam), valid("query", receiptQuerySchema), async (c) => {
    const { db, eventId } = eventDb(c.env);
    const stored = await readPayment(db, eventId, c.req.valid("param").paymentId);
    const session = c.var.session;
    if (!stored || (session.role !== "admin" && stored.payment.waiter !== session.name))
      throw new ApiError("NOT_FOUND", "no payment of yours with this id", "param.paymentId");
    const config = loadEvent(c.env).config;
    const receipt = receiptDocument(config, stored.payment, c.req.valid("query").business === "1");
    const lines = previewLines(receipt, { width: receiptPrinter(config)?.width ?? 48, language: config.language, currency: config.currency });
    return c.json({ receipt, lines });
  });
