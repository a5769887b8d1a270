// mini_pos's file formats, read into one MiniposSource.
//   v0.3.9: `products` maps a category to [name, price] pairs, `bars` maps a bar to its categories,
//           `tables.size` / `tables.names`, `ui.bar` / `ui.service`.
//   older:  `product/available` lists [name, price, category number], `product/categories` names
//           the categories (by place, or as [number, name] pairs), `table/size` (or `table/grid`) /
//           `table/names` or two strings of letters and digits, `ui/…` keys (flat or nested).
//   first:  (January 2023) one `products` list of [name, price], `tables` as letters and digits,
//           the ui options under `order`.
import { z } from "zod";
import { categorySchema, productSchema, stationSchema } from "../../worker/config/schema.ts";
import type { Findings, Path } from "./findings.ts";
import type { MiniposSource, SourceBar, SourceCategory, SourceColor, SourceTable } from "./source.ts";
import { readTables, readUi, setOption } from "./venue.ts";

const colorSchema = categorySchema.shape.color.unwrap();
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

/**
 * `product/categories` as mini_pos wrote it over time: a list of names, numbered from 0 by their
 * place (as its README describes), or (its own config.json from January 2023 to January 2025) a
 * list of [number, name] pairs whose number is both the category's colour and what the third
 * value of each `product/available` entry refers to.
 */
const categoryEntrySchema = z.union([nameSchema, z.tuple([z.number().int().min(0), nameSchema])], {
  error: 'must be a category name, or [number, name] such as [13, "Alkoholfrei"]',
});

function readCategoryList(findings: Findings, raw: unknown, path: Path): { categories: SourceCategory[]; byNumber: Map<number, SourceCategory>; colors: SourceColor[] } {
  const entries = findings.check(z.array(z.unknown(), { error: "must be a list of category names or [number, name] pairs" }).min(1, "needs at least one category"), raw, path) ?? [];
  const categories: SourceCategory[] = [];
  const byNumber = new Map<number, SourceCategory>();
  const colors: SourceColor[] = [];
  entries.forEach((entry, i) => {
    const parsed = findings.check(categoryEntrySchema, entry, [...path, i]);
    if (parsed === undefined) return;
    const [number, name] = typeof parsed === "string" ? [i, parsed] : parsed;
    const category: SourceCategory = { name, path: [...path, i], products: [] };
    if (byNumber.has(number)) return findings.error([...path, i, 0], `the category number ${number} is used twice`);
    categories.push(category);
    byNumber.set(number, category);
    // A pair's number is the colour mini_pos showed the category in (its classes category-1 … category-14).
    if (typeof parsed !== "string") {
      const color = findings.check(colorSchema, number, [...path, i, 0]);
      if (color !== undefined) colors.push({ category: categories.length - 1, color, path: [...path, i, 0] });
    }
  });
  return { categories, byNumber, colors };
}

export function readOlder(findings: Findings, file: Record<string, unknown>): MiniposSource | undefined {
  findings.warnUnknownKeys(file, ["product", "table", "ui", "bars"], [], "setting");
  const product = findings.check(objectSchema, file.product, ["product"]) ?? {};
  findings.warnUnknownKeys(product, ["available", "categories"], ["product"], "product setting");
  const { categories, byNumber, colors: categoryColors } = readCategoryList(findings, product.categories, ["product", "categories"]);
  const numbers = [...byNumber.keys()];
  const pairs = Array.isArray(product.categories) && product.categories.some(Array.isArray);
  const numbering = pairs ? `product/categories numbers ${numbers.join(", ")}` : `product/categories has ${numbers.length} (numbered from 0)`;
  const available = findings.check(z.array(z.unknown(), { error: "must be a list of [name, price, category number]" }), product.available, ["product", "available"]) ?? [];
  available.forEach((entry, i) => {
    const path = ["product", "available", i];
    const triple = findings.check(tripleSchema, entry, path);
    if (!triple) return;
    warnExtraValues(findings, triple, 3, path);
    if (!categories.length) return; // product/categories is broken, and already reported
    const category = byNumber.get(triple[2]);
    if (!category) findings.error([...path, 2], `there is no category number ${triple[2]}: ${numbering}`);
    else category.products.push({ name: triple[0], price: triple[1], path });
  });
  const { grid, tables } = readOlderTables(findings, file.table, ["table"]);
  const { ui, colors } = readUi(findings, file.ui, ["ui"]);
  const bars = readBars(findings, file.bars);
  if (findings.hasErrors || !grid) return undefined;
  // A colour map in ui (category_color_map) is more specific than the category numbers.
  return { format: "older", categories, bars, grid, tables, ui, colors: [...categoryColors, ...colors] };
}

