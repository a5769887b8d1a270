// Shared steps of the printing browser tests (print-*.test.ts, issue 21): an event whose bar
// station and guest receipts print on a fake ESC/POS printer (test/fakePrinter.ts), and what that
// printer received, decoded back into text lines.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { FakePrinter } from "../fakePrinter.ts";
import { decodeEscPos, slipText } from "../print-decode.ts";

const root = join(import.meta.dirname, "../..");

/** config.json with the printer "Drucker Theke" at the fake printer's port: the bar station's tickets and guest receipts print there. */
export function writePrintConfig(port: number): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  config.printers = [{ id: "theke", name: "Drucker Theke", host: "127.0.0.1", port, width: 48 }];
  for (const s of config.stations) if (s.id === "bar") s.printer = "theke";
  config.payment = { ...config.payment, receipt_printer: "theke" };
  config.venue = { name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1", "12345 Musterdorf"] };
  const path = join(mkdtempSync(join(tmpdir(), "mini-pos-print-")), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** The slips the printer printed, as text lines each, in the order they came. */
export const slips = (printer: FakePrinter): string[][] => printer.received.map((bytes) => slipText(decodeEscPos(bytes)));

/** Waits until the printer has printed more than `before` slips; returns the new ones. */
export async function newSlips(printer: FakePrinter, before: number, timeout = 40_000): Promise<string[][]> {
  await expect.poll(() => printer.received.length, { timeout, interval: 200 }).toBeGreaterThan(before);
  return slips(printer).slice(before);
}

/** The printed lines as one text, spaces squeezed, for `toContain`. */
export const flat = (lines: string[]): string => lines.join("\n").replace(/[ ]+/g, " ");
