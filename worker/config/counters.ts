// Counter service in config.json (issue 22): the cash desks (`counters`) and the stations the
// guests' pickup display follows (`display.stations`), with their cross-reference checks.
// Like schema.ts it depends on nothing but zod and the shared text schemas.
import { z } from "zod";
import { plainTextSchema } from "../schemas/common.ts";

const counterIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be 1–48 characters of a–z, 0–9, '-' or '_', starting with a letter or digit");

export const counterSchema = z.strictObject({
  id: counterIdSchema,
  name: plainTextSchema(60),
});
export const displaySchema = z.strictObject({
  /** The stations whose tickets the pickup display follows; left out: every station. */
  stations: z.array(counterIdSchema).min(1, "name at least one station, or leave `display` out").max(50).optional(),
});

type Loose = Record<string, unknown>;
interface Problem {
  level: "error";
  path: string;
  message: string;
}
const indexed = (v: unknown): [number, Loose][] =>
  Array.isArray(v) ? v.flatMap((x, i) => (x && typeof x === "object" ? [[i, x as Loose] as [number, Loose]] : [])) : [];

/** No counter id twice; every station the display names exists, and only once. */
export function checkCounterReferences(cfg: Loose): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  for (const [i, c] of indexed(cfg.counters)) {
    if (typeof c.id !== "string") continue;
    const first = seen.get(c.id);
    if (first === undefined) seen.set(c.id, i);
    else out.push({ level: "error", path: `counters[${i}].id`, message: `duplicate counter id "${c.id}" (also at counters[${first}])` });
  }
  const stationIds = new Set(indexed(cfg.stations).map(([, s]) => s.id));
  const display = cfg.display && typeof cfg.display === "object" ? (cfg.display as Loose) : {};
  const named = Array.isArray(display.stations) ? (display.stations as unknown[]) : [];
  const shown = new Set<unknown>();
  for (const [i, id] of named.entries()) {
    if (typeof id !== "string") continue;
    if (!stationIds.has(id)) out.push({ level: "error", path: `display.stations[${i}]`, message: `unknown station "${id}"` });
    else if (shown.has(id)) out.push({ level: "error", path: `display.stations[${i}]`, message: `names station "${id}" twice` });
    shown.add(id);
  }
  return out;
}
