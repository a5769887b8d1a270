// mini_pos's two file formats, read into one MiniposSource.
//   v0.3.9: `products` maps a category to [name, price] pairs, `bars` maps a bar to its categories,
//           `tables.size` / `tables.names`, `ui.bar` / `ui.service`.
//   older:  `product/available` lists [name, price, category number], `product/categories` names
//           the categories by number, `table/size` / `table/names`, flat `ui/…` keys.
import { z } from "zod";
import { productSchema, stationSchema } from "../../worker/config/schema.ts";
import type { Findings, Path } from "./findings.ts";
import type { MiniposSource, SourceBar, SourceCategory } from "./source.ts";
import { readTables, readUi } from "./venue.ts";

const objectSchema = z.record(z.string(), z.unknown(), { error: "must be an object" });
const nameSchema = productSchema.shape.name;
const priceSchema = productSchema.shape.price;
const pairSchema = z.tuple([nameSchema, priceSchema], z.unknown(), { error: "must be [name, price], such as [\"Pils\", 3.00]" });
const tripleSchema = z.tuple([nameSchema, priceSchema, z.number().int("must be a whole number").min(0)], z.unknown(), {
  error: "must be [name, price, category number], such as [\"Pils\", 3.00, 1]",
});

/** Values after the ones Mini POS uses (a tuple's rest) are named, not silently dropped. */
function warnExtraValues(findings: Findings, entry: readonly unknown[], used: number, path: Path): void {
  for (let i = used; i < entry.length; i++) findings.warn([...path, i], `not carried over: the extra value ${JSON.stringify(entry[i])}`);
}

export function readNested(findings: Findings, file: Record<string, unknown>): MiniposSource | undefined {
  findings.warnUnknownKeys(file, ["products", "bars", "tables", "ui"], [], "setting");
  const categories: SourceCategory[] = [];
  for (const [category, entries] of Object.entries(findings.check(objectSchema, file.products, ["products"]) ?? {})) {
    const path = ["products", category];
    const name = findings.check(nameSchema, category, path);
    const list = findings.check(z.array(z.unknown(), { error: "must be a list of [name, price]" }), entries, path) ?? [];
    const products = list.flatMap((entry, i) => {
      const pair = findings.check(pairSchema, entry, [...path, i]);
      if (!pair) return [];
      warnExtraValues(findings, pair, 2, [...path, i]);
      return [{ name: pair[0], price: pair[1], path: [...path, i] }];
    });
    if (name !== undefined) categories.push({ name, path, products });
  }
  const tables = findings.check(objectSchema, file.tables, ["tables"]) ?? {};
  findings.warnUnknownKeys(tables, ["size", "names"], ["tables"], "table setting");
  const { grid, tables: tableList } = readTables(findings, tables.size, tables.names, ["tables", "size"], ["tables", "names"]);
  const { ui, colors } = readUi(findings, file.ui, ["ui"]);
  const bars = readBars(findings, file.bars);
  if (findings.hasErrors || !grid) return undefined;
  return { format: "v0.3.9", categories, bars, grid, tables: tableList, ui, colors };
}

export function readOlder(findings: Findings, file: Record<string, unknown>): MiniposSource | undefined {
  findings.warnUnknownKeys(file, ["product", "table", "ui", "bars"], [], "setting");
  const product = findings.check(objectSchema, file.product, ["product"]) ?? {};
  findings.warnUnknownKeys(product, ["available", "categories"], ["product"], "product setting");
  const names = findings.check(z.array(nameSchema, { error: "must be a list of category names" }).min(1, "needs at least one category"), product.categories, ["product", "categories"]) ?? [];
  const categories: SourceCategory[] = names.map((name, i) => ({ name, path: ["product", "categories", i], products: [] }));
  const available = findings.check(z.array(z.unknown(), { error: "must be a list of [name, price, category number]" }), product.available, ["product", "available"]) ?? [];
  available.forEach((entry, i) => {
    const path = ["product", "available", i];
    const triple = findings.check(tripleSchema, entry, path);
    if (!triple) return;
    warnExtraValues(findings, triple, 3, path);
    if (!categories.length) return; // product/categories is broken, and already reported
    const category = categories[triple[2]];
    // mini_pos numbered its categories from 0, by their place in product/categories.
    if (!category) findings.error([...path, 2], `there is no category number ${triple[2]}: product/categories has ${categories.length} (numbered from 0)`);
    else category.products.push({ name: triple[0], price: triple[1], path });
  });
  const table = findings.check(objectSchema, file.table, ["table"]) ?? {};
  findings.warnUnknownKeys(table, ["size", "names"], ["table"], "table setting");
  const { grid, tables } = readTables(findings, table.size, table.names, ["table", "size"], ["table", "names"]);
  const { ui, colors } = readUi(findings, file.ui, ["ui"]);
  const bars = readBars(findings, file.bars);
  if (findings.hasErrors || !grid) return undefined;
  return { format: "older", categories, bars, grid, tables, ui, colors };
}

function readBars(findings: Findings, raw: unknown): SourceBar[] | undefined {
  if (raw === undefined) return undefined;
  const bars = findings.check(objectSchema, raw, ["bars"]) ?? {};
  return Object.entries(bars).flatMap(([bar, categories]) => {
    const path = ["bars", bar];
    const name = findings.check(stationSchema.shape.name, bar, path);
    const list = findings.check(z.array(z.string(), { error: "must be a list of category names" }), categories, path);
    if (name === undefined || !list) return [];
    return [{ name, path, categories: list.map((category, i) => ({ name: category, path: [...path, i] })) }];
  });
}
