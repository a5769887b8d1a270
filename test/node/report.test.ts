// `npm run report` as the organiser runs it, on the data folder of a real server filled through
// the API: the PDF read back with pdftotext and pdfinfo, the CSV files parsed back with papaparse
// and compared with the API, the same folder read while the server runs and after it stopped,
// and every bad input answered with one line and exit code 1.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Payment, Report } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "../browser/api-client.ts";
import { screenshotDir, startTestServer, type TestServer } from "../browser/harness.ts";
import { runScript } from "./cli.ts";
import { commandMissing, hasSystemPackage } from "../systemPackages.ts";
import { fillEvening, type Evening } from "./report-evening.ts";
import { PINS } from "../pins.ts";
import { DatabaseSync } from "node:sqlite";

/** Makes a data folder look as if an older version last served it: its migration record lacks `name`. */
function forgetMigration(data: string, name: string): void {
  const dir = join(data, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => /^[0-9a-f]{64}\.sqlite$/.test(f))!;
  const db = new DatabaseSync(join(dir, file));
  db.prepare("DELETE FROM d1_migrations WHERE name = ?").run(name);
  db.close();
}

const work = mkdtempSync(join(tmpdir(), "mini-pos-report-"));
const data = join(work, "data");
let server: TestServer | undefined;
let evening: Evening;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer(undefined, { data });
  evening = await fillEvening(server.base);
  admin = await apiLogin(server.base, "Prüferin", PINS.admin);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function report(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runScript("report.ts", args);
  const code = await run.exited;
  return { code, output: run.output() };
}

