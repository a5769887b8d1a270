// The coordinator's print queue (issue 21): per printer, in order, one job at a time. Jobs are D1
// rows; this object only remembers each printer's state and when to try again. Every state change
// goes through the coordinator as the printState command (so it is written and reaches the
// screens as print.changed): `sending` is stored before the first byte goes out and `printed` after
// the last; a failure leaves the job `waiting` with its attempts and error, and the Durable
// Object's alarm tries again with backoff (2 s doubling to 60 s), which survives restarts and
// hibernation. On the coordinator's start, jobs found `sending` become `unsure`: whether they
// printed is unknown, so they are never sent again by themselves. A printer with a `fallback`
// hands its jobs to that one while it is unreachable. A job older than printing.max_age_minutes
// becomes `stale` instead of printing late.
import type { EventConfig, PrinterConfig } from "../config/schema.ts";
import type { Db } from "../db/client.ts";
import { readJobsInState, readNextJob, readWaitingBefore, readWaitingCounts, type StoredJob } from "../db/printJobs.ts";
import type { PrintJob, PrintJobState } from "../protocol.ts";
import { renderDocument } from "./layout/index.ts";
import { printerById } from "./printers.ts";
import { sendToPrinter, type SendResult } from "./sender.ts";
import type { PrintHost, PrinterState } from "./status.ts";

export const BACKOFF = { firstMs: 2_000, maxMs: 60_000 };
/** A printer that is backing off tells the screens its waiting count at most this often. */
const ANNOUNCE_MS = 1_000;

export interface QueueHost {
  db: Db;
  eventId(): string;
  config(): EventConfig;
  /** Runs the printState command in the coordinator's chain; resolves with the ids it applied. */
  apply(jobs: { from: PrintJobState; job: PrintJob }[], printers: string[]): Promise<string[]>;
  /** Makes sure the alarm rings at `at` or earlier. */
  wakeAt(at: number): Promise<void>;
  waitUntil(work: Promise<unknown>): void;
}

type Change = { from: PrintJobState; job: PrintJob };

interface Printer {
  state: PrinterState;
  since: number;
  /** Not before this time (backoff after a failure). */
  retryAt: number;
  backoffMs: number;
  answersStatus: boolean;
}

export class PrintQueue implements PrintHost {
  private readonly host: QueueHost;
  private readonly printers = new Map<string, Printer>();
  /** Printers whose queue is being worked, and those kicked meanwhile (worked again after). */
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();
  /** One send at a time per physical printer (its own queue and a printer it stands in for). */
  private readonly lines = new Map<string, Promise<unknown>>();
  private started: Promise<void> | undefined;
  private readonly announcedAt = new Map<string, number>();
  private readonly announceTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(host: QueueHost) {
    this.host = host;
  }

  private printer(id: string): Printer {
    let p = this.printers.get(id);
    if (!p) this.printers.set(id, (p = { state: "unknown", since: Date.now(), retryAt: 0, backoffMs: 0, answersStatus: false }));
    return p;
  }

  state(id: string): { state: PrinterState; since: number } {
    const { state, since } = this.printer(id);
    return { state, since };
  }

  /** The coordinator started: `sending` jobs become `unsure`, then every printer with waiting jobs is worked. Once. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const cut = await readJobsInState(this.host.db, this.host.eventId(), "sending");
      if (cut.length) {
        const jobs = cut.map((job) => ({ from: "sending" as const, job: { ...job, state: "unsure" as const, lastError: "Neustart während des Sendens: gedruckt oder nicht?" } }));
        await this.host.apply(jobs, []);
      }
      const counts = await readWaitingCounts(this.host.db, this.host.eventId());
      this.kick(counts.keys());
    })().catch((error: unknown) => {
      this.started = undefined;
      console.error("print queue: start failed", error);
    });
    return this.started;
  }

  kick(ids: Iterable<string>): void {
    for (const id of new Set(ids)) {
      if (!printerById(this.host.config(), id)) continue;
      if (this.busy.has(id)) this.again.add(id);
      else this.host.waitUntil(this.work(id));
    }
  }

  /** The alarm rang: printers whose backoff is over are tried again; returns when the next try is due (or undefined). */
  async alarm(): Promise<number | undefined> {
    await this.start();
    const now = Date.now();
    const counts = await readWaitingCounts(this.host.db, this.host.eventId());
    const due = [...counts.keys()].filter((id) => this.printer(id).retryAt <= now);
    await Promise.all(due.map((id) => (this.busy.has(id) ? undefined : this.work(id))));
    return this.nextRetry(counts);
  }

  private nextRetry(counts: Map<string, number>): number | undefined {
    const times = [...counts.keys()].map((id) => this.printer(id).retryAt).filter((t) => t > Date.now());
    return times.length ? Math.min(...times) : undefined;
  }

  private async work(id: string): Promise<void> {
    this.busy.add(id);
    try {
      await this.start();
      do {
        this.again.delete(id);
        await this.drain(id);
      } while (this.again.has(id));
    } catch (error) {
      console.error(`print queue ${id}: failed`, error);
    } finally {
      this.busy.delete(id);
    }
  }

