// Printers and print jobs as the screens show them (issue 21): the last answer of GET /printers
// (and on /admin GET /print-jobs per printer), brought up to date by the stream's `print.changed`
// frames. A station socket gets its printer's frames only; /admin gets all. Frames that arrive
// while a list is loading are applied again after it, so a reload never shows an older state.
import type { PrintChangedFrame, PrinterStatus, PrintJob, PrintJobState } from "../../../worker/protocol/print.ts";
import type { Ticket } from "../../../worker/protocol.ts";
import { api } from "./api.ts";

export { isPrintFrame } from "./printFrames.ts";

/**
 * A printer that needs someone: unreachable, out of paper, cover open. One not tried yet
 * ("unknown") is not: its first job is on its way, and a banner would only flash.
 */
export function printerTrouble(p: PrinterStatus): boolean {
  return p.state === "offline" || p.state === "paper_out" || p.state === "cover_open";
}

/** Jobs a person must decide on: printed or not after a restart (`unsure`), too old to print by itself (`stale`). */
export const DECIDE_STATES: readonly PrintJobState[] = ["unsure", "stale"];

/** How many jobs a printer's list keeps (the API answers at most 200, newest first). */
const JOBS_KEPT = 200;

export class PrintState {
  #printers = $state.raw(new Map<string, PrinterStatus>());
  #jobs = $state.raw(new Map<string, PrintJob>());
  #printedTickets = $state.raw(new Set<string>());
  #loading = 0;
  #during: PrintChangedFrame[] = [];

  /** Every printer known, in the order the server lists them. */
  get printers(): PrinterStatus[] {
    return [...this.#printers.values()];
  }

  /** A printer's jobs, newest first. */
  jobsOf(printer: string): PrintJob[] {
    return [...this.#jobs.values()].filter((j) => j.printer === printer).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  /** The ticket printed (its snapshot says so, or a job of it printed since). */
  printed(ticket: Ticket): boolean {
    return ticket.printed === true || this.#printedTickets.has(ticket.id);
  }

  /** Tickets whose printing a frame reported (kept with a screen's saved state across a reload). */
  get printedTicketIds(): string[] {
    return [...this.#printedTickets].slice(-500);
  }
  rememberPrinted(ids: readonly string[]): void {
    this.#printedTickets = new Set([...this.#printedTickets, ...ids]);
  }

  apply(frame: PrintChangedFrame): void {
    if (this.#loading > 0) this.#during.push(frame);
    this.#take(frame.printers, frame.jobs);
  }

  /** GET /printers: every printer's state (a station: the ones it may see). */
  async loadPrinters(): Promise<void> {
    await this.#load(async () => {
      const { printers } = await api<{ printers: PrinterStatus[] }>("GET", "/printers");
      this.#printers = new Map(printers.map((p) => [p.id, p]));
    });
  }

  /** GET /print-jobs?printer=: one printer's jobs, newest first. */
  async loadJobs(printer: string): Promise<void> {
    await this.#load(async () => {
      const { jobs } = await api<{ jobs: PrintJob[] }>("GET", `/print-jobs?printer=${encodeURIComponent(printer)}`);
      const next = new Map([...this.#jobs].filter(([, j]) => j.printer !== printer));
      for (const j of jobs) next.set(j.id, j);
      this.#jobs = next;
      this.#notePrinted(jobs);
    });
  }

  /** Every printer and each one's jobs (/admin). */
  async loadAll(): Promise<void> {
    await this.loadPrinters();
    await Promise.all(this.printers.map((p) => this.loadJobs(p.id)));
  }

  /**
   * A job the server answered (a reprint): shown at once unless a frame already told of it; the
   * frame may overtake the answer, and an answer's older state must not undo it.
   */
  noteJob(job: PrintJob): void {
    if (!this.#jobs.has(job.id)) this.#take([], [job]);
  }

  async #load(read: () => Promise<void>): Promise<void> {
    this.#loading++;
    try {
      await read();
    } finally {
      if (--this.#loading === 0) {
        const during = this.#during;
        this.#during = [];
        for (const f of during) this.#take(f.printers, f.jobs);
      }
    }
  }

  #take(printers: readonly PrinterStatus[], jobs: readonly PrintJob[]): void {
    if (printers.length) {
      const next = new Map(this.#printers);
      for (const p of printers) {
        const known = next.get(p.id);
        if (!known || known.since <= p.since) next.set(p.id, p);
      }
      this.#printers = next;
    }
    if (jobs.length) {
      const next = new Map(this.#jobs);
      for (const j of jobs) next.set(j.id, j);
      this.#jobs = next.size > JOBS_KEPT * Math.max(1, this.#printers.size) ? this.#trim(next) : next;
      this.#notePrinted(jobs);
    }
  }

  #notePrinted(jobs: readonly PrintJob[]): void {
    const fresh = jobs.filter((j) => j.state === "printed" && j.ticketId && !this.#printedTickets.has(j.ticketId));
    if (fresh.length) this.#printedTickets = new Set([...this.#printedTickets, ...fresh.map((j) => j.ticketId!)]);
  }

  /** Keeps each printer's newest JOBS_KEPT jobs, so a screen left open all evening stays small. */
  #trim(jobs: Map<string, PrintJob>): Map<string, PrintJob> {
    const kept = new Map<string, PrintJob>();
    const perPrinter = new Map<string, number>();
    for (const j of [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt)) {
      const n = perPrinter.get(j.printer) ?? 0;
      if (n >= JOBS_KEPT) continue;
      perPrinter.set(j.printer, n + 1);
      kept.set(j.id, j);
    }
    return kept;
  }
}

/** POST /tickets/:id/print: the ticket again at its station's printer. `id` is the new job's, made once per tap. */
export const printTicket = (ticket: string, id: string) => api<{ job: PrintJob }>("POST", `/tickets/${encodeURIComponent(ticket)}/print`, { id });
/** POST /print-jobs/:id/reprint: the same document again, as a new job with the client's `id`. */
export const reprintJob = (job: string, id: string) => api<{ job: PrintJob }>("POST", `/print-jobs/${encodeURIComponent(job)}/reprint`, { id });
/** POST /print-jobs/:id/cancel. */
export const cancelJob = (job: string) => api<{ job: PrintJob }>("POST", `/print-jobs/${encodeURIComponent(job)}/cancel`);
