// The event as the worker uses it: config.json checked once per isolate and turned into lookups
// with prices in integer cents. config.json gives the venue (stations, tables, ui, PINs); which event
// is current lives in D1 (worker/menu/currentEvent.ts) and is applied here, and the menu as edited
// on /admin is the coordinator's (an event's menu: ask the coordinator, GET /menu).
import bundledConfig from "../../config.json";
import { checkConfig, toCents, type EventConfig } from "./schema.ts";
import { depositGroupOf } from "./depositGroups.ts";
import { ApiError } from "../errors.ts";
import { COUNTER_BILL_NAME, type Category, type Counter, type EventInfo, type Station } from "../protocol.ts";

export interface MenuProduct {
  id: string;
  name: string;
  priceCents: number;
  category: string;
  station: string;
  options: string[];
  depositCents: number;
  /** Its deposit group (config/depositGroups.ts); "" without a deposit. */
  depositGroup: string;
}

export interface LoadedEvent {
  config: EventConfig;
  info: EventInfo;
  stations: Station[];
  categories: Category[];
  /** In config order. */
  products: MenuProduct[];
  productById: Map<string, MenuProduct>;
  tableNames: Set<string>;
  /** The cash desks by id (issue 22). */
  counterById: Map<string, Counter>;
  /** Fingerprint of what an order's meaning depends on; a change starts a new menu version. */
  menuHash: string;
}

/** A station id from a query must name a station of the event: 404 otherwise. */
export function requireStation(env: { EVENT_CONFIG?: string }, station: string | undefined, path: string): void {
  if (station && !loadEvent(env).stations.some((s) => s.id === station))
    throw new ApiError("NOT_FOUND", `unknown station "${station}"`, path);
}

/** A table name from the path must name a table of the event: 404 otherwise. */
export function requireTable(env: { EVENT_CONFIG?: string }, name: string): string {
  if (!loadEvent(env).tableNames.has(name)) throw new ApiError("NOT_FOUND", `unknown table "${name}"`, "param.name");
  return name;
}

/** A table of the map, or a counter order's own bill ("#" + its id): what a bill can be read of. */
export function requireBill(env: { EVENT_CONFIG?: string }, name: string): string {
  return COUNTER_BILL_NAME.test(name) ? name : requireTable(env, name);
}

let cached: { source: string; event: LoadedEvent } | undefined;

/** The current event's id and name as this isolate last read them from D1 (keyed by the D1 binding: one per test file). */
const currentRefs = new WeakMap<object, { id: string; name: string }>();
let withRef: { base: LoadedEvent; id: string; name: string; event: LoadedEvent } | undefined;

/** What followCurrentEvent read or POST /events started: loadEvent's id and name from now on. */
export function useCurrentEvent(env: { DB?: object }, ref: { id: string; name: string }): void {
  if (env.DB) currentRefs.set(env.DB, ref);
}

/**
 * The event of this deployment: the venue from EVENT_CONFIG if set (npm start --config), else the
 * bundled config.json; its id and name those of the current event (see useCurrentEvent).
 */
export function loadEvent(env: { EVENT_CONFIG?: string; DB?: object }): LoadedEvent {
  const base = loadConfigEvent(env);
  const ref = env.DB && currentRefs.get(env.DB);
  if (!ref || (ref.id === base.config.id && ref.name === base.config.name)) return base;
  if (withRef?.base !== base || withRef.id !== ref.id || withRef.name !== ref.name)
    withRef = { base, ...ref, event: renameEvent(base, ref) };
  return withRef.event;
}

/** The same venue and menu under another event's id and name. */
export function renameEvent(event: LoadedEvent, ref: { id: string; name: string }): LoadedEvent {
  return { ...event, config: { ...event.config, id: ref.id, name: ref.name }, info: { ...event.info, id: ref.id, name: ref.name } };
}

/** config.json's event as the file says (its own id and name). */
export function loadConfigEvent(env: { EVENT_CONFIG?: string }): LoadedEvent {
  const source = env.EVENT_CONFIG ?? JSON.stringify(bundledConfig);
  if (cached?.source === source) return cached.event;
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    throw new ApiError("CONFIG_INVALID", "the event config is not valid JSON; run `npm run check-config`");
  }
  const { config, problems } = checkConfig(raw);
  if (!config) {
    const first = problems.find((p) => p.level === "error");
    throw new ApiError("CONFIG_INVALID", `the event config has errors (first: ${first?.path}: ${first?.message}); run \`npm run check-config\``);
  }
  const event = buildEvent(config);
  cached = { source, event };
  return event;
}

export function buildEvent(config: EventConfig): LoadedEvent {
  // A station as the pages know it: its printer settings stay in config (worker/print/).
  const stations = config.stations.map(({ id, name }) => ({ id, name }));
  const categoryById = new Map(config.categories.map((c) => [c.id, c]));
  const products = config.products.map((p): MenuProduct => {
    const category = categoryById.get(p.category)!;
    const depositCents = toCents(p.deposit);
    const depositGroup = depositGroupOf({ depositCents, deposit_group: p.deposit_group }, config.language, config.currency);
    return { id: p.id, name: p.name, priceCents: toCents(p.price), category: p.category, station: category.station, options: p.options, depositCents, depositGroup };
  });
  return {
    config,
    info: {
      id: config.id,
      name: config.name,
      currency: config.currency,
      language: config.language,
      ui: config.ui,
      payment: {
        methods: config.payment.methods,
        tips: config.payment.tips,
        tipLimitCents: config.payment.tip_limit === undefined ? null : toCents(config.payment.tip_limit),
        receiptPrinter: config.payment.receipt_printer !== undefined,
      },
      stations,
      tables: { grid: config.tables.grid, list: config.tables.list },
      counters: config.counters.map(({ id, name }) => ({ id, name })),
      displayStations: config.display.stations ?? stations.map((s) => s.id),
    },
    stations,
    categories: config.categories,
    products,
    productById: new Map(products.map((p) => [p.id, p])),
    tableNames: new Set(config.tables.list.map((t) => t.name)),
    counterById: new Map(config.counters.map((c) => [c.id, { id: c.id, name: c.name }])),
    menuHash: fnv1a(JSON.stringify(products)),
  };
}

/** 32-bit FNV-1a as hex: a cheap, synchronous fingerprint (not a security measure). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
