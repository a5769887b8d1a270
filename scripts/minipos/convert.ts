// A mini_pos configuration as a Mini POS config.json: stations from its bars, categories and
// products with stable ids, its table grid, its ui options. What has no place is a warning.
import { paymentSchema, stationSchema, uiSchema } from "../../worker/config/schema.ts";
import type { Findings } from "./findings.ts";
import { IdAllocator } from "./ids.ts";
import type { MiniposSource, SourceCategory } from "./source.ts";

/** What a Mini POS event needs and a mini_pos file does not say (command-line options). */
export interface EventFields {
  id: string;
  name: string;
  currency: string;
  language: "de" | "en";
}

/** The station that prepares everything when the file names no bars. */
const SINGLE_STATION = { id: "bar", name: "Bar" };

export function convertMinipos(findings: Findings, source: MiniposSource, event: EventFields) {
  const { stations, stationOfCategory } = assignStations(findings, source);
  const categoryIds = new IdAllocator("category");
  const productIds = new IdAllocator("product");
  const colorOf = resolveColors(findings, source);
  const categories = source.categories.map((category) => ({
    id: categoryIds.allocate(category.name),
    name: category.name,
    station: stationOfCategory.get(category) ?? stations[0]!.id,
    color: colorOf.get(category) ?? 0,
  }));
  const products = source.categories.flatMap((category, c) =>
    category.products.map((product) => ({ id: productIds.allocate(product.name), name: product.name, price: product.price, category: categories[c]!.id })),
  );
  return {
    id: event.id,
    name: event.name,
    currency: event.currency,
    language: event.language,
    stations,
    categories,
    products,
    tables: {
      grid: source.grid,
      list: source.tables.map(({ name, x, y, width, height }) => ({ name, x, y, width, height })),
    },
    payment: paymentSchema.parse({}),
    // Options mini_pos did not set get Mini POS's defaults; the menu keeps mini_pos's rows with − / +.
    ui: { ...uiSchema.parse({}), menu_layout: "list" as const, ...source.ui },
  };
}

/** One station per mini_pos bar; each category goes to the first bar that lists it. */
function assignStations(findings: Findings, source: MiniposSource) {
  const stationOfCategory = new Map<SourceCategory, string>();
  const bars = source.bars ?? [];
  if (!bars.length) {
    findings.warn(["bars"], `none given: one station "${SINGLE_STATION.name}" (id ${SINGLE_STATION.id}) prepares every category`);
    return { stations: [SINGLE_STATION], stationOfCategory };
  }
  const stationIds = new IdAllocator("station", (id) => stationSchema.shape.id.safeParse(id).success);
  const byName = new Map(source.categories.map((c) => [c.name, c]));
  const stations = bars.map((bar) => {
    const station = { id: stationIds.allocate(bar.name), name: bar.name };
    if (!bar.categories.length) findings.warn(bar.path, "this bar prepares no category: its station will show no tickets");
    for (const { name, path } of bar.categories) {
      const category = byName.get(name);
      const taken = category && stationOfCategory.get(category);
      if (!category) findings.warn(path, `not carried over: there is no category "${name}" in the products`);
      else if (taken) findings.warn(path, `"${name}" is in an earlier bar too; in Mini POS one station prepares a category, so it stays with station "${taken}"`);
      else stationOfCategory.set(category, station.id);
    }
    return station;
  });
  for (const category of source.categories) {
    if (!stationOfCategory.has(category))
      findings.warn(category.path, `this category is in no bar; it goes to the first station, "${stations[0]!.name}"`);
  }
  return { stations, stationOfCategory };
}

/** `category_color_map` names categories (or, in a list, numbers them); each colour goes to its category. */
function resolveColors(findings: Findings, source: MiniposSource): Map<SourceCategory, number> {
  const out = new Map<SourceCategory, number>();
  for (const { category, color, path } of source.colors) {
    const target = typeof category === "number" ? source.categories[category] : source.categories.find((c) => c.name === category);
    if (target) out.set(target, color);
    else findings.warn(path, `not carried over: there is no category ${typeof category === "number" ? `number ${category}` : `"${category}"`}`);
  }
  return out;
}
