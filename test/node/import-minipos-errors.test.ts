// `npm run import-minipos` on files it cannot convert: one clear message per problem, by its
// path in the mini_pos file, a non-zero exit, and nothing written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runScript } from "./cli.ts";

const reference = join(root, "test/fixtures/minipos/mini_pos-v0.3.9-shipped.json");

/** Imports `data` (a string is written as is) to a fresh --out path; returns the run and that path. */
async function importData(data: unknown, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-import-"));
  const file = join(dir, "mini_pos.json");
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  const out = join(dir, "config.json");
  const run = runScript("import-minipos.ts", [file, "--out", out, ...extra]);
  return { code: await run.exited, output: run.output(), out };
}
const shipped = () => JSON.parse(readFileSync(reference, "utf8"));

describe("npm run import-minipos refuses what it cannot convert", () => {
  it("a file that is not JSON", async () => {
    const { code, output, out } = await importData("{ products: ");
    expect(code).toBe(1);
    expect(output).toMatch(/error +\(file\): not valid JSON/);
    expect(output).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
  });

  it("JSON that is no mini_pos config, or is a Mini POS config already", async () => {
    for (const [data, message] of [
      [[1, 2], "(root): must be a JSON object"],
      [{ menu: [] }, '(root): is not a mini_pos config: it needs "products" (mini_pos v0.3.9) or "product/available"'],
      [JSON.parse(readFileSync(join(root, "config.json"), "utf8")), "(root): this is a Mini POS config already"],
      [{ ...shipped(), "product/available": [] }, '(root): has both "products" (mini_pos v0.3.9) and "product/…" keys'],
    ] as const) {
      const { code, output, out } = await importData(data);
      expect(code, output).toBe(1);
      expect(output).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("wrong shapes, each named by its path in the mini_pos file", async () => {
    const bad = shipped();
    bad.products.Bier[0] = ["Pils", "3,00"];
    bad.products.Bier[1] = ["Radler"];
    bad.products.Wein[0][1] = 3.555;
    bad.products.Essen = { Schinkenweck: 3.5 };
    bad.bars["Küche"] = "Essen";
    bad.tables.size = [6];
    bad.tables.names[3] = [0, 3, 1, 1];
    bad.ui.bar.timeout = [600, 120];
    bad.ui.bar.auto_close = "yes";
    bad.ui.service.category_color_map.Bier = 15;
    const { code, output, out } = await importData(bad);
    expect(code).toBe(1);
    for (const line of [
      "products.Bier[0][1]: must be a number such as 3.5",
      "products.Bier[1][1]: must be a number such as 3.5",
      "products.Wein[0][1]: must have at most 2 decimals",
      "products.Essen: must be a list of [name, price]",
      "bars.Küche: must be a list of category names",
      "tables.size: must be [columns, rows], such as [6, 9]",
      'tables.names[3]: must be [x, y, xlen, ylen, name], such as [0, 0, 1, 1, "A1"]',
      "ui.bar.timeout: warn (the first number) must be less than crit",
      "ui.bar.auto_close: Invalid input: expected boolean, received string",
      "ui.service.category_color_map.Bier: Too big: expected number to be <=14",
    ])
      expect(output).toContain(line);
    expect(output).toMatch(/10 error\(s\), \d+ warning\(s\); nothing written\./);
    expect(existsSync(out)).toBe(false);
  });

  it("a table outside its grid, and a table name used twice", async () => {
    const bad = shipped();
    bad.tables.names.push([6, 0, 1, 1, "G1"], [5, 8, 1, 2, "F10"], [0, 0, 1, 1, "A1"]);
    const { code, output, out } = await importData(bad);
    expect(code).toBe(1);
    expect(output).toContain('tables.names[54]: table "G1" at x=6, y=0 (1×1) lies outside the 6×9 grid');
    expect(output).toContain('tables.names[55]: table "F10" at x=5, y=8 (1×2) lies outside the 6×9 grid');
    expect(output).toContain('tables.names[56]: the table name "A1" is used twice (also at index 0)');
    expect(existsSync(out)).toBe(false);
  });

  it("an older file whose product names a category number that does not exist", async () => {
    const older = JSON.parse(readFileSync(join(root, "test/fixtures/minipos/older-every-field.json"), "utf8"));
    older["product/available"].push(["Kaffee", 2, 3]);
    older["table/names"][0] = [3, 0, 1, 1, "1"];
    const { code, output, out } = await importData(older);
    expect(code).toBe(1);
    expect(output).toContain("product/available[6][2]: there is no category number 3: product/categories has 3 (numbered from 0)");
    expect(output).toContain('table/names[0]: table "1" at x=3, y=0 (1×1) lies outside the 3×2 grid');
    expect(existsSync(out)).toBe(false);
  });

  it("a file that is not there", async () => {
    const run = runScript("import-minipos.ts", [join(tmpdir(), "no-such-mini_pos.json")]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/cannot read .*no-such-mini_pos\.json: there is no such file/);
  });

  it("keeps an existing --out file unless --force is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mini-pos-import-"));
    const out = join(dir, "config.json");
    writeFileSync(out, "my own config");
    const refused = runScript("import-minipos.ts", [reference, "--out", out]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`${out} exists already: nothing written. Pass --force to overwrite it`);
    expect(readFileSync(out, "utf8")).toBe("my own config");
    const forced = runScript("import-minipos.ts", [reference, "--out", out, "--force"]);
    expect(await forced.exited, forced.output()).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).products).toHaveLength(34);
  });

  it("a wrong option or event field, with the usage", async () => {
    const noFile = runScript("import-minipos.ts", []);
    expect(await noFile.exited).toBe(2);
    expect(noFile.output()).toContain("usage: npm run import-minipos -- FILE");
    const language = runScript("import-minipos.ts", [reference, "--language", "fr"]);
    expect(await language.exited).toBe(2);
    expect(language.output()).toContain('--language must be de or en, not "fr"');
    const { code, output, out } = await importData(shipped(), ["--currency", "euro", "--id", "Not An Id"]);
    expect(code).toBe(1);
    expect(output).toContain("output currency: must be a 3-letter ISO 4217 code such as EUR");
    expect(output).toContain("output id: must be 1–48 characters");
    expect(existsSync(out)).toBe(false);
  });
});