/**
 * The older format's tables: `table/size` (early 2023: `table/grid`) with `table/names`, or (January
 * 2023) two strings, the columns' letters and the rows' digits, naming every table A1 … F9.
 */
function readOlderTables(findings: Findings, raw: unknown, path: Path) {
  if (Array.isArray(raw)) return readLetterGrid(findings, raw, path);
  const table = findings.check(objectSchema, raw, path) ?? {};
  findings.warnUnknownKeys(table, ["size", "grid", "names"], path, "table setting");
  const sizeKey = table.size === undefined && table.grid !== undefined ? "grid" : "size";
  return readTables(findings, table[sizeKey], table.names, [...path, sizeKey], [...path, "names"]);
}

const letterGridSchema = z.tuple([z.string().min(1).max(100), z.string().min(1).max(100)], {
  error: 'must be [column letters, row digits], such as ["ABCDEF", "123456789"]',
});

/** mini_pos made the table "A1" for every column letter and row digit: the letter is the column. */
function readLetterGrid(findings: Findings, raw: unknown, path: Path) {
  const parsed = findings.check(letterGridSchema, raw, path);
  if (!parsed) return { grid: undefined, tables: [] as SourceTable[] };
  const [columns, rows] = parsed.map((s) => [...s]) as [string[], string[]];
  const tables = columns.flatMap((column, x) => rows.map((row, y) => ({ name: `${column}${row}`, x, y, width: 1, height: 1, path })));
  return { grid: { columns: columns.length, rows: rows.length }, tables };
}

/**
 * mini_pos's first files (January 2023): `products` is one list of [name, price] with no categories,
 * `tables` two strings of letters and digits, and the ui options sit under `order`.
 */
export function readFirst(findings: Findings, file: Record<string, unknown>): MiniposSource | undefined {
  findings.warnUnknownKeys(file, ["products", "tables", "order", "order_timeout"], [], "setting");
  const list = findings.check(z.array(z.unknown(), { error: "must be a list of [name, price]" }).min(1, "the menu is empty"), file.products, ["products"]) ?? [];
  const products = list.flatMap((entry, i) => {
    const pair = findings.check(pairSchema, entry, ["products", i]);
    if (!pair) return [];
    warnExtraValues(findings, pair, 2, ["products", i]);
    return [{ name: pair[0], price: pair[1], path: ["products", i] }];
  });
  findings.warn(["products"], `this file has no categories: one category "${FIRST_CATEGORY}" holds every product; split it on /admin → Menü if you like`);
  const { grid, tables } = readLetterGrid(findings, file.tables, ["tables"]);
  // Its very first days spelt two options without the underscore, and the timeout at the top level.
  const { ui, colors } = readUi(findings, file.order, ["order"], { autoclose: "auto_close", showcompleted: "show_completed" });
  if (file.order_timeout !== undefined) setOption(findings, ui, "timeout", file.order_timeout, ["order_timeout"]);
  if (findings.hasErrors || !grid) return undefined;
  return { format: "first", categories: [{ name: FIRST_CATEGORY, path: ["products"], products }], grid, tables, ui, colors };
}
const FIRST_CATEGORY = "Produkte";

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
