// Money and time on paper, formatted as the pages do: money with Intl.NumberFormat in the event's
// language and currency (the same call as frontend/src/lib/money.ts formatCents), times in the
// venue's zone (the worker runs in UTC; DESIGN.md invariant 8: stored in UTC, shown in local time).
const money = new Map<string, Intl.NumberFormat>();
const times = new Map<string, Intl.DateTimeFormat>();

export function formatCents(cents: number, currency: string, language: string): string {
  const key = `${currency}:${language}`;
  let format = money.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "currency", currency });
    money.set(key, format);
  }
  return format.format(cents / 100);
}

function partsOf(ms: number, timeZone: string): Record<string, string> {
  let format = times.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    times.set(timeZone, format);
  }
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** "21:15" in the zone. */
export function formatTime(ms: number, timeZone: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "04.07.2026" (de) or "04/07/2026" (en) in the zone. */
export function formatDate(ms: number, language: "de" | "en", timeZone: string): string {
  const p = partsOf(ms, timeZone);
  return language === "de" ? `${p.day}.${p.month}.${p.year}` : `${p.day}/${p.month}/${p.year}`;
}
