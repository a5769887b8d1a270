// The event configuration (config.json): its schema and every check that stops a start.
// Imported by the worker (to load the event), by scripts/ (check-config, start) and by tests,
// so it depends on nothing but zod.
import { z } from "zod";
// The protocol module depends on nothing, so the config schema may share its list of methods.
import { PAYMENT_METHODS } from "../protocol.ts";
import { formatPath } from "../schemas/issuePath.ts";
import { plainTextSchema } from "../schemas/common.ts";
import { checkPinStrength } from "./pinStrength.ts";
import { checkCounterReferences, counterSchema, displaySchema } from "./counters.ts";
import { checkTableLayout } from "./tableLayout.ts";

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const idSchema = z
  .string()
  .regex(ID_PATTERN, "must be 1–48 characters of a–z, 0–9, '-' or '_', starting with a letter or digit");
// Table names appear in URLs and on screens: letters, digits, space, dot, dash, underscore.
export const TABLE_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,15}$/u;
const pinSchema = z.string().regex(/^[0-9]{4,8}$/, "must be 4 to 8 digits");
// Names of the event, stations, categories, products and options are shown on every phone and
// screen and in the report: one line of plain text, as waiters' names and notes (protocol/text.ts).
const nameSchema = plainTextSchema(60);

const priceSchema = z
  .number({ error: "must be a number such as 3.5" })
  .refine((p) => p >= 0, "must not be negative")
  .refine((p) => p <= 100_000, "must be at most 100000")
  // The tolerance absorbs float noise (3.3 * 100 = 329.99999999999994); a tiny non-zero amount such
  // as 2e-323 is no price at all, though it lies within the tolerance of 0 cents.
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6 && (p === 0 || Math.round(p * 100) !== 0), "must have at most 2 decimals");

