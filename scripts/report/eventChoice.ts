// When the event asked for (by default the one the folder runs now) has no orders, the report names
// the folder's events with their dates and order counts and how to pick one, instead of only
// refusing: after "new event" on /admin the evening's orders are in the event before.
import type { StoredEvent } from "./source.ts";

function day(ms: number | null, language: "de" | "en"): string {
  if (ms === null) return "–";
  return new Intl.DateTimeFormat(language === "de" ? "de-DE" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(ms);
}

/** The folder's events and how to pick one; "" when no event has orders (nothing to pick). */
export function eventChoice(events: readonly StoredEvent[], asked: string, language: "de" | "en"): string {
  const withOrders = events.filter((e) => e.orders > 0);
  if (!withOrders.length) return "";
  const idWidth = Math.max(...events.map((e) => e.id.length));
  const lines = events.map((e) => {
    const when = e.endedAt === null ? `since ${day(e.startedAt, language)} (running)` : `${day(e.startedAt, language)} – ${day(e.endedAt, language)}`;
    return `  ${e.id.padEnd(idWidth)}  ${e.name}, ${when}, ${e.orders} ${e.orders === 1 ? "order" : "orders"}${e.id === asked ? "  ← asked for" : ""}`;
  });
  const pick = withOrders.at(-1)!;
  return [`The events in this data folder:`, ...lines, `Pick one with --event, e.g.: npm run report -- --event ${pick.id}`].join("\n");
}
