// The report's answers (GET /report and its CSV files), kept and paced, so that an admin page left
// open, or a loop of them, cannot take the event's one D1 from the waiters. Summing up a big
// evening costs D1 a quarter of a second or more (5,000 orders: /report 0.2 s, items.csv 0.5 s),
// and while it runs no order is written: an order that comes meanwhile waits for all of it.
// - Kept: each answer is stored with the event's last change (its sequence number and time) as read
//   before it was worked out. A read while the change log has not moved (no order, payment, bump,
//   void or settlement since) gets it back for one index lookup. Answers also age out (the report
//   counts "the last half hour").
// - Paced while the evening is busy: answers are worked out one at a time, and after each the next
//   waits REPORT_PACING.factor times as long as it took (at most maxPauseMs). So report work has at
//   most a twentieth of D1's time, and at most one order in twenty meets one: a loop of reads
//   leaves the waiters' p90. An answer that took no longer than graceMs (a small evening) costs an
//   order no more than that, and one after a quiet spell (no change for quietMs: the morning after,
//   when the organiser downloads every file) has nobody to wait: neither makes the next one wait.
//   Reads for the same answer wait for it and share it; beyond maxWaiting they get 429.
// Each request waits in its own context (a short sleep, then look again), and work in progress is
// held open with waitUntil, so a client that goes away cannot leave the lane taken.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as schema from "../db/schema.ts";
import { ApiError } from "../errors.ts";
import { pauseAfter } from "../lib/dutyCycle.ts";

export const REPORT_PACING = {
  /** After an answer that took t ms, the next one starts t × factor ms later at the earliest. */
  factor: 19,
  maxPauseMs: 20_000,
  /** An answer worked out this fast makes no pause: an order waits no longer than this behind it. */
  graceMs: 25,
  /** No change for this long: the evening is quiet, and answers are worked out one after another without pauses. */
  quietMs: 10_000,
  /** An answer older than this is worked out again even when nothing changed. */
  maxAgeMs: 30_000,
  /** Reads waiting for an answer at once; more get 429 RATE_LIMITED. */
  maxWaiting: 16,
  /** A waiting read looks again this often. */
  pollMs: 20,
  /** Bytes kept in all, as UTF-8 (the CSV of items of 20,000 orders is 12 MB); the oldest answers go first. */
  maxKeptBytes: 24_000_000,
  /** If work in progress never finishes (it cannot, but), the lane is free again after this. */
  leaseMs: 120_000,
} as const;

interface Answer {
  /** UTF-8, encoded once: a string with a byte order mark would take two bytes a character in memory. */
  bytes: Uint8Array;
  version: string;
  at: number;
}

const kept = new Map<string, Answer>();
let keptBytes = 0;
/** Lane: when the running work started (0: free), and when the next may start while the evening is busy. */
let runningSince = 0;
let nextStartAt = 0;
let waiting = 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function keep(key: string, answer: Answer): void {
  const old = kept.get(key);
  if (old) keptBytes -= old.bytes.length;
  kept.delete(key);
  if (answer.bytes.length > REPORT_PACING.maxKeptBytes) return;
  kept.set(key, answer);
  keptBytes += answer.bytes.length;
  for (const [k, a] of kept) {
    if (keptBytes <= REPORT_PACING.maxKeptBytes) break;
    kept.delete(k);
    keptBytes -= a.bytes.length;
  }
}

/** A version of readChangeVersion ("seq@time") as numbers; "0" (no change yet) is 0@0. */
function parseVersion(version: string): { seq: number; at: number } {
  const [seq, at] = version.split("@").map(Number);
  return { seq: seq || 0, at: at || 0 };
}

/**
 * Whether an answer as of `kept` holds everything of `wanted`: it is of the same change or a later
 * one. Both the seq and the time must not be behind (a test's fresh database may reach a seq again).
 */
export function covers(kept: string, wanted: string): boolean {
  const [k, w] = [parseVersion(kept), parseVersion(wanted)];
  return k.seq >= w.seq && k.at >= w.at;
}

function fresh(key: string, version: string, now: number): Uint8Array | undefined {
  const answer = kept.get(key);
  return answer && covers(answer.version, version) && now - answer.at < REPORT_PACING.maxAgeMs ? answer.bytes : undefined;
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

/** Whether the event changed within quietMs of `now`, by a version of readChangeVersion ("seq@time"). */
function busy(version: string, now: number): boolean {
  return now - parseVersion(version).at < REPORT_PACING.quietMs;
}

function laneFree(now: number, paced: boolean): boolean {
  return (runningSince === 0 || now - runningSince > REPORT_PACING.leaseMs) && (!paced || now >= nextStartAt);
}

/**
 * The answer for `key` as of the change log's version when the request arrived (readVersion, that
 * is readChangeVersion: an order placed before the request is in the answer): kept, or worked out
 * by `work` when the lane is free. The work takes the version read as it starts, so it serves every
 * read that waited meanwhile (an admin page that asks again on every change gets the next answer,
 * not one for each of its asks). UTF-8 bytes, shared by every read of it: give each response its own copy.
 */
export async function pacedRead(key: string, readVersion: () => Promise<string>, work: () => Promise<string>, waitUntil: (p: Promise<unknown>) => void): Promise<Uint8Array> {
  const version = await readVersion();
  const hit = fresh(key, version, Date.now());
  if (hit !== undefined) return hit;
  if (waiting >= REPORT_PACING.maxWaiting)
    throw new ApiError("RATE_LIMITED", "the report is being worked out for other requests; try again in a few seconds", "", { retryAfterSeconds: 5 });
  waiting++;
  let waited = false;
  try {
    for (;;) {
      const now = Date.now();
      const answer = fresh(key, version, now);
      if (answer !== undefined) return answer;
      if (laneFree(now, busy(version, now))) break;
      waited = true;
      await sleep(Math.max(REPORT_PACING.pollMs, Math.min(nextStartAt - now, 500)));
    }
  } finally {
    waiting--;
  }
  const startedAt = Date.now();
  runningSince = startedAt;
  const done = (async () => {
    // Read again only after a wait: then reads that came meanwhile may be served by this answer.
    const workVersion = waited ? await readVersion() : version;
    const bytes = new TextEncoder().encode(await work());
    keep(key, { bytes, version: workVersion, at: startedAt });
    return bytes;
  })();
  const settled = done
    .catch(() => {})
    .finally(() => {
      const took = Date.now() - startedAt;
      if (runningSince === startedAt) runningSince = 0;
      nextStartAt = Date.now() + pauseAfter(took, REPORT_PACING);
    });
  waitUntil(settled);
  return done;
}
