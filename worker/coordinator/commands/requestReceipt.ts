// A guest receipt ("Beleg", or a "Bewirtungsbeleg" with the lines a guest fills in) for one payment,
// at the receipt printer: asked for by the waiter who took the payment or by the admin. Exactly
// once by the id the phone made; every copy shows the same receipt number.
import type { Command } from "../command.ts";
import { hashText } from "../command.ts";
import { readJob, readWaitingCounts, type StoredJob } from "../../db/printJobs.ts";
import { readPayment } from "../../db/money.ts";
import { receiptDocument, requestedJob } from "../../print/documents.ts";
import { receiptPrinter } from "../../print/printers.ts";
import { noPrinter, requestedJobPlan, type JobResult } from "./printCommon.ts";
import { fail } from "../../errors.ts";
import type { Payment } from "../../protocol.ts";

export interface RequestReceiptInput {
  paymentId: string;
  id: string;
  business: boolean;
}
interface ReceiptData {
  existing: StoredJob | undefined;
  payment: Payment | undefined;
  counts: Map<string, number>;
}

export const requestReceipt: Command<RequestReceiptInput, ReceiptData, JobResult> = {
  permission: "payment.take",

  hash: ({ paymentId, business }) => hashText(JSON.stringify(["receipt", paymentId, business])),

  async load({ db, event }, _state, { paymentId, id }) {
    const eventId = event.config.id;
    const [existing, stored, counts] = await Promise.all([readJob(db, eventId, id), readPayment(db, eventId, paymentId), readWaitingCounts(db, eventId)]);
    return { existing, payment: stored?.payment, counts };
  },

  decide(ctx, state, { paymentId, id, business }, { existing, payment, counts }) {
    return requestedJobPlan(ctx, state, existing, counts, (seq) => {
      if (!payment) return fail("NOT_FOUND", `no payment "${paymentId}"`, "param.paymentId");
      if (ctx.actor.role !== "admin" && payment.waiter !== ctx.actor.name) return fail("FORBIDDEN", "only the waiter who took this payment (or the admin) may print its receipt", "param.paymentId");
      if (payment.reversal) return fail("NOT_OPEN", "this payment was reversed; it has no receipt", "param.paymentId");
      const printer = receiptPrinter(ctx.event.config);
      if (!printer) return noPrinter("payment.receipt_printer");
      const document = receiptDocument(ctx.event.config, payment, business);
      return requestedJob(ctx.event.config, { id, printer: printer.id, document, orderId: null, ticketId: null, paymentId, seq, createdAt: ctx.now, bodyHash: ctx.requestHash });
    });
  },

  async afterCommit(plan, ctx) {
    ctx.print.kick([plan.result.job.printer]);
  },
};
