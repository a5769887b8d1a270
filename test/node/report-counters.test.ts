// `npm run report` for an evening with counter service (issue 22), on the data folder of a real
// server filled through the API: counter orders at two desks and one at a table, paid by cash and
// by voucher, vouchers sold by cash and card. The PDF's first page sets vouchers sold against
// redeemed (money in and its check with them, vouchers out), its counter page gives the sales per
// desk and for table service; the CSV files hold the voucher sales and the orders' counters.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { counterBill, type Menu, type Order, type Payment } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "../browser/api-client.ts";
import { startTestServer } from "../browser/harness.ts";
import { commandMissing, hasSystemPackage } from "../systemPackages.ts";
import { root, runScript } from "./cli.ts";

const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "mini-pos-report-counters-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const euro = (cents: number) => new Intl.NumberFormat("de", { style: "currency", currency: "EUR" }).format(cents / 100).replace(/\s/g, " ");
const hasPoppler = hasSystemPackage(commandMissing("pdftotext", ["-v"], "sudo apt-get install -y poppler-utils"), "The report's PDF tests");

async function counterOrder(waiter: Client, counter: string, items: { product: string; qty: number }[]): Promise<Order> {
  waiter.menuVersion ??= (await waiter.get<Menu>("/menu")).version;
  const res = await waiter.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), counter, menuVersion: waiter.menuVersion, items });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order;
}
async function payAll(waiter: Client, table: string, order: Order, method: string): Promise<Payment> {
  const items = order.tickets.flatMap((t) => t.items).map((i) => ({ order: order.id, line: i.line, qty: i.qty }));
  const res = await waiter.post<{ payment: Payment }>("/payments", { id: crypto.randomUUID(), table, method, items });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.payment;
}
async function sell(waiter: Client, counter: string, method: string, amountCents: number): Promise<void> {
  const res = await waiter.post("/voucher-sales", { id: crypto.randomUUID(), counter, method, amountCents });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe.skipIf(!hasPoppler)("npm run report with counter service", () => {
  it("sets vouchers sold against redeemed on page 1, gives the sales per desk and table service, and writes voucher_sales.csv", async () => {
    const configFile = join(work, "config.json");
    writeFileSync(configFile, JSON.stringify({ ...config, counters: [{ id: "kasse", name: "Kasse Nord" }, { id: "kasse-2", name: "Kasse Süd" }] }));
    const data = join(work, "data");
    const server = await startTestServer(configFile, { data });
    const payments: Payment[] = [];
    try {
      const waiter = await apiLogin(server.base, "Theke", config.access.waiterPin);
      const atTable = await placeOrder(waiter, config.tables.list[0].name, [{ product: "cola", qty: 2 }]);
      payments.push(await payAll(waiter, config.tables.list[0].name, atTable, "cash"));
      const nord = await counterOrder(waiter, "kasse", [{ product: "bratwurst", qty: 2 }]);
      payments.push(await payAll(waiter, counterBill(nord.id), nord, "voucher"));
      const sued = await counterOrder(waiter, "kasse-2", [{ product: "pommes", qty: 1 }]);
      payments.push(await payAll(waiter, counterBill(sued.id), sued, "cash"));
      await sell(waiter, "kasse", "cash", 2000);
      await sell(waiter, "kasse-2", "card", 1500);
    } finally {
      await server.stop();
    }

    const pdf = join(work, "bericht.pdf");
    const csvDir = join(work, "csv");
    const run = runScript("report.ts", ["--config", configFile, "--data", data, "--out", pdf, "--csv", csvDir]);
    expect(await run.exited, run.output()).toBe(0);

    const flat = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\u00a0/g, " ").replace(/\s+/g, " ");
    const total = (method: string) => payments.filter((p) => p.method === method).reduce((s, p) => s + p.totalCents, 0);
    const moneyIn = total("cash") + 3500;
    const redeemed = total("voucher");
    expect(flat).toContain(`Geld eingenommen (Bar + Karte) ${euro(moneyIn)}`);
    expect(flat).toContain(`+ ${euro(3500)} Wertmarken verkauft: stimmt`);
    expect(flat).toContain(`Wertmarken verkauft 2 – – – – ${euro(3500)}`);
    expect(flat).toContain(`Wertmarken verkauft (Geld ein, kein Umsatz) Bar ${euro(2000)} · Karte ${euro(1500)} · zurückgebucht 0`);
    expect(flat).toContain(`Wertmarken im Umlauf (verkauft - eingelöst) ${euro(3500 - redeemed)}`);
    // The cash rule over the evening: cash payments + vouchers sold for cash.
    expect(flat).toMatch(new RegExp(`Bargeld abzugeben: .*? ${euro(total("cash") + 2000)}`));
    // Page 1 is the one a treasurer signs: the signature lines are on it.
    expect(flat.indexOf("Geprüft und für richtig befunden")).toBeLessThan(flat.indexOf("Seite 1 von"));
    // The counter page: table service first, then the desks in config order.
    expect(flat).toContain("Verkauf je Kasse und Tischbedienung");
    expect(flat).toMatch(new RegExp(`Tischbedienung 1 ${euro(payments[0]!.amountCents)} .*Kasse Nord 1 ${euro(payments[1]!.amountCents)} .*${euro(2000)} Kasse Süd 1 ${euro(payments[2]!.amountCents)} .*${euro(1500)}`));
    expect(flat).toContain("Kassenbestellungen: Wartezeit (bestellt bis abholbereit)");

    const parse = (file: string) => Papa.parse<Record<string, string>>(readFileSync(join(csvDir, file), "utf8").slice(1), { header: true, skipEmptyLines: true }).data;
    const sales = parse("voucher_sales.csv");
    expect(sales.map((s) => [s.counter, s.method, s.amount])).toEqual([["kasse", "cash", "20.00"], ["kasse-2", "card", "15.00"]]);
    const orders = parse("orders.csv");
    expect(orders.map((o) => o.counter)).toEqual(["", "kasse", "kasse-2"]);
    expect(orders.map((o) => o.number)).toEqual(["1", "2", "3"]);
  }, 240_000);
});
