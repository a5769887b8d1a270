// `npm run import-minipos` as a mini_pos user runs it: their old config.json in, a Mini POS config
// out that check-config accepts and `npm start` serves.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, root, runScript, type Run } from "./cli.ts";

const fixture = (name: string) => join(root, "test/fixtures/minipos", name);
// The config.json mini_pos v0.3.9 shipped, copied unchanged from the project's reference folder.
const reference = fixture("mini_pos-v0.3.9-shipped.json");
const tempDir = () => mkdtempSync(join(tmpdir(), "mini-pos-import-"));

async function importTo(file: string, extra: string[] = []) {
  const out = join(tempDir(), "config.json");
  const run = runScript("import-minipos.ts", [file, "--out", out, ...extra]);
  expect(await run.exited, run.output()).toBe(0);
  return { config: JSON.parse(readFileSync(out, "utf8")), output: run.output(), out };
}
const warningsIn = (output: string) => output.split("\n").filter((l) => l.startsWith("  warning")).map((l) => l.replace(/^ {2}warning +/, ""));

const running: Run[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
});

describe("npm run import-minipos on the configuration mini_pos v0.3.9 shipped", () => {
  it("carries over every product with its price and order, under readable ids", async () => {
    const { config } = await importTo(reference);
    const old = JSON.parse(readFileSync(reference, "utf8")) as { products: Record<string, [string, number][]> };
    const oldMenu = Object.entries(old.products).flatMap(([category, list]) => list.map(([name, price]) => ({ name, price, category })));
    expect(config.products.map((p: any) => ({ name: p.name, price: p.price, category: config.categories.find((c: any) => c.id === p.category).name }))).toEqual(oldMenu);
    expect(config.products).toContainEqual({ id: "muellerschorle-suess", name: "Müllerschorle süß", price: 3, category: "wein" });
    expect(config.products).toContainEqual({ id: "mineralwasser-classic-0-5", name: "Mineralwasser Classic 0,5", price: 2.5, category: "alkoholfrei" });
    expect(config.products).toContainEqual({ id: "spaetburgunder-trocken", name: "Spätburgunder trocken", price: 4, category: "wein" });
    expect(config.products).toContainEqual({ id: "schnitzel-mit-kartoffelsalat", name: "Schnitzel mit Kartoffelsalat", price: 8, category: "essen" });
    expect(new Set(config.products.map((p: any) => p.id)).size).toBe(34);
  });

  it("makes one station per bar, keeps the colours, the 6×9 grid, the tables and the ui options", async () => {
    const { config, output } = await importTo(reference);
    expect(config.stations).toEqual([
      { id: "getraenke", name: "Getränke" },
      { id: "kueche", name: "Küche" },
    ]);
    expect(config.categories).toEqual([
      { id: "alkoholfrei", name: "Alkoholfrei", station: "getraenke", color: 13 },
      { id: "bier", name: "Bier", station: "getraenke", color: 11 },
      { id: "wein", name: "Wein", station: "getraenke", color: 12 },
      { id: "spirituosen", name: "Spirituosen", station: "getraenke", color: 10 },
      { id: "essen", name: "Essen", station: "kueche", color: 8 },
    ]);
    expect(config.tables.grid).toEqual({ columns: 6, rows: 9 });
    expect(config.tables.list).toHaveLength(54);
    expect(config.tables.list[0]).toEqual({ name: "A1", x: 0, y: 0, width: 1, height: 1 });
    expect(config.tables.list[53]).toEqual({ name: "F9", x: 5, y: 8, width: 1, height: 1 });
    expect(config.ui).toMatchObject({ auto_close: true, show_completed: 5, timeout: { warn: 120, crit: 600 }, show_category_names: true, fold_categories: true, order_overview: true });
    // What has no place in Mini POS is named, and nothing else.
    expect(warningsIn(output)).toEqual([expect.stringMatching(/^debug: not carried over/), expect.stringMatching(/^ui\.bar\.default: not carried over.*\/bar\/all/)]);
  });

  it("writes a config that check-config accepts", async () => {
    const { out } = await importTo(reference);
    const check = runScript("check-config.ts", [out]);
    expect(await check.exited, check.output()).toBe(0);
    expect(check.output()).toContain("OK (34 products, 5 categories, 2 stations, 54 tables)");
  });

  it("gives the same ids on every run", () => {
    // Standard output only: the config (the messages go to stderr).
    const importOnce = () => execFileSync(process.execPath, [join(root, "scripts/import-minipos.ts"), reference], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const first = importOnce();
    expect(JSON.parse(first).products[0].id).toBe("mineralwasser-classic-0-5");
    expect(importOnce()).toBe(first);
  });

  it("starts: npm start serves the imported menu", async () => {
    const { out } = await importTo(reference, ["--name", "Vereinsfest", "--id", "vereinsfest"]);
    const port = await freePort();
    const run = runScript("start.ts", ["--config", out, "--port", String(port), "--host", "127.0.0.1", "--data", join(tempDir(), "data")]);
    running.push(run);
    await run.waitFor("Press Ctrl-C to stop.", 60_000);
    const base = `http://127.0.0.1:${port}/api/v1`;
    expect(await (await fetch(`${base}/event/public`)).json()).toEqual({ name: "Vereinsfest", language: "de" });
    const pin = run.output().match(/waiter (\d+)/)![1]!;
    const login = await fetch(`${base}/login`, { method: "POST", headers: { "content-type": "application/json", origin: new URL(base).origin }, body: JSON.stringify({ name: "Kim", pin }) });
    expect(login.status).toBe(200);
    const menu = (await (await fetch(`${base}/menu`, { headers: { cookie: login.headers.get("set-cookie")!.split(";")[0]! } })).json()) as any;
    expect(menu.products.find((p: any) => p.id === "muellerschorle-suess")).toMatchObject({ name: "Müllerschorle süß", priceCents: 300, category: "wein" });
    expect(menu.stations.map((s: any) => s.id)).toEqual(["getraenke", "kueche"]);
  });
});

describe("npm run import-minipos reads every field of both formats", () => {
  it("v0.3.9: products, bars, tables, ui.bar, ui.service and its colour map", async () => {
    const { config, output } = await importTo(fixture("v0.3.9-every-field.json"), ["--name", "Hoffest", "--currency", "CHF", "--language", "en"]);
    expect(config).toMatchObject({ id: "hoffest", name: "Hoffest", currency: "CHF", language: "en" });
    // A bar named "All" cannot have the id of the /bar/all page.
    expect(config.stations).toEqual([
      { id: "theke", name: "Theke" },
      { id: "all-2", name: "All" },
    ]);
    expect(config.categories).toEqual([
      { id: "getraenke", name: "Getränke", station: "theke", color: 3 },
      { id: "speisen", name: "Speisen", station: "all-2", color: 14 },
      { id: "suesses", name: "Süßes", station: "theke", color: 0 },
    ]);
    expect(config.products.map((p: any) => [p.id, p.price, p.category])).toEqual([
      ["muellerschorle-suess", 3, "getraenke"],
      ["spezi", 2.5, "getraenke"],
      ["spezi-2", 2.8, "getraenke"],
      ["spezi-3", 3, "getraenke"],
      ["gluehwein", 3.5, "getraenke"],
      ["kaesespaetzle", 8.5, "speisen"],
      ["currywurst-and-pommes", 6, "speisen"],
      ["crepe", 4, "suesses"],
    ]);
    expect(config.tables).toEqual({
      grid: { columns: 4, rows: 3 },
      list: [
        { name: "T1", x: 0, y: 0, width: 1, height: 1 },
        { name: "Langer Tisch", x: 1, y: 0, width: 2, height: 1 },
        { name: "12", x: 3, y: 0, width: 1, height: 3 },
        { name: "Terrasse 1", x: 0, y: 2, width: 1, height: 1 },
      ],
    });
    expect(config.ui).toEqual({ auto_close: false, show_completed: 8, timeout: { warn: 90, crit: 300 }, show_category_names: false, fold_categories: false, order_overview: false, pay_after_order: false, menu_layout: "list", display_ready_minutes: 10 });
    expect(warningsIn(output).sort()).toEqual([
      expect.stringMatching(/^bars\.All\[1\]: "Getränke" is in an earlier bar too.*station "theke"/),
      'bars.All[2]: not carried over: there is no category "Kaffee" in the products',
      expect.stringMatching(/^debug: not carried over/),
      'products.Getränke[4][2]: not carried over: the extra value "heiß"',
      'products.Süßes: this category is in no bar; it goes to the first station, "Theke"',
      expect.stringMatching(/^ui\.bar\.default: not carried over/),
      'ui.service.category_color_map.Kuchen: not carried over: there is no category "Kuchen"',
    ]);
  });

  it("older: product/available with category numbers, product/categories, table/…, flat ui/… keys", async () => {
    const { config, output, out } = await importTo(fixture("older-every-field.json"));
    expect(config.stations).toEqual([{ id: "bar", name: "Bar" }]);
    expect(config.categories).toEqual([
      { id: "alkoholfrei", name: "Alkoholfrei", station: "bar", color: 13 },
      { id: "bier", name: "Bier", station: "bar", color: 11 },
      { id: "essen", name: "Essen", station: "bar", color: 8 },
    ]);
    expect(config.products.map((p: any) => [p.id, p.name, p.price, p.category])).toEqual([
      ["mineralwasser", "Mineralwasser", 2, "alkoholfrei"],
      ["apfelschorle", "Apfelschorle", 2.5, "alkoholfrei"],
      ["pils", "Pils", 3, "bier"],
      ["weissbier", "Weißbier", 3.8, "bier"],
      ["bratwurst", "Bratwurst", 3.5, "essen"],
      ["brezel", "Brezel", 1.5, "essen"],
    ]);
    expect(config.tables.grid).toEqual({ columns: 3, rows: 2 });
    expect(config.tables.list).toContainEqual({ name: "Stammtisch", x: 0, y: 1, width: 2, height: 1 });
    expect(config.tables.list).toContainEqual({ name: "3", x: 2, y: 0, width: 1, height: 2 });
    expect(config.ui).toEqual({ auto_close: false, show_completed: 3, timeout: { warn: 60, crit: 240 }, show_category_names: false, fold_categories: true, order_overview: false, pay_after_order: false, menu_layout: "list", display_ready_minutes: 10 });
    // Paths are shown as the older file writes its keys.
    expect(warningsIn(output).sort()).toEqual([
      expect.stringMatching(/^bars: none given: one station "Bar"/),
      expect.stringMatching(/^debug: not carried over/),
      'product/available[4][3]: not carried over: the extra value "extra"',
      expect.stringMatching(/^ui\/default: not carried over/),
    ]);
    const check = runScript("check-config.ts", [out]);
    expect(await check.exited, check.output()).toBe(0);
  });
});
