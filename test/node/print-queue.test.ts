// Printing against the real server (issue 21): the worker in workerd sends to fake ESC/POS printers
// on 127.0.0.1 (test/fakePrinter.ts) with connect(). What a printer receives is decoded and read
// as a cook, a guest or a runner would: the table, the lines, notes, umlauts and € in CP858, the
// cut. Orders are answered at once whatever the printers do; every ticket prints exactly once.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getMenu, http, login } from "../../scripts/lib/loadClient.ts";
import type { Order, Payment, PrintJob } from "../../worker/protocol.ts";
import { FakePrinter } from "../fakePrinter.ts";
import { completeWith, jobs, printers, printingConfig, slips, startPrintServer, until, type PrintServer } from "./print-helpers.ts";

let kitchen: FakePrinter, bar: FakePrinter, till: FakePrinter;
let srv: PrintServer;
let waiter: string, station: string, admin: string;
let menuVersion: number;

beforeAll(async () => {
  [kitchen, bar, till] = await Promise.all([FakePrinter.start(), FakePrinter.start(), FakePrinter.start()]);
  srv = await startPrintServer(printingConfig({ kitchen: kitchen.port, bar: bar.port, till: till.port }));
  [waiter, station, admin] = await Promise.all([login(srv.base, "Jürgen", "waiter"), login(srv.base, "Grill", "station"), login(srv.base, "Chefin", "admin")]);
  menuVersion = (await getMenu(srv.base, waiter)).version;
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  await Promise.all([kitchen, bar, till].map((p) => p?.stop()));
});
afterEach(async () => {
  await Promise.all([kitchen, bar, till].map((p) => p.setMode("ok")));
});

type Line = { product: string; qty: number; note?: string; options?: string[] };
async function order(table: string, items: Line[]): Promise<{ order: Order; ms: number }> {
  const started = performance.now();
  const res = await http<{ order: Order }>(srv.base, "POST", "/api/v1/orders", { cookie: waiter, body: { id: randomUUID(), table, menuVersion, items } });
  const ms = performance.now() - started;
  expect(res.status, res.text).toBe(201);
  return { order: res.body.order, ms };
}

