// The parts both mini_pos formats write alike: the table grid and its tables, and the ui options.
import { z } from "zod";
import { categorySchema, tableSchema, uiSchema } from "../../worker/config/schema.ts";
import type { Findings, Path } from "./findings.ts";
import type { SourceColor, SourceTable, SourceUi } from "./source.ts";

const gridSide = z.number().int("must be a whole number").min(1).max(100);
const gridSizeSchema = z.tuple([gridSide, gridSide], { error: "must be [columns, rows], such as [6, 9]" });
// mini_pos wrote some table names as numbers (1, 2, …); Mini POS keeps them as text.
const tableNameSchema = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(tableSchema.shape.name);
const tableEntrySchema = z.tuple([tableSchema.shape.x, tableSchema.shape.y, tableSchema.shape.width, tableSchema.shape.height, tableNameSchema], {
  error: "must be [x, y, xlen, ylen, name], such as [0, 0, 1, 1, \"A1\"]",
});

export function readTables(findings: Findings, size: unknown, names: unknown, sizePath: Path, namesPath: Path) {
  const grid = findings.check(gridSizeSchema, size, sizePath);
  const entries = findings.check(z.array(z.unknown(), { error: "must be a list of [x, y, xlen, ylen, name]" }).min(1, "needs at least one table"), names, namesPath) ?? [];
  const tables: SourceTable[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const path = [...namesPath, i];
    const parsed = findings.check(tableEntrySchema, entry, path);
    if (!parsed) return;
    const [x, y, width, height, name] = parsed;
    if (grid && (x + width > grid[0] || y + height > grid[1]))
      findings.error(path, `table "${name}" at x=${x}, y=${y} (${width}×${height}) lies outside the ${grid[0]}×${grid[1]} grid`);
    const first = seen.get(name);
    if (first !== undefined) findings.error(path, `the table name "${name}" is used twice (also at index ${first})`);
    seen.set(name, i);
    tables.push({ name, x, y, width, height, path });
  });
  return { grid: grid ? { columns: grid[0], rows: grid[1] } : undefined, tables };
}

const timeoutSchema = z
  .tuple([z.number().int().min(1), z.number().int().min(1)], { error: "must be [warn, crit] in seconds, such as [120, 600]" })
  .refine(([warn, crit]) => warn < crit, "warn (the first number) must be less than crit")
  .transform(([warn, crit]) => ({ warn, crit }));
const uiOptionSchemas: { [K in keyof SourceUi]-?: z.ZodType<NonNullable<SourceUi[K]>> } = {
  auto_close: z.boolean(),
  show_completed: uiSchema.shape.show_completed.unwrap(),
  timeout: timeoutSchema,
  show_category_names: z.boolean(),
  fold_categories: z.boolean(),
  order_overview: z.boolean(),
};
const UI_OPTIONS = Object.keys(uiOptionSchemas) as (keyof SourceUi)[];
/** mini_pos options with no Mini POS counterpart, and what a user gets instead. */
const UI_NOT_CARRIED: Record<string, string> = {
  default:
    "not carried over: mini_pos's page of every bar is always there in Mini POS, at /bar/all (the old /bar/default leads there too)",
};
const colorSchema = categorySchema.shape.color.unwrap();

/**
 * The ui options, wherever the file keeps them: `ui.bar.X` and `ui.service.X` (v0.3.9) or flat
 * `ui/X` (older), which arrives here as `ui.X`.
 */
export function readUi(findings: Findings, raw: unknown, path: Path, aliases: Record<string, keyof SourceUi> = {}): { ui: SourceUi; colors: SourceColor[] } {
  const ui: SourceUi = {};
  const colors: SourceColor[] = [];
  if (raw === undefined) return { ui, colors };
  const root = findings.check(z.record(z.string(), z.unknown(), { error: "must be an object" }), raw, path);
  if (!root) return { ui, colors };
  const sections: [Record<string, unknown>, Path][] = [[root, path]];
  for (const name of ["bar", "service"]) {
    if (root[name] === undefined) continue;
    const section = findings.check(z.record(z.string(), z.unknown(), { error: "must be an object" }), root[name], [...path, name]);
    if (section) sections.push([section, [...path, name]]);
  }
  for (const [section, sectionPath] of sections) {
    for (const [key, value] of Object.entries(section)) {
      const keyPath = [...sectionPath, key];
      if (section === root && (key === "bar" || key === "service")) continue;
      const option = Object.hasOwn(aliases, key) ? aliases[key]! : key;
      if (key === "category_color_map") colors.push(...readColors(findings, value, keyPath));
      else if ((UI_OPTIONS as string[]).includes(option)) setOption(findings, ui, option as keyof SourceUi, value, keyPath);
      else findings.warn(keyPath, UI_NOT_CARRIED[key] ?? "not carried over: Mini POS has no ui option of that name");
    }
  }
  return { ui, colors };
}

export function setOption(findings: Findings, ui: SourceUi, key: keyof SourceUi, value: unknown, path: Path): void {
  // Each key's schema yields that key's type; TypeScript cannot follow the pairing through `key`.
  const parsed = findings.check(uiOptionSchemas[key] as z.ZodType<unknown>, value, path);
  if (parsed !== undefined) (ui as Record<string, unknown>)[key] = parsed;
}

function readColors(findings: Findings, raw: unknown, path: Path): SourceColor[] {
  if (Array.isArray(raw))
    return raw.flatMap((value, i) => {
      const color = findings.check(colorSchema, value, [...path, i]);
      return color === undefined ? [] : [{ category: i, color, path: [...path, i] }];
    });
  const map = findings.check(z.record(z.string(), z.unknown(), { error: "must map category names to colours 0–14" }), raw, path) ?? {};
  return Object.entries(map).flatMap(([category, value]) => {
    const color = findings.check(colorSchema, value, [...path, category]);
    return color === undefined ? [] : [{ category, color, path: [...path, category] }];
  });
}