/** Station ids that are pages of /bar themselves, so no station may take them. */
const RESERVED_STATION_IDS: Record<string, string> = {
  pickup: "the runners' page /bar/pickup",
  all: "the page of every station, /bar/all",
  default: "the old address of every station's page, /bar/default",
};
export const stationSchema = z.strictObject({
  id: idSchema.refine((id) => !Object.hasOwn(RESERVED_STATION_IDS, id), { error: (issue) => `"${String(issue.input)}" is reserved for ${RESERVED_STATION_IDS[String(issue.input)]}` }),
  name: nameSchema,
  /** A printer's id (`printers[].id`): this station's tickets also print there (issue 21). */
  printer: idSchema.optional(),
  /** "ticket": one ticket per order; "items": one Bon per unit (the festival Bon system). */
  print: z.enum(["ticket", "items"], { error: 'must be "ticket" or "items"' }).default("ticket"),
});
// Printers (issue 21): network printers speaking ESC/POS, reached with connect() from workerd.
// A host is an IPv4 address or a host name: the runtime lets the worker reach private (LAN) and
// loopback addresses only (README, "Printers").
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
export const printerSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  host: z.string().refine((h) => IPV4.test(h) || (HOSTNAME.test(h) && !/^[\d.]+$/.test(h)), "must be an IPv4 address such as 192.168.4.50 or a host name such as drucker-kueche.local"),
  port: z.number({ error: "must be a port number such as 9100" }).int("must be a whole number").min(1, "must be 1–65535").max(65535, "must be 1–65535").default(9100),
  width: z.number({ error: "must be a number of characters such as 48" }).int("must be a whole number").min(24, "must be 24–64 characters (48 for 80 mm paper, 32 for 58 mm)").max(64, "must be 24–64 characters (48 for 80 mm paper, 32 for 58 mm)").default(48),
  /** Another printer's id that takes this one's jobs while it is unreachable. */
  fallback: idSchema.optional(),
});
export const printingSchema = z.strictObject({
  /** A job that waited longer is not printed late without someone asking (state "stale"). */
  max_age_minutes: z.number().int("must be a whole number").min(1).max(1440).default(15),
});
export const venueSchema = z.strictObject({
  name: nameSchema,
  lines: z.array(z.string().trim().min(1).max(60)).max(6).default([]),
});
export const categorySchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  station: idSchema,
  color: z.number().int("must be a whole number").min(0).max(14).default(0),
});
export const productSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  price: priceSchema,
  category: idSchema,
  options: z.array(plainTextSchema(40)).max(20).default([]),
  /** Deposit (Pfand) per unit, e.g. 2.00 for a glass: charged apart from the price, paid back on return. */
  deposit: priceSchema.refine((d) => d <= 1000, "must be at most 1000").default(0),
});
export const tableSchema = z.strictObject({
  name: z.string().regex(TABLE_NAME_PATTERN, "must be 1–16 letters, digits, spaces, '.', '-' or '_'"),
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1).default(1),
  height: z.number().int().min(1).default(1),
});
export const uiSchema = z.strictObject({
  auto_close: z.boolean().default(true),
  show_completed: z.number().int().min(0).max(100).default(5),
  timeout: z
    .strictObject({ warn: z.number().int().min(1), crit: z.number().int().min(1) })
    .refine((t) => t.warn < t.crit, { message: "warn must be less than crit", path: ["warn"] })
    .default({ warn: 120, crit: 600 }),
  show_category_names: z.boolean().default(true),
  fold_categories: z.boolean().default(true),
  order_overview: z.boolean().default(true),
  pay_after_order: z.boolean().default(false),
  /** The waiter's menu: buttons in a grid, or (as mini_pos had it) one product per row with − / amount / +. */
  menu_layout: z.enum(["grid", "list"], { error: 'must be "grid" or "list"' }).default("grid"),
  /** Minutes a ready number stays on the guests' pickup display when nobody taps "Abgeholt" (issue 22). */
  display_ready_minutes: z.number({ error: "must be a whole number of minutes from 1 to 120" }).int("must be a whole number").min(1, "must be 1–120 minutes").max(120, "must be 1–120 minutes").default(10),
});
export const paymentSchema = z.strictObject({
  methods: z
    .array(z.enum(PAYMENT_METHODS, { error: `must be one of ${PAYMENT_METHODS.join(", ")}` }))
    .min(1, "needs at least one payment method")
    .refine((m) => new Set(m).size === m.length, "must not name a method twice")
    .default(["cash", "card"]),
  tips: z.boolean().default(true),
  /** The largest tip (in currency units, like a price) a waiter records without the admin PIN; optional. */
  tip_limit: priceSchema.optional(),
  /** A printer's id (`printers[].id`) where guest receipts print; without it the pay sheet offers no "Beleg". */
  receipt_printer: idSchema.optional(),
});
/** How devices reach the server: names other than its IP addresses (which always work). */
export const networkSchema = z.strictObject({
  hostnames: z
    .array(z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i, "must be a host name such as kasse.local"))
    .max(20)
    .default([]),
});
export const accessSchema = z.strictObject({ waiterPin: pinSchema, stationPin: pinSchema, adminPin: pinSchema });

export const eventConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  id: idSchema,
  name: nameSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code such as EUR"),
  language: z.enum(["de", "en"]),
  stations: z.array(stationSchema).min(1, "needs at least one station"),
  categories: z.array(categorySchema).min(1, "needs at least one category"),
  products: z.array(productSchema).min(1, "the menu is empty: add at least one product"),
  tables: z.strictObject({
    grid: z.strictObject({ columns: z.number().int().min(1).max(100), rows: z.number().int().min(1).max(100) }),
    list: z.array(tableSchema).min(1, "needs at least one table"),
  }),
  ui: uiSchema.default(uiSchema.parse({})),
  payment: paymentSchema.default(paymentSchema.parse({})),
  access: accessSchema.optional(),
  network: networkSchema.default(networkSchema.parse({})),
  /** The venue's name and address, printed on guest receipts (defaults to the event's name). */
  venue: venueSchema.optional(),
  printers: z.array(printerSchema).max(20).default([]),
  printing: printingSchema.default(printingSchema.parse({})),
  /** Cash desks (issue 22): orders placed for a counter instead of a table, paid at once. */
  counters: z.array(counterSchema).max(20).default([]),
  /** The guests' pickup display: which stations it follows (default: all). */
  display: displaySchema.default({}),
});

export type EventConfig = z.infer<typeof eventConfigSchema>;
export type AccessPins = z.infer<typeof accessSchema>;
export type UiOptions = z.infer<typeof uiSchema>;
export type PrinterConfig = z.infer<typeof printerSchema>;

