import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runScript } from "./cli.ts";
import config from "../../config.json" with { type: "json" };

function writeConfig(data: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "mini-pos-config-")), "config.json");
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}

describe("npm run check-config", () => {
  it("accepts the shipped config and the examples", async () => {
    for (const file of ["config.json", "examples/config.en.json", "examples/config.minimal.json"]) {
      const run = runScript("check-config.ts", [join(root, file)]);
      expect(await run.exited, run.output()).toBe(0);
      expect(run.output()).toMatch(/OK \(\d+ products/);
      // Their PINs have 6 digits: no warning, so a first `npm start` shows none either.
      expect(run.output(), file).not.toContain("warning");
    }
  });

  it("warns about a PIN under 6 digits by its path, says what to do, and accepts the config", async () => {
    const short = structuredClone(config) as any;
    short.access.stationPin = "2222";
    const run = runScript("check-config.ts", [writeConfig(short)]);
    expect(await run.exited).toBe(0);
    const out = run.output();
    expect(out).toMatch(/warning {2}access\.stationPin: has only 4 digits: the login limit lets 20 wrong PINs a minute through, so all 10,000 4-digit PINs are tried in about 8 hours\./);
    expect(out).toContain('Use 6 digits or more, or leave "access" out: Mini POS then makes 6-digit PINs');
    expect(out).not.toContain("access.waiterPin");
    expect(out).toMatch(/OK \(.*, 1 warning\(s\)\)/);
  });

  it("lists every problem by its JSON path and exits non-zero", async () => {
    const bad = structuredClone(config) as any;
    bad.products[0].price = -1;
    bad.products[1].price = 2.555;
    bad.products[2].category = "nope";
    bad.products[3].id = bad.products[4].id;
    bad.categories[0].station = "cellar";
    bad.tables.list[0] = { name: "Z9", x: 10, y: 0 };
    bad.tables.list[2].name = bad.tables.list[1].name;
    bad.access.waiterPin = "12a4";
    const run = runScript("check-config.ts", [writeConfig(bad)]);
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toContain("products[0].price: must not be negative");
    expect(out).toContain("products[1].price: must have at most 2 decimals");
    expect(out).toContain('products[2].category: unknown category "nope"');
    expect(out).toMatch(/products\[4\]\.id: duplicate product id/);
    expect(out).toContain('categories[0].station: unknown station "cellar"');
    expect(out).toMatch(/tables\.list\[0\]: table "Z9" .* outside the 6×9 grid/);
    expect(out).toMatch(/tables\.list\[2\]\.name: duplicate table name/);
    expect(out).toContain("access.waiterPin: must be 4 to 8 digits");
    expect(out).toMatch(/8 error\(s\)/);
  });

  it("reports an empty menu and broken JSON plainly", async () => {
    const empty = runScript("check-config.ts", [writeConfig({ ...config, products: [] })]);
    expect(await empty.exited).toBe(1);
    expect(empty.output()).toContain("products: the menu is empty");
    const broken = runScript("check-config.ts", [writeConfig("{ not json")]);
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toContain("(file): not valid JSON");
  });

  it("warns about overlapping tables but accepts the config", async () => {
    const overlapping = structuredClone(config) as any;
    overlapping.tables.list[1] = { ...overlapping.tables.list[1], x: 0, y: 0 };
    const run = runScript("check-config.ts", [writeConfig(overlapping)]);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/warning {2}tables\.list\[1\]: table "A2" overlaps table "A1"/);
  });
});
