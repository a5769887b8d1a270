// The one entry to the report's figures: GET /report, the CSV files' totals, `npm run report`
// and the live statistics page all read them here, so they cannot disagree.
import type { Db } from "../db/client.ts";
import { readAudit } from "../db/money.ts";
import { readStoredMenu } from "../db/menus.ts";
import type { Report, ReportCategory, ReportWindow } from "../protocol.ts";
import { readCounterService } from "./counters.ts";
import { addGoods, noGoods } from "./goods.ts";
import { readPreparation } from "./preparation.ts";
import { readSales } from "./sales.ts";
import { readWaiters } from "./waiters.ts";

/** What the report needs of the event (the worker's LoadedEvent has it; so does a config read in Node). */
export interface ReportEvent {
  config: { id: string; name: string; currency: string; language: "de" | "en" };
  stations: readonly { id: string; name: string }[];
  categories: readonly { id: string; name: string }[];
  /** Cash desks (config.json counters; issue 22): their names in the per-counter figures. */
  counters?: readonly { id: string; name: string }[];
}

export async function readReport(db: Db, event: ReportEvent, window: ReportWindow, now = Date.now()): Promise<Report> {
  const { config } = event;
  const eventId = config.id;
  const stations = event.stations.map((s) => ({ id: s.id, name: s.name }));
  // Categories as the menu has them now (renamed or added on /admin), else the config's.
  const stored = await readStoredMenu(db, eventId);
  const categories = stored?.categories ?? event.categories;
  const [sales, prep, waiters, audit] = await Promise.all([
    readSales(db, eventId, window),
    readPreparation(db, eventId, window, stations, now),
    readWaiters(db, eventId, window, now),
    readAudit(db, eventId),
  ]);
  const counterService = await readCounterService(db, eventId, window, event.counters ?? [], sales.voucherSoldByCounter, sales.headline);
  const inWindow = (at: number) => (window.from === null || at >= window.from) && (window.to === null || at < window.to);
  return {
    event: { id: eventId, name: config.name, currency: config.currency, language: config.language },
    window,
    span: sales.span,
    generatedAt: now,
    stations,
    headline: sales.headline,
    products: sales.products,
    categories: categoriesOf(categories, sales.products),
    timeline: sales.timeline,
    preparation: prep.preparation,
    preparationTimeline: prep.preparationTimeline,
    waiters,
    tables: sales.tables,
    ...counterService,
    audit: audit.filter((a) => inWindow(a.at)),
  };
}

/** Products summed per category (named as the menu names them; a category gone from it keeps its id). */
function categoriesOf(categories: readonly { id: string; name: string }[], products: Report["products"]): ReportCategory[] {
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const out = new Map<string, ReportCategory>();
  for (const p of products) {
    const c = out.get(p.category) ?? out.set(p.category, { category: p.category, name: names.get(p.category) ?? p.category, station: p.station, ...noGoods() }).get(p.category)!;
    addGoods(c, p);
  }
  return [...out.values()].sort((a, b) => b.salesCents - a.salesCents || b.qty - a.qty || a.name.localeCompare(b.name));
}
