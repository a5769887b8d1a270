// Every config.json in mini_pos's own history (2023–2025, test/fixtures/minipos/history/) imports:
// a mini_pos user's real file, whichever version wrote it, becomes a config that `npm start` accepts,
// with its products, prices, categories, colours and tables as mini_pos showed them.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importMinipos } from "../../scripts/minipos/import.ts";
import { CATEGORY_HUES, categoryStyle } from "../../frontend/src/service/util.ts";
import { root, runScript } from "./cli.ts";

const folder = join(root, "test/fixtures/minipos/history");
const files = readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
const read = (file: string) => readFileSync(join(folder, file), "utf8");
const event = { id: "fest", name: "Fest", currency: "EUR", language: "de" as const };
const imported = (file: string) => importMinipos(read(file), event);

/** The [name, price] of every product in the mini_pos file, in its order, whichever format. */
function productsIn(raw: any): [string, number][] {
  const file = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace("/", "."), v])) as any;
  if (Array.isArray(file.products)) return file.products.map(([n, p]: any) => [n, p]);
  if (file.products) return Object.values(file.products).flatMap((list: any) => list.map(([n, p]: any) => [n, p]));
  const available = file.product?.available ?? file["product.available"];
  const categories = file.product?.categories ?? file["product.categories"];
  // The menu's order is by category, in the order product/categories lists them.
  const numbers = categories.map((c: any, i: number) => (Array.isArray(c) ? c[0] : i));
  return numbers.flatMap((n: number) => available.filter((a: any) => a[2] === n).map(([name, price]: any) => [name, price]));
}

describe("mini_pos's own config.json, every version of it", () => {
  it("has all 24 versions from 2023 to 2025", () => {
    expect(files).toHaveLength(24);
    expect(files.filter((f) => f.startsWith("2023-")).length).toBe(15);
    expect(files.filter((f) => f.startsWith("2024-")).length).toBe(3);
  });

  it.each(files)("%s imports with every product and price, and nothing in error", (file) => {
    const result = imported(file);
    expect(result.lines.filter((l) => l.level === "error")).toEqual([]);
    expect(result.config).toBeDefined();
    const products = result.config!.products.map((p) => [p.name, p.price]);
    expect(products).toEqual(productsIn(JSON.parse(read(file))));
    expect(result.config!.tables.list).toHaveLength(54);
  });

  it("keeps the category numbers of 2023–2024 as their colours, and the products in their categories", () => {
    const { config, format } = imported("2024-01-25-e576d22.json");
    expect(format).toBe("older");
    expect(config!.categories.map((c) => [c.name, c.color])).toEqual([
      ["Alkoholfrei", 13],
      ["Bier", 11],
      ["Wein", 12],
      ["Spirituosen", 10],
      ["Essen", 8],
    ]);
    const categoryOf = (name: string) => config!.categories.find((c) => c.id === config!.products.find((p) => p.name === name)!.category)!.name;
    expect(categoryOf("Pils")).toBe("Bier");
    expect(categoryOf("Gin Tonic")).toBe("Spirituosen");
    expect(categoryOf("Schnitzelweck")).toBe("Essen");
  });

  it("reads January 2023's numbered categories and its tables as letters and digits", () => {
    const { config } = imported("2023-01-24-223572e.json");
    expect(config!.categories.map((c) => [c.name, c.color])).toEqual([
      ["Alkoholfrei", 1],
      ["Bier", 2],
      ["Wein", 3],
      ["Spirituosen", 4],
      ["Essen", 5],
    ]);
    expect(config!.tables.grid).toEqual({ columns: 6, rows: 9 });
    // mini_pos named its tables letter + digit, the letter being the column: A2 is below A1.
    expect(config!.tables.list.slice(0, 2)).toEqual([
      { name: "A1", x: 0, y: 0, width: 1, height: 1 },
      { name: "A2", x: 0, y: 1, width: 1, height: 1 },
    ]);
    expect(config!.tables.list.at(-1)).toEqual({ name: "F9", x: 5, y: 8, width: 1, height: 1 });
  });

  it("reads the table grid of February 2023 (table.grid, later table.size)", () => {
    for (const file of ["2023-02-01-625674b.json", "2023-02-01-ec7de12.json"]) {
      const { config } = imported(file);
      expect(config!.tables.grid).toEqual({ columns: 6, rows: 9 });
      expect(config!.tables.list.find((t) => t.name === "C5")).toEqual({ name: "C5", x: 2, y: 4, width: 1, height: 1 });
    }
  });

  it("reads the first files of January 2023: one list of products, the options under order", () => {
    const { config, format, lines } = imported("2023-01-22-7a7b9e6.json");
    expect(format).toBe("first");
    expect(config!.categories).toEqual([{ id: "produkte", name: "Produkte", station: "bar", color: 0 }]);
    expect(config!.ui).toMatchObject({ auto_close: true, show_completed: 5, timeout: { warn: 120, crit: 600 } });
    expect(lines.filter((l) => l.level === "warning").map((l) => l.where)).toEqual(["products", "bars"]);
    expect(imported("2023-01-21-c601de4.json").config!.ui.timeout).toEqual({ warn: 120, crit: 600 });
  });
});

describe("an imported menu looks as it did in mini_pos", () => {
  // mini_pos's service_table.css (v0.3.9): category-N rows in hsl(hue, 90%, …) for N = 1…7, and the same hues for 8…14.
  const MINIPOS_HUES = [330, 260, 210, 135, 45, 15, 0];
  const hueOf = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

  it.each([...Array(14).keys()].map((i) => i + 1))("colour %i has mini_pos's hue", (color) => {
    const strong = /--strong:(#[0-9a-f]{6})/.exec(categoryStyle(color).style)![1]!;
    expect(distance(hueOf(strong), MINIPOS_HUES[(color - 1) % 7]!)).toBeLessThan(20);
  });

  it("names the issue's four: 13 orange, 10 blue, 12 yellow, 8 pink", () => {
    const named = (color: number) => CATEGORY_HUES.findIndex(([, strong]) => categoryStyle(color).style.includes(strong));
    expect([13, 10, 12, 8].map(named)).toEqual([5, 2, 4, 0]);
  });
});

describe("what the importer asks of the user afterwards", () => {
  it("asks for the event's name only when --name did not give one", async () => {
    const file = join(folder, "2024-01-25-e576d22.json");
    const named = runScript("import-minipos.ts", [file, "--name", "Sommerfest 2027", "--out", join(mkdtempSync(join(tmpdir(), "mini-pos-import-")), "named.json"), "--force"]);
    expect(await named.exited, named.output()).toBe(0);
    expect(named.output()).not.toMatch(/event's name/);
    expect(named.output()).toMatch(/add PINs/);
    const unnamed = runScript("import-minipos.ts", [file, "--out", join(mkdtempSync(join(tmpdir(), "mini-pos-import-")), "unnamed.json"), "--force"]);
    expect(await unnamed.exited, unnamed.output()).toBe(0);
    expect(unnamed.output()).toMatch(/set the event's name/);
  });
});
