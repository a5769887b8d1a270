// What the printing tests against the real server share: a config with printers on fake ESC/POS
// printers (test/fakePrinter.ts), the server started the way `npm start` starts it, and waiting
// for what a printer received, decoded (test/print-decode.ts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogLevel } from "miniflare";
import { startServer, type StartedServer } from "../../scripts/lib/server.ts";
import { http, sleep } from "../../scripts/lib/loadClient.ts";
import { checkConfig } from "../../worker/config/schema.ts";
import type { PrintJob, PrinterStatus } from "../../worker/protocol.ts";
import { decodeEscPos, slipText, type DecodedSlip } from "../print-decode.ts";
import type { FakePrinter } from "../fakePrinter.ts";
import { root } from "./cli.ts";

/** config.json with three printers: the kitchen's (falling back to the till's), the bar's Bons, the till's receipts. */
export function printingConfig(ports: { kitchen: number; bar: number; till: number }, maxAgeMinutes = 15): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  config.venue = { name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1", "12345 Musterdorf"] };
  config.printers = [
    { id: "kueche", name: "Drucker Küche", host: "127.0.0.1", port: ports.kitchen, width: 48, fallback: "kasse" },
    { id: "theke", name: "Drucker Theke", host: "127.0.0.1", port: ports.bar, width: 32 },
    { id: "kasse", name: "Drucker Kasse", host: "127.0.0.1", port: ports.till, width: 42 },
  ];
  config.printing = { max_age_minutes: maxAgeMinutes };
  for (const s of config.stations) Object.assign(s, s.id === "kitchen" ? { printer: "kueche", print: "ticket" } : { printer: "theke", print: "items" });
  config.payment.receipt_printer = "kasse";
  const text = JSON.stringify(config);
  const { problems } = checkConfig(config);
  if (problems.some((p) => p.level === "error")) throw new Error(`test config invalid: ${JSON.stringify(problems)}`);
  return text;
}

export interface PrintServer {
  server: StartedServer;
  base: string;
  data: string;
  stop(keepData?: boolean): Promise<void>;
}

export async function startPrintServer(configText: string, data = mkdtempSync(join(tmpdir(), "mini-pos-print-"))): Promise<PrintServer> {
  const config = JSON.parse(configText);
  const server = await startServer({ root, configText, configuredAccess: config.access, host: "127.0.0.1", port: 0, data, logLevel: LogLevel.ERROR });
  return {
    server,
    base: server.url.origin,
    data,
    async stop(keepData = false) {
      await server.dispose();
      if (!keepData) rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value (not undefined/false) or `ms` pass. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Each slip the printer received, decoded; `complete`: those that end with a cut. */
export function slips(printer: FakePrinter): { slip: DecodedSlip; text: string[]; complete: boolean }[] {
  return printer.received.map((bytes) => {
    const slip = decodeEscPos(bytes);
    return { slip, text: slipText(slip), complete: slip.commands.some((c) => c.startsWith("cut")) };
  });
}

/** The complete slips whose text contains `marker` (a table name, an order reference). */
export const completeWith = (printer: FakePrinter, marker: string) => slips(printer).filter((s) => s.complete && s.text.some((l) => l.includes(marker)));

export async function jobs(base: string, cookie: string, printer: string): Promise<PrintJob[]> {
  const res = await http<{ jobs: PrintJob[] }>(base, "GET", `/api/v1/print-jobs?printer=${printer}`, { cookie });
  if (res.status !== 200) throw new Error(`print-jobs: ${res.text}`);
  return res.body.jobs;
}

export async function printers(base: string, cookie: string): Promise<Map<string, PrinterStatus>> {
  const res = await http<{ printers: PrinterStatus[] }>(base, "GET", "/api/v1/printers", { cookie });
  if (res.status !== 200) throw new Error(`printers: ${res.text}`);
  return new Map(res.body.printers.map((p) => [p.id, p]));
}