describe("printing to network printers", () => {
  it("prints a kitchen ticket once: table, quantities, options, the note with umlauts and € in CP858, and a cut", async () => {
    await order("A1", [{ product: "kaeseweck", qty: 2, options: ["ohne Butter"], note: "für Jürgen: 5 € passend" }, { product: "pommes", qty: 1 }]);
    const [ticket] = await until("the kitchen ticket", () => completeWith(kitchen, "Tisch A1").length === 1 && completeWith(kitchen, "Tisch A1"));
    const text = ticket!.text.join("\n");
    expect(text).toContain("2 × Käseweck");
    expect(text).toContain("+ ohne Butter");
    expect(text).toContain("für Jürgen: 5 € passend");
    expect(text).toContain("1 × Pommes");
    expect(text).toContain("Küche");
    expect(ticket!.slip.codepage).toBe("cp858");
    expect(ticket!.slip.unknown).toEqual([]);
    expect(ticket!.slip.commands.at(-1)).toMatch(/^cut/);
    const [job] = (await jobs(srv.base, station, "kueche")).filter((j) => j.title.includes("Tisch A1"));
    expect(job).toMatchObject({ kind: "ticket", state: "printed", printer: "kueche", printedBy: null, attempts: 1, lastError: null });
    expect((await printers(srv.base, station)).get("kueche")).toMatchObject({ state: "ok", waiting: 0, stations: ["kitchen"] });
  });

  it("prints one Bon per unit at a station with print: items, each numbered and cut", async () => {
    await order("A2", [{ product: "pils", qty: 2 }, { product: "radler", qty: 1, options: ["sauer"] }]);
    const bons = await until("three Bons", () => completeWith(bar, "Tisch A2").length === 3 && completeWith(bar, "Tisch A2"));
    const texts = bons.map((b) => b.text.join("\n"));
    expect(texts.filter((t) => t.includes("Pils"))).toHaveLength(2);
    expect(texts.filter((t) => t.includes("Radler") && t.includes("+ sauer"))).toHaveLength(1);
    expect(texts.map((t) => /([123])\/3/.exec(t)?.[1]).sort()).toEqual(["1", "2", "3"]);
    const barJobs = (await jobs(srv.base, station, "theke")).filter((j) => j.title.includes("Tisch A2"));
    expect(barJobs.map((j) => [j.kind, j.state])).toEqual(Array(3).fill(["bon", "printed"]));
  });

  it("answers orders at once while a printer is off, shows it offline with the jobs waiting, and prints each once when it is back", async () => {
    await bar.setMode("refuse");
    const placed = [];
    for (const table of ["B1", "B2", "B3", "B4"]) placed.push(await order(table, [{ product: "spezi", qty: 1 }]));
    // The order's answer never waits for the printer.
    for (const p of placed) expect(p.ms).toBeLessThan(1_500);
    const offline = await until("the bar printer offline", async () => {
      const status = (await printers(srv.base, admin)).get("theke")!;
      return status.state === "offline" && status.waiting === 4 && status;
    });
    expect(offline.name).toBe("Drucker Theke");
    // The first in line has been tried (and is tried again with backoff); the others wait behind it, in order.
    const waiting = await until("the first job tried", async () => {
      const list = (await jobs(srv.base, admin, "theke")).filter((j) => /Tisch B[1-4]/.test(j.title)).reverse();
      return list.length === 4 && list[0]!.state === "waiting" && list[0]!.attempts >= 1 && list;
    });
    expect(waiting[0]!.lastError).toBe("Drucker Theke: keine Verbindung");
    expect(waiting.map((j) => j.state)).toEqual(["waiting", "waiting", "waiting", "waiting"]);
    expect(completeWith(bar, "Tisch B")).toHaveLength(0);

    await bar.setMode("ok");
    await until("four Bons after the outage", () => completeWith(bar, "Tisch B").length >= 4, 90_000);
    await until("all printed", async () => (await jobs(srv.base, admin, "theke")).filter((j) => /Tisch B[1-4]/.test(j.title)).every((j) => j.state === "printed"));
    for (const table of ["B1", "B2", "B3", "B4"]) expect(completeWith(bar, `Tisch ${table}`), table).toHaveLength(1);
    expect((await printers(srv.base, admin)).get("theke")).toMatchObject({ state: "ok", waiting: 0 });
  }, 120_000);

  it("sends a dead printer's ticket to its fallback, which prints it at its own width", async () => {
    await kitchen.setMode("refuse");
    await order("C1", [{ product: "bratwurst", qty: 1, options: ["extra Senf"] }]);
    const [slip] = await until("the ticket at the fallback", () => completeWith(till, "Tisch C1").length === 1 && completeWith(till, "Tisch C1"));
    expect(slip!.text.join("\n")).toContain("1 × Bratwurst im Brötchen");
    expect(Math.max(...slip!.slip.lines.map((l) => l.columns))).toBeLessThanOrEqual(42);
    const [job] = (await jobs(srv.base, station, "kueche")).filter((j) => j.title.includes("Tisch C1"));
    expect(job).toMatchObject({ state: "printed", printer: "kueche", printedBy: "kasse" });
    expect(completeWith(kitchen, "Tisch C1")).toHaveLength(0);
    expect((await printers(srv.base, station)).get("kueche")!.state).toBe("offline");
  });

  it("sends a ticket whose connection dropped mid-job again, whole, and only once whole", async () => {
    await bar.setMode("drop");
    await order("C2", [{ product: "cola", qty: 1, note: "Strohhalm" }]);
    await until("a half Bon", () => bar.received.length > 0 && slips(bar).some((s) => !s.complete));
    await bar.setMode("ok");
    await until("the whole Bon", () => completeWith(bar, "Tisch C2").length === 1, 90_000);
    await until("printed", async () => (await jobs(srv.base, station, "theke")).find((j) => j.title.includes("Tisch C2"))?.state === "printed");
    expect(completeWith(bar, "Tisch C2")).toHaveLength(1);
  }, 120_000);

  it("holds jobs while the printer reports paper out, shows it, and prints when paper is in", async () => {
    await bar.setMode("paper_out");
    const before = bar.received.length;
    await order("C3", [{ product: "apfelschorle", qty: 1 }]);
    const status = await until("paper out", async () => ((await printers(srv.base, station)).get("theke")!.state === "paper_out" ? (await printers(srv.base, station)).get("theke") : undefined));
    expect(status!.waiting).toBe(1);
    const job = (await jobs(srv.base, station, "theke")).find((j) => j.title.includes("Tisch C3"))!;
    expect(job).toMatchObject({ state: "waiting", lastError: "Drucker Theke: Papier leer" });
    expect(bar.received.length).toBe(before);
    await bar.setMode("ok");
    await until("the Bon after the paper change", () => completeWith(bar, "Tisch C3").length === 1, 90_000);
  }, 120_000);

  it("prints a Storno slip at the kitchen when an item is voided", async () => {
    const { order: placed } = await order("D1", [{ product: "wurstsalat", qty: 2, options: ["ohne Zwiebeln"] }]);
    await until("the ticket", () => completeWith(kitchen, "Tisch D1").length === 1);
    const res = await http(srv.base, "POST", "/api/v1/voids", { cookie: admin, body: { id: randomUUID(), order: placed.id, line: 0, qty: 1, reason: "cancelled", note: "Gast ging" } });
    expect(res.status, res.text).toBe(201);
    const storno = await until("the Storno slip", () => completeWith(kitchen, "STORNO").find((s) => s.text.some((l) => l.includes("Tisch D1"))));
    const text = storno.text.join("\n");
    expect(text).toContain("1 × Wurstsalat");
    expect(text).toContain("Gast ging");
  });

  it("prints a ticket again on request, marked as a reprint, exactly once for the same request id", async () => {
    await order("D2", [{ product: "schnitzelweck", qty: 1 }]);
    await until("the ticket", () => completeWith(kitchen, "Tisch D2").length === 1);
    const original = (await jobs(srv.base, station, "kueche")).find((j) => j.title.includes("Tisch D2"))!;
    const id = randomUUID();
    const first = await http<{ job: PrintJob; replay: boolean }>(srv.base, "POST", `/api/v1/print-jobs/${original.id}/reprint`, { cookie: station, body: { id } });
    expect(first.status, first.text).toBe(201);
    const again = await http<{ job: PrintJob; replay: boolean }>(srv.base, "POST", `/api/v1/print-jobs/${original.id}/reprint`, { cookie: station, body: { id } });
    expect(again.status).toBe(200);
    expect(again.body.replay).toBe(true);
    await until("the reprint", () => completeWith(kitchen, "Tisch D2").length === 2);
    await new Promise((r) => setTimeout(r, 1_000));
    const copies = completeWith(kitchen, "Tisch D2");
    expect(copies).toHaveLength(2);
    expect(copies[1]!.text.join("\n")).toMatch(/NACHDRUCK/);
  });

  it("prints the guest receipt of a payment at the receipt printer: venue, items, total in €, receipt number", async () => {
    const { order: placed } = await order("E1", [{ product: "pils", qty: 2 }, { product: "pommes", qty: 1 }]);
    const paid = await http<{ payment: Payment }>(srv.base, "POST", "/api/v1/payments", {
      cookie: waiter,
      body: { id: randomUUID(), table: "E1", method: "cash", items: placed.tickets.flatMap((t) => t.items.map((i) => ({ order: placed.id, line: i.line, qty: i.qty }))), tipCents: 50 },
    });
    expect(paid.status, paid.text).toBe(201);
    const payment = paid.body.payment;
    const res = await http<{ job: PrintJob }>(srv.base, "POST", `/api/v1/payments/${payment.id}/receipt`, { cookie: waiter, body: { id: randomUUID(), business: false } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.job).toMatchObject({ kind: "receipt", printer: "kasse", paymentId: payment.id });
    const receipt = await until("the receipt", () => completeWith(till, "TSV Musterdorf e.V.")[0]);
    const text = receipt.text.join("\n");
    expect(text).toContain("Sportplatzweg 1");
    expect(text).toMatch(/2 × Pils|Pils/);
    expect(text).toContain("Pommes");
    expect(text).toContain("€");
    expect(text).toContain(`${new Date(payment.createdAt).getUTCFullYear()}-${String(payment.seq).padStart(4, "0")}`);
    const page = await http<{ lines: string[] }>(srv.base, "GET", `/api/v1/payments/${payment.id}/receipt`, { cookie: waiter });
    expect(page.status).toBe(200);
    expect(page.body.lines.join("\n")).toContain("TSV Musterdorf e.V.");
    const other = await login(srv.base, "Zweite", "waiter");
    expect((await http(srv.base, "POST", `/api/v1/payments/${payment.id}/receipt`, { cookie: other, body: { id: randomUUID() } })).status).toBe(403);
  });
});
