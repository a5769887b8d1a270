// How long the stations took: ordered → done per ticket, as median and 90th percentile per
// station, over the whole window, per 15 minutes, and over the last half hour (the live page).
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { REPORT_BUCKET_MS, REPORT_RECENT_MS, type ReportPreparation, type ReportPreparationBucket, type ReportWindow } from "../protocol.ts";
import { allRows } from "./rawRows.ts";
import { within } from "./window.ts";

/** Nearest-rank percentile of sorted values (p in 0..100): the value at or below which p % lie. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

interface TicketTimes {
  station: string;
  createdAt: number;
  doneAt: number | null;
}

export async function readPreparation(
  db: Db,
  eventId: string,
  window: ReportWindow,
  stations: { id: string; name: string }[],
  now: number,
): Promise<{ preparation: ReportPreparation[]; preparationTimeline: ReportPreparationBucket[] }> {
  // One row per ticket (a few numbers each): the percentiles need the single durations.
  const rows = await allRows<TicketTimes>(db, sql`SELECT station_id AS station, created_at AS createdAt, done_at AS doneAt FROM tickets
    WHERE event_id = ${eventId} AND ${within("created_at", window)}`);
  const recentFrom = Math.min(window.to ?? now, now) - REPORT_RECENT_MS;
  const names = new Map(stations.map((s) => [s.id, s.name]));
  for (const r of rows) if (!names.has(r.station)) names.set(r.station, r.station);

  const preparation: ReportPreparation[] = [];
  const preparationTimeline: ReportPreparationBucket[] = [];
  for (const [station, name] of names) {
    const mine = rows.filter((r) => r.station === station);
    const done = mine.filter((r) => r.doneAt !== null);
    const durations = done.map((r) => r.doneAt! - r.createdAt).sort((a, b) => a - b);
    const recent = done.filter((r) => r.doneAt! >= recentFrom).map((r) => r.doneAt! - r.createdAt).sort((a, b) => a - b);
    preparation.push({ station, name, tickets: mine.length, done: done.length, medianMs: percentile(durations, 50), p90Ms: percentile(durations, 90), recentMedianMs: percentile(recent, 50) });

    const byBucket = new Map<number, number[]>();
    for (const r of done) {
      const start = Math.floor(r.createdAt / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;
      const list = byBucket.get(start) ?? byBucket.set(start, []).get(start)!;
      list.push(r.doneAt! - r.createdAt);
    }
    for (const [start, list] of byBucket) {
      list.sort((a, b) => a - b);
      preparationTimeline.push({ start, station, done: list.length, medianMs: percentile(list, 50)!, p90Ms: percentile(list, 90)! });
    }
  }
  preparationTimeline.sort((a, b) => a.start - b.start || a.station.localeCompare(b.station));
  // Stations that prepared nothing in the window stay out of the report.
  return { preparation: preparation.filter((p) => p.tickets > 0), preparationTimeline };
}