/** Money as the report writes it, with plain spaces (pdftotext turns no-break spaces into spaces). */
const euro = (cents: number) => new Intl.NumberFormat("de", { style: "currency", currency: "EUR" }).format(cents / 100).replace(/\s/g, " ");
const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\u00a0/g, " ");
const pdfPages = (file: string) => Number(execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/^Pages:\s+(\d+)/m)![1]);
const parseCsv = (file: string) => {
  const text = readFileSync(file, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};
const cents = (decimal: string) => Math.round(Number(decimal) * 100);

/** The evening's figures, from what fillEvening sent: goods from the orders, money from the payments. */
function expected(e: Evening) {
  const items = e.orders.flatMap((o) => o.tickets.flatMap((t) => t.items));
  const live = e.payments.filter((p) => p.reversal === null);
  const goods = (methods: string[]) => live.filter((p) => methods.includes(p.method)).reduce((s, p) => s + p.amountCents, 0);
  const orderedCents = items.reduce((s, i) => s + i.qty * i.unitCents, 0);
  const salesCents = goods(["cash", "card", "voucher"]);
  const freeCents = goods(["free"]);
  const voidedCents = items.reduce((s, i) => s + i.voidedQty * i.unitCents, 0);
  return {
    orders: e.orders.length,
    qty: items.reduce((s, i) => s + i.qty, 0),
    orderedCents,
    salesCents,
    freeCents,
    voidedCents,
    // What no payment covered and no void took: open.
    openCents: orderedCents - salesCents - freeCents - voidedCents,
    moneyInCents: live.filter((p) => p.method === "cash" || p.method === "card").reduce((s, p) => s + p.totalCents, 0),
    tipsCents: live.reduce((s, p) => s + p.tipCents, 0),
  };
}

const hasPoppler = hasSystemPackage(commandMissing("pdftotext", ["-v"], "sudo apt-get install -y poppler-utils"), "The report's PDF tests");

describe.skipIf(!hasPoppler)("npm run report on a running server's data folder", () => {
  const pdf = join(work, "report.pdf");
  const csvDir = join(work, "csv");
  let run: { code: number | null; output: string };
  let apiReport: Report;

  beforeAll(async () => {
    run = await report(["--data", data, "--out", pdf, "--csv", csvDir]);
    apiReport = await admin.get<Report>("/report");
  }, 60_000);

  it("writes the PDF, prints where and the headline figures", () => {
    expect(run.code, run.output).toBe(0);
    const e = expected(evening);
    expect(run.output).toContain(`Wrote ${pdf}`);
    const output = run.output.replace(/\s/g, " ");
    expect(output).toContain(`Bestellungen: ${e.orders} · Artikel: ${e.qty} · Umsatz: ${euro(e.salesCents)} · Frei ausgegeben: ${euro(e.freeCents)} · Offen: ${euro(e.openCents)} · Storniert: ${euro(e.voidedCents)}`);
    expect(output).toContain(`Geld eingenommen: ${euro(e.moneyInCents)}`);
    expect(output).toContain(`Trinkgeld: ${euro(e.tipsCents)}`);
    expect(output).not.toContain("Einnahmen");
    expect(apiReport.headline).toMatchObject({ orders: e.orders, qty: e.qty, orderedCents: e.orderedCents, salesCents: e.salesCents, freeCents: e.freeCents, openCents: e.openCents, voidedCents: e.voidedCents, moneyInCents: e.moneyInCents, tipsCents: e.tipsCents });
    // C2's second round is unpaid, so something is open.
    expect(e.openCents).toBeGreaterThan(0);
  });

  it("has a title page a treasurer can sign, with totals that reconcile, and the products table", () => {
    const text = pdfText(pdf);
    const h = apiReport.headline;
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(4);
    expect(text).toContain("Abschlussbericht");
    expect(text).toContain("Sommerfest TSV Musterdorf 2026");
    const flat = text.replace(/\s+/g, " ");
    expect(text).toMatch(new RegExp(`Bestellungen\\s+${h.orders}\\n`));
    expect(text).not.toContain("Einnahmen");
    // The goods: ordered = sales + given away + open + voided, in items and cents, and the check spelled out.
    expect(text).toMatch(new RegExp(`Bestellt\\s+${h.qty}\\s+${euro(h.orderedCents)}`));
    expect(text).toMatch(new RegExp(`Umsatz \\(bezahlt mit Bar, Karte oder Wertmarke\\)\\s+${h.soldQty}\\s+${euro(h.salesCents)}`));
    expect(text).toMatch(new RegExp(`Frei ausgegeben \\(Zahlart Frei, zum Warenwert, kein Umsatz\\)\\s+${h.freeQty}\\s+${euro(h.freeCents)}`));
    expect(text).toMatch(new RegExp(`Offen \\(bestellt, noch nicht bezahlt oder storniert\\)\\s+${h.openQty}\\s+${euro(h.openCents)}`));
    expect(text).toMatch(new RegExp(`Storniert\\s+${h.voidedQty}\\s+${euro(h.voidedCents)}`));
    expect(flat).toContain(`Abgleich: Bestellt = Umsatz + Frei ausgegeben + Offen + Storniert ${euro(h.orderedCents)} = ${euro(h.salesCents)} + ${euro(h.freeCents)} + ${euro(h.openCents)} + ${euro(h.voidedCents)}; ${h.qty} = ${h.soldQty} + ${h.freeQty} + ${h.openQty} + ${h.voidedQty} Artikel: stimmt`);
    expect(h.orderedCents).toBe(h.salesCents + h.freeCents + h.openCents + h.voidedCents);
    // Money in = cash + card, each with deposits and tips, and its check.
    const sum = (k: "goodsCents" | "depositOutCents" | "depositBackCents" | "tipsCents") => h.byMethod.filter((m) => m.method === "cash" || m.method === "card").reduce((s, m) => s + m[k], 0);
    expect(flat).toContain(`${euro(h.moneyInCents)} = ${euro(sum("goodsCents"))} + ${euro(sum("depositOutCents"))} - ${euro(sum("depositBackCents"))} + ${euro(sum("tipsCents"))}: stimmt`);
    expect(flat).toContain(`Abgleich: Umsatz = Waren der Zahlungen mit Bar, Karte und Wertmarke ${euro(h.salesCents)} = ${euro(h.salesCents)}: stimmt`);
    expect(text).toMatch(new RegExp(`Geld eingenommen \\(Bar \\+ Karte\\)\\s+${euro(h.moneyInCents)}`));
    expect(text).toMatch(new RegExp(`Wertmarken eingelöst \\(ihr Geld kam beim Verkauf der Wertmarken\\)\\s+${euro(h.voucherCents)}`));
    expect(flat).toContain(`Trinkgeld (gehört den Bedienungen) ${euro(h.tipsCents)}, davon per Karte ${euro(h.cardTipsCents)}`);
    for (const label of ["Kassenwart/in", "Veranstalter/in", "Ort, Datum"]) expect(text).toContain(label);
    // Every product on one line of the table: rank, name, ordered, sold, given away, open, voided and sales.
    for (const [i, p] of apiReport.products.entries()) {
      const row = new RegExp(`^\\s*${i + 1}\\s+${p.name}\\s+.*\\s${p.qty}\\s+${p.soldQty}\\s+${p.freeQty}\\s+${p.openQty}\\s+${p.voidedQty}\\s+${euro(p.salesCents)}\\s*$`, "m");
      expect(text, p.name).toMatch(row);
    }
    // The items of page 1 are the products' items.
    expect(apiReport.products.reduce((s, p) => s + p.qty, 0)).toBe(h.qty);
    // Every table with its open goods: the unpaid C2 round shows.
    const c2 = apiReport.tables.find((x) => x.table === "C2")!;
    expect(c2.openCents).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`^\\s*C2\\s+2\\s+${euro(c2.salesCents)}\\s+${euro(c2.freeCents)}\\s+${euro(c2.openCents)}\\s+${euro(c2.voidedCents)}\\s*$`, "m"));
    expect(text).toContain("Käseweck");
    expect(text).toContain("Prüfliste: Stornos, Rückbuchungen und Freigaben");
    // The round given to the band, approved with the admin PIN.
    expect(text).toMatch(/Ausgegeben.*Band/s);
    expect(text).toContain("falsche Zahlart");
    expect(text).toContain("Falsch bestellt");
    expect(text).toMatch(/Seite 1 von \d+/);
  });

  it("renders its pages to pictures for the README (docs/screenshots with UPDATE_SCREENSHOTS=1)", () => {
    mkdirSync(screenshotDir, { recursive: true });
    for (const f of readdirSync(screenshotDir)) if (/^report-page-\d+\.png$/.test(f)) rmSync(join(screenshotDir, f));
    execFileSync("pdftoppm", ["-png", "-r", "80", pdf, join(screenshotDir, "report-page")]);
    const pages = readdirSync(screenshotDir).filter((f) => /^report-page-\d+\.png$/.test(f));
    expect(pages).toHaveLength(pdfPages(pdf));
  });

  it("writes CSV files that parse back to the API's payments, orders, items and settlements", async () => {
    const payments = parseCsv(join(csvDir, "payments.csv"));
    const fromApi = (await admin.get<{ payments: Payment[] }>("/payments")).payments.sort((a, b) => a.seq - b.seq);
    expect(payments.map((p) => [p.id, p.method, cents(p.total!), p.reversed_by])).toEqual(fromApi.map((p) => [p.id, p.method, p.totalCents, p.reversal?.by ?? ""]));
    const live = payments.filter((p) => p.reversed_at === "");
    expect(live.filter((p) => p.method !== "free").reduce((s, p) => s + cents(p.goods!), 0)).toBe(apiReport.headline.salesCents);
    expect(live.filter((p) => p.method === "cash" || p.method === "card").reduce((s, p) => s + cents(p.total!), 0)).toBe(apiReport.headline.moneyInCents);
    expect(payments[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

    const orders = parseCsv(join(csvDir, "orders.csv"));
    expect(orders.map((o) => o.id)).toEqual(evening.orders.map((o) => o.id));
    expect(orders.reduce((s, o) => s + cents(o.open!), 0)).toBe(apiReport.headline.openCents);
    expect(orders.reduce((s, o) => s + cents(o.sales!), 0)).toBe(apiReport.headline.salesCents);
    expect(orders.reduce((s, o) => s + cents(o.given_away!), 0)).toBe(apiReport.headline.freeCents);

    const items = parseCsv(join(csvDir, "items.csv"));
    for (const p of apiReport.products) {
      const mine = items.filter((i) => i.product_id === p.product);
      expect(mine.reduce((s, i) => s + Number(i.qty), 0), p.name).toBe(p.qty);
      expect(mine.reduce((s, i) => s + Number(i.sold_qty), 0), p.name).toBe(p.soldQty);
      expect(mine.reduce((s, i) => s + Number(i.open_qty), 0), p.name).toBe(p.openQty);
    }
    expect(items.find((i) => i.product_id === "pommes")?.options).toBe("rot-weiß");

    expect(parseCsv(join(csvDir, "voids.csv"))).toEqual([expect.objectContaining({ product: "Käseweck", qty: "1", note: "falsch getippt" })]);
    expect(parseCsv(join(csvDir, "settlements.csv"))).toEqual([expect.objectContaining({ waiter: "Anna", float: "50.00", difference: "-1.50" })]);
  });

  it("leaves the server working, and reads the same folder again after the server stopped", async () => {
    const waiter = await apiLogin(server!.base, "Anna", PINS.waiter);
    await placeOrder(waiter, "D1", [{ product: "cola", qty: 1 }]);
    await server!.stop();
    server = undefined;
    const again = await report(["--data", data, "--out", join(work, "after.pdf"), "--csv", join(work, "after")]);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`Bestellungen: ${evening.orders.length + 1}`);
    expect(parseCsv(join(work, "after", "orders.csv"))).toHaveLength(evening.orders.length + 1);
  });
});

