// The table map's checks of config.json: every table inside the grid (an error) and no two
// tables on the same cells (a warning). Split from schema.ts, which runs it with the other checks.
import type { ConfigProblem } from "./schema.ts";

type Loose = Record<string, unknown>;

export function checkTableLayout(tables: Loose, tableList: [number, Loose][]): ConfigProblem[] {
  const grid = tables.grid && typeof tables.grid === "object" ? (tables.grid as Loose) : {};
  const columns = typeof grid.columns === "number" ? grid.columns : undefined;
  const rows = typeof grid.rows === "number" ? grid.rows : undefined;
  const out: ConfigProblem[] = [];
  const boxes: { i: number; name: string; x: number; y: number; w: number; h: number }[] = [];
  for (const [i, t] of tableList) {
    const { x, y } = t;
    if (typeof x !== "number" || typeof y !== "number") continue;
    const w = typeof t.width === "number" ? t.width : 1;
    const h = typeof t.height === "number" ? t.height : 1;
    const name = String(t.name);
    if ((columns !== undefined && x + w > columns) || (rows !== undefined && y + h > rows))
      out.push({ level: "error", path: `tables.list[${i}]`, message: `table "${name}" at x=${x}, y=${y} (${w}×${h}) lies outside the ${columns}×${rows} grid` });
    for (const b of boxes) {
      if (x < b.x + b.w && b.x < x + w && y < b.y + b.h && b.y < y + h)
        out.push({ level: "warning", path: `tables.list[${i}]`, message: `table "${name}" overlaps table "${b.name}" (tables.list[${b.i}])` });
    }
    boxes.push({ i, name, x, y, w, h });
  }
  return out;
}
