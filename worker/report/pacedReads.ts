// The report's answers (GET /report and its CSV files), kept and paced, so that an admin page left
// open, or a loop of them, cannot take the event's one D1 from the waiters. Summing up a big
// evening costs D1 a second or more, and while it runs no order is written.
// - Kept: each answer is stored with the event's last change (its sequence number and time) as read
//   before it was worked out. A read while the change log has not moved (no order, payment, bump,
//   void or settlement since) gets it back for one index lookup. Answers also age out (the report
//   counts "the last half hour").
// - Paced: answers are worked out one at a time, and after each the next waits REPORT_PACING.factor
//   times as long as it took (at most maxPauseMs), so report work has at most a quarter of D1's time.
//   Reads for the same answer wait for it and share it; beyond maxWaiting they get 429.
// Each request waits in its own context (a short sleep, then look again), and work in progress is
// held open with waitUntil, so a client that goes away cannot leave the lane taken.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as schema from "../db/schema.ts";
import { ApiError } from "../errors.ts";

export const REPORT_PACING = {
  /** After an answer that took t ms, the next one starts t × factor ms later at the earliest. */
  factor: 3,
  maxPauseMs: 5_000,
  /** An answer older than this is worked out again even when nothing changed. */
  maxAgeMs: 30_000,
  /** Reads waiting for an answer at once; more get 429 RATE_LIMITED. */
  maxWaiting: 16,
  /** A waiting read looks again this often. */
  pollMs: 20,
  /** Text kept in all (the CSV of items of a big evening is ≈ 10 MB); the oldest answers go first. */
  maxKeptChars: 24_000_000,
  /** If work in progress never finishes (it cannot, but), the lane is free again after this. */
  leaseMs: 120_000,
} as const;

interface Answer {
  text: string;
  version: string;
  at: number;
}

const kept = new Map<string, Answer>();
let keptChars = 0;
/** Lane: when the running work started (0: free), and when the next may start. */
let runningSince = 0;
let nextStartAt = 0;
let waiting = 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function keep(key: string, answer: Answer): void {
  const old = kept.get(key);
  if (old) keptChars -= old.text.length;
  kept.delete(key);
  if (answer.text.length > REPORT_PACING.maxKeptChars) return;
  kept.set(key, answer);
  keptChars += answer.text.length;
  for (const [k, a] of kept) {
    if (keptChars <= REPORT_PACING.maxKeptChars) break;
    kept.delete(k);
    keptChars -= a.text.length;
  }
}

function fresh(key: string, version: string, now: number): string | undefined {
  const answer = kept.get(key);
  return answer && answer.version === version && now - answer.at < REPORT_PACING.maxAgeMs ? answer.text : undefined;
}

/** The event's last change as "seq@time" (its time too: a test's fresh database may reach the same seq again). */
export async function readChangeVersion(db: Db, eventId: string): Promise<string> {
  const last = await db
    .select({ seq: schema.changes.seq, at: schema.changes.at })
    .from(schema.changes)
    .where(eq(schema.changes.eventId, eventId))
    .orderBy(desc(schema.changes.seq))
    .limit(1)
    .get();
  return last ? `${last.seq}@${last.at}` : "0";
}

function laneFree(now: number): boolean {
  return (runningSince === 0 || now - runningSince > REPORT_PACING.leaseMs) && now >= nextStartAt;
}

/**
 * The answer for `key` as of the change log's `version` (readChangeVersion, read after the request
 * arrived, so an order placed before it is in the answer): kept, or worked out by `work` when the lane is free.
 */
export async function pacedRead(key: string, version: string, work: () => Promise<string>, waitUntil: (p: Promise<unknown>) => void): Promise<string> {
  const hit = fresh(key, version, Date.now());
  if (hit !== undefined) return hit;
  if (waiting >= REPORT_PACING.maxWaiting)
    throw new ApiError("RATE_LIMITED", "the report is being worked out for other requests; try again in a few seconds", "", { retryAfterSeconds: 5 });
  waiting++;
  try {
    for (;;) {
      const now = Date.now();
      const answer = fresh(key, version, now);
      if (answer !== undefined) return answer;
      if (laneFree(now)) break;
      await sleep(Math.max(REPORT_PACING.pollMs, Math.min(nextStartAt - now, 500)));
    }
  } finally {
    waiting--;
  }
  const startedAt = Date.now();
  runningSince = startedAt;
  const done = work().then((text) => {
    keep(key, { text, version, at: startedAt });
    return text;
  });
  const settled = done
    .catch(() => {})
    .finally(() => {
      const took = Date.now() - startedAt;
      if (runningSince === startedAt) runningSince = 0;
      nextStartAt = Date.now() + Math.min(REPORT_PACING.maxPauseMs, took * REPORT_PACING.factor);
    });
  waitUntil(settled);
  return done;
}

/** Forgets every kept answer and frees the lane (tests; a new event starts with nothing kept anyway). */
export function resetPacedReads(): void {
  kept.clear();
  keptChars = 0;
  runningSince = 0;
  nextStartAt = 0;
  waiting = 0;
}
