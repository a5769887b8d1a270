// Print jobs (issue 21): one row per ticket, Bon, Storno slip or receipt on its way to a printer.
// A row is written in the same batch as the command that causes it (durable before visible,
// DESIGN invariant 13) and then changes state as the coordinator's sender works (worker/print/).
// The row keeps the document, not its bytes: a reprint renders the same layout again.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

export const printJobs = sqliteTable(
  "print_jobs",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    /** The seq of the command that made it, and its place among that command's jobs: a printer's jobs print in this order. */
    seq: integer("seq").notNull(),
    part: integer("part").notNull(),
    /** The printer it is meant for (config printers[].id). */
    printer: text("printer").notNull(),
    /** The printer that printed it (a fallback), once printed or while being sent. */
    printedBy: text("printed_by"),
    kind: text("kind").notNull(),
    /** waiting | sending | printed | unsure | stale | cancelled */
    state: text("state").notNull(),
    /** JSON: the PrintDocument. */
    document: text("document").notNull(),
    title: text("title").notNull(),
    orderId: text("order_id"),
    ticketId: text("ticket_id"),
    paymentId: text("payment_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    printedAt: integer("printed_at"),
    /** The hash of the request that made a job on its own (a reprint, a receipt): a replay or a conflict. "" for jobs of an order, void or move. */
    bodyHash: text("body_hash").notNull().default(""),
  },
  (t) => [
    index("print_jobs_queue").on(t.eventId, t.printer, t.state, t.seq, t.part),
    index("print_jobs_ticket").on(t.ticketId),
    index("print_jobs_payment").on(t.paymentId),
    index("print_jobs_event_created").on(t.eventId, t.createdAt),
  ],
);
