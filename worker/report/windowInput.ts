// Reading a report window from text: ?from=&to= of the API and --from/--to of `npm run report`.
import type { ReportWindow } from "../protocol.ts";

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/;

/**
 * Epoch ms from "1783191600000", "2026-07-04T18:00:00+02:00" or (where `local` is allowed, on the
 * operator's machine) "2026-07-04T18:00" / "2026-07-04" in the machine's time zone; else undefined.
 */
export function parseTime(text: string, local: boolean): number | undefined {
  const t = text.trim();
  if (/^\d{1,15}$/.test(t)) return Number(t);
  if (ISO_WITH_ZONE.test(t) || (local && ISO_LOCAL.test(t))) {
    // Date.parse reads a date-only text as UTC; with a time and no zone as local time.
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00` : t.replace(" ", "T"));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export type WindowResult = { window: ReportWindow } | { error: string; path: "from" | "to" };

export function parseWindow(from: string | undefined, to: string | undefined, local: boolean): WindowResult {
  const example = local ? "such as 2026-07-04T18:00" : "such as 2026-07-04T18:00:00+02:00 or epoch milliseconds";
  const window: ReportWindow = { from: null, to: null };
  for (const [key, text] of [["from", from], ["to", to]] as const) {
    if (text === undefined || text === "") continue;
    const ms = parseTime(text, local);
    if (ms === undefined) return { error: `must be a date and time ${example}, not "${text}"`, path: key };
    window[key] = ms;
  }
  if (window.from !== null && window.to !== null && window.from >= window.to) return { error: "must be later than from", path: "to" };
  return { window };
}
