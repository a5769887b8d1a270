// Printing a ticket again from the station screen: its open lines at its station's printer, marked
// "Nachdruck". Exactly once by the id the screen made.
import type { Command } from "../command.ts";
import { hashText } from "../command.ts";
import { readJob, readWaitingCounts, type StoredJob } from "../../db/printJobs.ts";
import { readOrder } from "../../db/orders.ts";
import { requestedJob, ticketDocument } from "../../print/documents.ts";
import { stationPrinting } from "../../print/printers.ts";
import { noPrinter, requestedJobPlan, type JobResult } from "./printCommon.ts";
import { fail } from "../../errors.ts";
import { parseTicketId, type Order } from "../../protocol.ts";

export interface PrintTicketInput {
  ticketId: string;
  id: string;
}
interface PrintTicketData {
  existing: StoredJob | undefined;
  order: Order | undefined;
  counts: Map<string, number>;
}

export const printTicket: Command<PrintTicketInput, PrintTicketData, JobResult> = {
  permission: "ticket.bump",

  hash: ({ ticketId }) => hashText(JSON.stringify(["print-ticket", ticketId])),

  async load({ db, event }, _state, { ticketId, id }) {
    const eventId = event.config.id;
    const orderId = parseTicketId(ticketId)?.orderId;
    const [existing, order, counts] = await Promise.all([readJob(db, eventId, id), orderId ? readOrder(db, eventId, orderId) : undefined, readWaitingCounts(db, eventId)]);
    return { existing, order, counts };
  },

  decide(ctx, state, { ticketId, id }, { existing, order, counts }) {
    return requestedJobPlan(ctx, state, existing, counts, (seq) => {
      const ticket = order?.tickets.find((t) => t.id === ticketId);
      if (!order || !ticket) return fail("NOT_FOUND", `no ticket "${ticketId}"`, "param.ticketId");
      const printing = stationPrinting(ctx.event.config, ticket.station);
      if (!printing) return noPrinter(`station "${ticket.station}"`);
      const document = ticketDocument(ctx.event.config, order, ticket, { reason: "request" });
      return requestedJob(ctx.event.config, { id, printer: printing.printer.id, document, orderId: order.id, ticketId, paymentId: null, seq, createdAt: ctx.now, bodyHash: ctx.requestHash });
    });
  },

  async afterCommit(plan, ctx) {
    ctx.print.kick([plan.result.job.printer]);
  },
};
