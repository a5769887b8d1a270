// The report's time window as SQL: a record counts when its own time lies in [from, to).
// Orders and voids by when they were made, payments by when they were taken and, negatively,
// by when they were reversed (as the settlement page counts a shift), tickets by when ordered.
import { sql, type SQL } from "drizzle-orm";
import type { ReportWindow } from "../protocol.ts";

/** Before every stored time and after every stored time: the bounds of an open window. */
const EARLIEST = -1;
const LATEST = Number.MAX_SAFE_INTEGER;

/** `column` (a trusted column name, never input) lies in the window. */
export function within(column: string, window: ReportWindow): SQL {
  return sql`(${sql.raw(column)} >= ${window.from ?? EARLIEST} AND ${sql.raw(column)} < ${window.to ?? LATEST})`;
}

/** 1 when `column` lies in the window, else 0 (for signed sums). */
export function inWindowFlag(column: string, window: ReportWindow): SQL {
  return sql`(CASE WHEN ${within(column, window)} THEN 1 ELSE 0 END)`;
}

/**
 * +1 for a payment taken in the window, −1 for one reversed in it (both: 0). Summed over
 * payments it gives what the window took, reversals subtracted where they happened.
 */
export function paymentSign(alias: string, window: ReportWindow): SQL {
  return sql`(${inWindowFlag(`${alias}.created_at`, window)} - ${inWindowFlag(`coalesce(${alias}.reversed_at, ${EARLIEST - 1})`, window)})`;
}

/** The 15-minute bucket of a time column, as epoch ms of its start. */
export function bucketOf(column: string, bucketMs: number): SQL {
  // Inlined, not bound: an integer literal keeps SQLite's division whole.
  const size = sql.raw(String(Math.trunc(bucketMs)));
  return sql`((${sql.raw(column)} / ${size}) * ${size})`;
}
