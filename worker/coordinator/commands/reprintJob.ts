// Printing a stored job again (a station screen or /admin): a new job with the same document, at
// the same printer; a ticket says "Nachdruck". Exactly once by the id the screen made.
import type { Command } from "../command.ts";
import { hashText } from "../command.ts";
import { readJob, readWaitingCounts, type StoredJob } from "../../db/printJobs.ts";
import { reprintDocument, requestedJob } from "../../print/documents.ts";
import { printerById } from "../../print/printers.ts";
import { noPrinter, requestedJobPlan, type JobResult } from "./printCommon.ts";
import { fail } from "../../errors.ts";

export interface ReprintJobInput {
  jobId: string;
  /** The new job's id (a UUID the screen made). */
  id: string;
}
interface ReprintData {
  existing: StoredJob | undefined;
  original: StoredJob | undefined;
  counts: Map<string, number>;
}

export const reprintJob: Command<ReprintJobInput, ReprintData, JobResult> = {
  permission: "ticket.bump",

  hash: ({ jobId }) => hashText(JSON.stringify(["reprint", jobId])),

  async load({ db, event }, _state, { jobId, id }) {
    const eventId = event.config.id;
    const [existing, original, counts] = await Promise.all([readJob(db, eventId, id), readJob(db, eventId, jobId), readWaitingCounts(db, eventId)]);
    return { existing, original, counts };
  },

  decide(ctx, state, { jobId, id }, { existing, original, counts }) {
    return requestedJobPlan(ctx, state, existing, counts, (seq) => {
      if (!original) return fail("NOT_FOUND", `no print job "${jobId}"`, "param.id");
      const o = original.job;
      if (!printerById(ctx.event.config, o.printer)) return noPrinter(`printer "${o.printer}"`);
      return requestedJob(ctx.event.config, {
        id,
        printer: o.printer,
        document: reprintDocument(original.document),
        orderId: o.orderId,
        ticketId: o.ticketId,
        paymentId: o.paymentId,
        seq,
        createdAt: ctx.now,
        bodyHash: ctx.requestHash,
      });
    });
  },

  async afterCommit(plan, ctx) {
    ctx.print.kick([plan.result.job.printer]);
  },
};
