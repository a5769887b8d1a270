// Printers in config.json (issue 21): optional; every bad printer setting stops the start with its
// path, as every config error does (worker/config/schema.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../worker/config/schema.ts";
import { root } from "./cli.ts";

const base = () => JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
const errors = (raw: unknown) => checkConfig(raw).problems.filter((p) => p.level === "error").map((p) => `${p.path}: ${p.message}`);

function withPrinters(change: (c: any) => void = () => {}) {
  const c = base();
  c.venue = { name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1"] };
  c.printers = [
    { id: "kueche", name: "Drucker Küche", host: "192.168.4.50", port: 9100, width: 48, fallback: "theke" },
    { id: "theke", name: "Drucker Theke", host: "drucker-theke.local", width: 32 },
  ];
  c.printing = { max_age_minutes: 15 };
  c.stations[0].printer = "theke";
  c.stations[0].print = "items";
  c.stations[1].printer = "kueche";
  c.payment.receipt_printer = "theke";
  change(c);
  return c;
}

describe("printers in config.json", () => {
  it("are optional: config.json starts without them, with no printers and tickets by default", () => {
    const { config, problems } = checkConfig(base());
    expect(problems.filter((p) => p.level === "error")).toEqual([]);
    expect(config!.printers).toEqual([]);
    expect(config!.printing.max_age_minutes).toBe(15);
    expect(config!.stations.every((s) => s.print === "ticket" && s.printer === undefined)).toBe(true);
  });

  it("take the contract's setup, with port 9100 and width 48 by default", () => {
    const c = withPrinters((c) => delete c.printers[0].width);
    const { config, problems } = checkConfig(c);
    expect(problems.filter((p) => p.level === "error")).toEqual([]);
    expect(config!.printers[0]).toMatchObject({ port: 9100, width: 48, fallback: "theke" });
    expect(config!.printers[1]).toMatchObject({ port: 9100, width: 32 });
    expect(config!.venue).toEqual({ name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1"] });
  });

  it("name every bad printer setting by its path", () => {
    const found = errors(
      withPrinters((c) => {
        c.printers[0].host = "192.168.4.300";
        c.printers[1].port = 70000;
        c.printers.push({ id: "bon", name: "Bon", host: "10.0.0.9", width: 80, fallback: "bon" });
        c.printers.push({ id: "kueche", name: "Doppelt", host: "10.0.0.8" });
        c.stations[1].printer = "grill";
        c.stations[0].print = "alles";
        c.payment.receipt_printer = "kasse";
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^printers\[0\]\.host: must be an IPv4 address/),
        expect.stringMatching(/^printers\[1\]\.port: must be 1–65535/),
        expect.stringMatching(/^printers\[2\]\.width: must be 24–64 characters/),
        "printers[2].fallback: must name another printer, not itself",
        'printers[3].id: duplicate printer id "kueche" (also at printers[0])',
        'stations[1].printer: unknown printer "grill"',
        'stations[0].print: must be "ticket" or "items"',
        'payment.receipt_printer: unknown printer "kasse"',
      ]),
    );
  });

  it("names an unknown fallback, and a printer named where the config has none", () => {
    expect(errors(withPrinters((c) => (c.printers[1].fallback = "grill")))).toEqual(['printers[1].fallback: unknown printer "grill"']);
    const none = base();
    none.stations[1].printer = "kueche";
    expect(errors(none)).toEqual(['stations[1].printer: unknown printer "kueche" (the config has no printers)']);
  });
});
