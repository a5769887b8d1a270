// The print jobs' queries (issue 21): the rows a command writes in its batch, the state changes
// of the coordinator's sender, a printer's queue in order, and the job lists of /admin and the
// station screens. Reads of lists run outside the coordinator (reads never queue behind writes).
import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import * as schema from "./schema.ts";
import { chunk, type Db, type Statement } from "./client.ts";
import type { NewJob } from "../print/documents.ts";
import type { PrintDocument, PrintJob, PrintJobState, PrintKind } from "../protocol.ts";

const t = schema.printJobs;
type Row = typeof t.$inferSelect;

export function jobOf(r: Row): PrintJob {
  return {
    id: r.id,
    printer: r.printer,
    printedBy: r.printedBy,
    kind: r.kind as PrintKind,
    state: r.state as PrintJobState,
    createdAt: r.createdAt,
    printedAt: r.printedAt,
    attempts: r.attempts,
    lastError: r.lastError,
    orderId: r.orderId,
    ticketId: r.ticketId,
    paymentId: r.paymentId,
    title: r.title,
  };
}

/** A job with what sending or reprinting it needs. */
export interface StoredJob {
  job: PrintJob;
  document: PrintDocument;
  bodyHash: string;
  seq: number;
  part: number;
}
const storedOf = (r: Row): StoredJob => ({ job: jobOf(r), document: JSON.parse(r.document) as PrintDocument, bodyHash: r.bodyHash, seq: r.seq, part: r.part });

/** New jobs, `waiting`, in the batch of the command that causes them. */
export function insertJobs(db: Db, eventId: string, jobs: readonly NewJob[]): Statement[] {
  const rows = jobs.map((j) => ({
    id: j.id,
    eventId,
    seq: j.seq,
    part: j.part,
    printer: j.printer,
    kind: j.kind,
    state: "waiting",
    document: JSON.stringify(j.document),
    title: j.title,
    orderId: j.orderId,
    ticketId: j.ticketId,
    paymentId: j.paymentId,
    createdAt: j.createdAt,
    bodyHash: j.bodyHash,
  }));
  // drizzle binds every column of the table (18), defaults included: D1's limit of 100 parameters per statement.
  return chunk(rows, Object.keys(getTableColumns(t)).length).map((part) => db.insert(t).values(part));
}

/** A new job as the API shows it before it is stored. */
export function newJobView(j: NewJob): PrintJob {
  return { id: j.id, printer: j.printer, printedBy: null, kind: j.kind, state: "waiting", createdAt: j.createdAt, printedAt: null, attempts: 0, lastError: null, orderId: j.orderId, ticketId: j.ticketId, paymentId: j.paymentId, title: j.title };
}

/** A job's state after a change (the sender's, a cancel). */
export function updateJob(db: Db, job: PrintJob): Statement {
  return db
    .update(t)
    .set({ state: job.state, printedBy: job.printedBy, printedAt: job.printedAt, attempts: job.attempts, lastError: job.lastError })
    .where(eq(t.id, job.id));
}

export async function readJob(db: Db, eventId: string, id: string): Promise<StoredJob | undefined> {
  const row = await db.select().from(t).where(eq(t.id, id)).get();
  return row && row.eventId === eventId ? storedOf(row) : undefined;
}

export async function readJobsByIds(db: Db, eventId: string, ids: string[]): Promise<Map<string, PrintJob>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(t).where(and(eq(t.eventId, eventId), inArray(t.id, ids)));
  return new Map(rows.map((r) => [r.id, jobOf(r)]));
}

/** The newest jobs (at most `limit`), of one printer if named (meant for it or printed by it). */
export async function readJobs(db: Db, eventId: string, printer: string | undefined, limit = 200): Promise<PrintJob[]> {
  const where = printer ? and(eq(t.eventId, eventId), sql`(${t.printer} = ${printer} OR ${t.printedBy} = ${printer})`) : eq(t.eventId, eventId);
  const rows = await db.select().from(t).where(where).orderBy(desc(t.seq), desc(t.part)).limit(limit);
  return rows.map(jobOf);
}

/** The printer's next job to send: the oldest waiting one. */
export async function readNextJob(db: Db, eventId: string, printer: string): Promise<StoredJob | undefined> {
  const row = await db
    .select()
    .from(t)
    .where(and(eq(t.eventId, eventId), eq(t.printer, printer), eq(t.state, "waiting")))
    .orderBy(asc(t.seq), asc(t.part))
    .limit(1)
    .get();
  return row && storedOf(row);
}

/** The printer's waiting jobs made before `before` (too old to print now: they become `stale`). */
export async function readWaitingBefore(db: Db, eventId: string, printer: string, before: number): Promise<PrintJob[]> {
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.eventId, eventId), eq(t.printer, printer), eq(t.state, "waiting"), sql`${t.createdAt} < ${before}`))
    .limit(100);
  return rows.map(jobOf);
}

/** How many jobs wait per printer (waiting or being sent). */
export async function readWaitingCounts(db: Db, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ printer: t.printer, n: sql<number>`count(*)` })
    .from(t)
    .where(and(eq(t.eventId, eventId), inArray(t.state, ["waiting", "sending"])))
    .groupBy(t.printer);
  return new Map(rows.map((r) => [r.printer, r.n]));
}

/** Jobs in one state (the start's `sending` ones, which become `unsure`). */
export async function readJobsInState(db: Db, eventId: string, state: PrintJobState): Promise<PrintJob[]> {
  const rows = await db.select().from(t).where(and(eq(t.eventId, eventId), eq(t.state, state)));
  return rows.map(jobOf);
}

/** The ids of these tickets that have printed (a ticket or its Bons): the small printer mark on the station screen. */
export async function readPrintedTickets(db: Db, ticketIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const ids of chunk(ticketIds, 1)) {
    const rows = await db
      .selectDistinct({ ticketId: t.ticketId })
      .from(t)
      .where(and(inArray(t.ticketId, ids), eq(t.state, "printed"), inArray(t.kind, ["ticket", "bon"])));
    for (const r of rows) if (r.ticketId) out.add(r.ticketId);
  }
  return out;
}
