// Money, times and durations in the event's language, as the app's pages show them
// (money through the app's own formatCents; times in this machine's time zone).
import { formatCents } from "../../frontend/src/lib/money.ts";
import { formatAge } from "../../frontend/src/lib/time.ts";
import type { Report } from "../../worker/protocol.ts";
import { reportTranslator, type ReportT } from "../../worker/report/strings.ts";

export interface Formats {
  t: ReportT;
  money(cents: number): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  /** "4:05" (minutes:seconds) for a duration, "–" when there is none. */
  duration(ms: number | null): string;
  int(n: number): string;
}

export function formatsFor(report: Report): Formats {
  const { language, currency } = report.event;
  const int = new Intl.NumberFormat(language);
  return {
    t: reportTranslator(language),
    money: (cents) => formatCents(cents, currency, language),
    dateTime: (ms) => new Date(ms).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" }),
    time: (ms) => new Date(ms).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" }),
    duration: (ms) => (ms === null ? "–" : formatAge(ms / 1000)),
    int: (n) => int.format(n),
  };
}