  /**
   * Sends the printer's waiting jobs in order until none is left or its printer (and fallback) fail.
   * A job's `printed` is stored in the same command as the next job's `sending` (one trip through
   * the coordinator's chain per job, not two); both are stored before the next job's bytes go out.
   */
  private async drain(id: string): Promise<void> {
    const config = this.host.config();
    const own = printerById(config, id);
    if (!own) return;
    const maxAgeMs = config.printing.max_age_minutes * 60_000;
    await this.markStale(config, id);
    let carry: Change[] = [];
    let carryPrinters: string[] = [];
    const flush = async (more: Change[] = [], printers: string[] = []) => {
      const applied = await this.host.apply([...carry, ...more], [...new Set([...carryPrinters, ...printers])]);
      carry = [];
      carryPrinters = [];
      return applied;
    };
    for (;;) {
      const stored = await readNextJob(this.host.db, this.host.eventId(), id);
      if (!stored) {
        if (carry.length || carryPrinters.length) await flush();
        return;
      }
      const { job } = stored;
      if (Date.now() - job.createdAt > maxAgeMs) {
        await flush([{ from: "waiting", job: { ...job, state: "stale", lastError: `wartete länger als ${config.printing.max_age_minutes} min` } }]);
        continue;
      }
      const target = this.target(config, own);
      if (!target) {
        // Backing off: the screens still learn how many wait now ("3 Bons warten"), at most once a second.
        if (carry.length || carryPrinters.length) await flush();
        await this.announce(id, flush);
        return this.retryLater(own);
      }
      const sending: PrintJob = { ...job, state: "sending", printedBy: target.id === id ? null : target.id, attempts: job.attempts + 1 };
      const applied = await flush([{ from: "waiting", job: sending }]);
      if (!applied.includes(job.id)) continue; // cancelled meanwhile
      const result = await this.send(target, stored, config);
      if (result.ok) {
        carry = [{ from: "sending", job: { ...sending, state: "printed", printedAt: Date.now(), lastError: null } }];
        carryPrinters = this.mark(target.id, "ok", result.answersStatus);
        continue;
      }
      const changed = this.mark(target.id, result.state, result.answersStatus);
      await flush([{ from: "sending", job: { ...sending, state: "waiting", printedBy: null, lastError: `${target.name}: ${result.error}` } }], changed);
      // The printer failed; its fallback (if any and not failing too) takes the next try at once.
      if (target.id === id && own.fallback && this.usable(own.fallback)) continue;
      return this.retryLater(own);
    }
  }

  /** Tells the screens a backing-off printer's count now, or (within a second of the last time) a second later. */
  private async announce(id: string, flush: (more?: Change[], printers?: string[]) => Promise<string[]>): Promise<void> {
    const wait = (this.announcedAt.get(id) ?? 0) + ANNOUNCE_MS - Date.now();
    if (wait <= 0) {
      this.announcedAt.set(id, Date.now());
      await flush([], [id]);
      return;
    }
    if (!this.announceTimers.has(id))
      this.announceTimers.set(id, setTimeout(() => {
        this.announceTimers.delete(id);
        this.kick([id]);
      }, wait));
  }

  /** Every waiting job of the printer older than printing.max_age_minutes becomes `stale` (not printed late). */
  private async markStale(config: EventConfig, id: string): Promise<void> {
    const minutes = config.printing.max_age_minutes;
    const old = await readWaitingBefore(this.host.db, this.host.eventId(), id, Date.now() - minutes * 60_000);
    if (old.length) await this.host.apply(old.map((job) => ({ from: "waiting" as const, job: { ...job, state: "stale" as const, lastError: `wartete länger als ${minutes} min` } })), []);
  }

  /** The printer to send to now: itself unless it is backing off, then its fallback if that is usable. */
  private target(config: EventConfig, own: PrinterConfig): PrinterConfig | undefined {
    if (this.usable(own.id)) return own;
    const fallback = own.fallback ? printerById(config, own.fallback) : undefined;
    return fallback && this.usable(fallback.id) ? fallback : undefined;
  }

  private usable(id: string): boolean {
    return this.printer(id).retryAt <= Date.now();
  }

  private retryLater(own: PrinterConfig): Promise<void> {
    const at = Math.max(this.printer(own.id).retryAt, Date.now() + 50);
    return this.host.wakeAt(at);
  }

  /** Records a send's outcome for the printer; returns it when its state changed (for the frame). */
  private mark(id: string, state: PrinterState, answersStatus: boolean): string[] {
    const p = this.printer(id);
    p.answersStatus ||= answersStatus;
    if (state === "ok") {
      p.backoffMs = 0;
      p.retryAt = 0;
    } else {
      p.backoffMs = p.backoffMs ? Math.min(BACKOFF.maxMs, p.backoffMs * 2) : BACKOFF.firstMs;
      p.retryAt = Date.now() + p.backoffMs;
    }
    if (p.state === state) return [];
    p.state = state;
    p.since = Date.now();
    return [id];
  }

  /** One send at a time per physical printer. */
  private send(target: PrinterConfig, stored: StoredJob, config: EventConfig): Promise<SendResult> {
    const bytes = renderDocument(stored.document, { width: target.width, language: config.language, currency: config.currency });
    const previous = this.lines.get(target.id) ?? Promise.resolve();
    const run = previous.then(() => sendToPrinter(target.host, target.port, bytes, this.printer(target.id).answersStatus));
    this.lines.set(target.id, run.catch(() => {}));
    return run;
  }
}
