// Times for files people open elsewhere (CSV): ISO 8601 with the offset of a time zone, e.g.
// "2026-07-04T21:15:00+02:00", so a spreadsheet shows the evening's local time and still knows the instant.
const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(ms: number, timeZone: string): Record<string, number> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formats.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in minutes at `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Offsets change only at transitions on a quarter hour: one Intl call per zone and quarter hour
// instead of one per time (a CSV of 76,000 items has 150,000 times; Intl made that 1.5 s).
const QUARTER_HOUR = 15 * 60 * 1000;
const offsets = new Map<string, number>();

export function isoWithOffset(ms: number, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutes(ms, timeZone);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${wall.toISOString().slice(0, 19)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