describe("bad input to npm run report", () => {
  it("answers each with one line and exit code 1, never a stack trace", async () => {
    const empty = await startTestServer(undefined, { data: join(work, "empty") });
    await empty.stop();
    // A folder last served by the version before counter service: its record lacks the newest migration.
    const old = await startTestServer(undefined, { data: join(work, "old") });
    await old.stop();
    forgetMigration(join(work, "old"), "0007_counters.sql");
    const cases: [string[], RegExp][] = [
      [["--data", data, "--event", "no-such-event"], /^no event "no-such-event" in .+ \(it holds: sommerfest-2026\)$/],
      [["--data", join(work, "empty")], /^event "sommerfest-2026" has no orders: nothing to report$/],
      [["--data", join(work, "missing")], /^the data folder .+missing does not exist/],
      [["--data", data, "--from", "2026-07-04T22:00", "--to", "2026-07-04T18:00"], /^--from must be before --to$/],
      [["--data", data, "--from", "gestern"], /^--from must be a date and time such as 2026-07-04T18:00, not "gestern"$/],
      [["--data", data, "--colour"], /^Unknown option '--colour'/],
      [["--data", join(work, "old")], /^.+old was last served by an older Mini POS \(its data lacks 0007_counters\.sql\): start this version on it once/],
    ];
    const runs = await Promise.all(cases.map(([args]) => report(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const { code, output } = runs[i]!;
      expect(code, `${args.join(" ")}: ${output}`).toBe(1);
      expect(output.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(output.trim(), args.join(" ")).toMatch(message);
    }
  }, 120_000);
});