export interface ConfigProblem {
  level: "error" | "warning";
  /** JSON path such as `products[3].price` */
  path: string;
  message: string;
}

/** Validates a parsed config.json. Returns the config only when there is no error. */
export function checkConfig(raw: unknown): { config?: EventConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const parsed = eventConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ level: "error", path: formatPath(issue.path), message: issue.message });
    }
  }
  // Cross-references are checked on the raw data too, so that one run lists every problem
  // even when some fields also fail the schema.
  problems.push(...checkReferences(raw));
  if (raw && typeof raw === "object") problems.push(...checkPinStrength((raw as Loose).access));
  const hasError = problems.some((p) => p.level === "error");
  return { config: hasError || !parsed.success ? undefined : parsed.data, problems };
}

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter((x): x is Loose => !!x && typeof x === "object") : []);
const indexed = (v: unknown): [number, Loose][] =>
  Array.isArray(v) ? v.flatMap((x, i) => (x && typeof x === "object" ? [[i, x as Loose] as [number, Loose]] : [])) : [];

function duplicates(items: [number, Loose][], key: string, where: string, what: string): ConfigProblem[] {
  const seen = new Map<unknown, number>();
  const out: ConfigProblem[] = [];
  for (const [i, item] of items) {
    const value = item[key];
    if (typeof value !== "string") continue;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else out.push({ level: "error", path: `${where}[${i}].${key}`, message: `duplicate ${what} "${value}" (also at ${where}[${first}])` });
  }
  return out;
}

function checkReferences(raw: unknown): ConfigProblem[] {
  if (!raw || typeof raw !== "object") return [];
  const cfg = raw as Loose;
  const stations = indexed(cfg.stations);
  const categories = indexed(cfg.categories);
  const products = indexed(cfg.products);
  const tables = cfg.tables && typeof cfg.tables === "object" ? (cfg.tables as Loose) : {};
  const tableList = indexed(tables.list);
  const out: ConfigProblem[] = [
    ...duplicates(stations, "id", "stations", "station id"),
    ...duplicates(categories, "id", "categories", "category id"),
    ...duplicates(products, "id", "products", "product id"),
    ...duplicates(tableList, "name", "tables.list", "table name"),
  ];
  const stationIds = new Set(list(cfg.stations).map((s) => s.id));
  const categoryIds = new Set(list(cfg.categories).map((c) => c.id));
  for (const [i, c] of categories) {
    if (typeof c.station === "string" && !stationIds.has(c.station))
      out.push({ level: "error", path: `categories[${i}].station`, message: `unknown station "${c.station}"` });
  }
  for (const [i, p] of products) {
    if (typeof p.category === "string" && !categoryIds.has(p.category))
      out.push({ level: "error", path: `products[${i}].category`, message: `unknown category "${p.category}"` });
  }
  out.push(...checkTableLayout(tables, tableList), ...checkPrinters(cfg, stations), ...checkCounterReferences(cfg));
  return out;
}

/** Every printer id named (a station's, the receipts', a fallback) exists; a fallback is another printer. */
function checkPrinters(cfg: Loose, stations: [number, Loose][]): ConfigProblem[] {
  const printers = indexed(cfg.printers);
  const ids = new Set(printers.map(([, p]) => p.id));
  const out: ConfigProblem[] = duplicates(printers, "id", "printers", "printer id");
  const unknown = (path: string, id: unknown) => {
    if (typeof id === "string" && !ids.has(id)) out.push({ level: "error", path, message: `unknown printer "${id}"${ids.size ? "" : " (the config has no printers)"}` });
  };
  for (const [i, s] of stations) unknown(`stations[${i}].printer`, s.printer);
  const payment = cfg.payment && typeof cfg.payment === "object" ? (cfg.payment as Loose) : {};
  unknown("payment.receipt_printer", payment.receipt_printer);
  for (const [i, p] of printers) {
    if (p.fallback !== undefined && p.fallback === p.id) out.push({ level: "error", path: `printers[${i}].fallback`, message: "must name another printer, not itself" });
    else unknown(`printers[${i}].fallback`, p.fallback);
  }
  return out;
}

/** Converts a config price (a decimal) to integer cents, once, on load. */
export function toCents(price: number): number {
  return Math.round(price * 100);
}
