// The print queue inside the real coordinator and D1 (issue 21), with the kitchen's printer at an
// address where nothing listens (127.0.0.1:1): the jobs an order, a move or a request makes are
// rows of the same batch, the stream tells each station about its own printer, a restart turns a
// job cut short into `unsure` (never sent again by itself), an old job turns `stale`, and the print
// requests answer like every command (replay, conflict, refusal by path). What a real printer
// receives is tested against the real server in test/node/print-queue.test.ts.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../config.json";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import type { PrintJob, TicketDocument } from "../../worker/protocol.ts";
import { api, count, EVENT_ID, failNextBatch, login, mustPlaceOrder, placeOrder, type Frame } from "./helpers.ts";
import { freshTable, move, mustPay, streamsClosedAfterEach, useConfig } from "./money-helpers.ts";

const stub = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a config with the print keys the JSON import lacks
type Config = Record<string, any>;

/** The kitchen prints on "kueche" (unreachable); the bar has no printer; receipts go to "kueche" too. */
function withPrinters(c: Config, receipts = true) {
  c.printers = [{ id: "kueche", name: "Drucker Küche", host: "127.0.0.1", port: 1 }];
  c.stations = c.stations.map((s: Record<string, unknown>) => (s.id === "kitchen" ? { ...s, printer: "kueche" } : s));
  if (receipts) c.payment = { ...c.payment, receipt_printer: "kueche" };
  c.venue = { name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1"] };
}

/** The same config for the worker's routes (SELF) and the coordinator. */
async function usePrinters(change: (c: Config) => void = withPrinters) {
  const next: Config = structuredClone(config);
  change(next);
  (env as { EVENT_CONFIG?: string }).EVENT_CONFIG = JSON.stringify(next);
  await useConfig(change);
}

async function jobRow(id: string) {
  return env.DB.prepare("SELECT * FROM print_jobs WHERE id = ?").bind(id).first<Record<string, any>>();
}

let waiter: string, station: string, admin: string;
beforeAll(async () => {
  await usePrinters();
  [waiter, station, admin] = await Promise.all([login("waiter", "Dora"), login("station", "Grill"), login("admin", "Chef")]);
});
afterAll(async () => {
  (env as { EVENT_CONFIG?: string }).EVENT_CONFIG = undefined;
  await useConfig();
});
const stream = streamsClosedAfterEach();

describe("print jobs in the coordinator", () => {
  it("writes a kitchen ticket's job with the order, answers at once, and tells the kitchen (not the bar) that it waits", async () => {
    const kitchenSocket = await stream(station, "?station=kitchen");
    const barSocket = await stream(station, "?station=bar");
    await kitchenSocket.next();
    await barSocket.next();
    const started = Date.now();
    const order = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "pommes", qty: 2, note: "scharf" }, { product: "pils", qty: 1 }] });
    expect(Date.now() - started).toBeLessThan(2_000);
    const jobId = `${order.id}.kitchen.ticket`;
    const row = await jobRow(jobId);
    expect(row).toMatchObject({ printer: "kueche", kind: "ticket", order_id: order.id, ticket_id: `${order.id}.kitchen` });
    const doc = JSON.parse(row!.document) as TicketDocument;
    expect(doc).toMatchObject({ kind: "ticket", station: "Küche", table: order.table, waiter: "Dora", lines: [{ qty: 2, name: "Pommes", note: "scharf" }] });
    // No job for the bar: it has no printer.
    expect(await count("SELECT count(*) AS n FROM print_jobs WHERE order_id = ?", order.id)).toBe(1);

    let seen: Frame | undefined;
    for (let i = 0; i < 10 && !seen; i++) {
      const frame = await kitchenSocket.next(5_000);
      if (frame.type === "print.changed" && frame.jobs.some((j: PrintJob) => j.id === jobId && j.state === "waiting" && j.attempts >= 1)) seen = frame;
    }
    expect(seen!.jobs.find((j: PrintJob) => j.id === jobId).lastError).toBe("Drucker Küche: keine Verbindung");
    expect(seen!.printers).toEqual([expect.objectContaining({ id: "kueche", name: "Drucker Küche", state: "offline", stations: ["kitchen"] })]);
    const barFrames = (await barSocket.drain(300)) as Frame[];
    expect(barFrames.filter((f) => f.type === "print.changed")).toEqual([]);

    const printers = await api("GET", "/api/v1/printers", undefined, station);
    expect(printers.body.printers[0]).toMatchObject({ id: "kueche", state: "offline" });
    expect(printers.body.printers[0].waiting).toBeGreaterThanOrEqual(1);
  });

  it("stores neither the order nor its jobs when the batch fails", async () => {
    await failNextBatch();
    const res = await placeOrder(waiter, { table: freshTable(), items: [{ product: "pommes", qty: 1 }] });
    expect(res.status).toBe(500);
    expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", res.sent.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM print_jobs WHERE order_id = ?", res.sent.id)).toBe(0);
  });

  it("turns a job left `sending` by a restart into `unsure` and never sends it again by itself", async () => {
    const order = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "wurstsalat", qty: 1 }] });
    const jobId = `${order.id}.kitchen.ticket`;
    await env.DB.prepare("UPDATE print_jobs SET state = 'sending', attempts = 1 WHERE id = ?").bind(jobId).run();
    // What a new coordinator does first: the start's check (worker/print/queue.ts).
    await runInDurableObject(stub(), async (instance: EventCoordinator) => {
      const queue = (instance as any).print;
      queue.started = undefined;
      await queue.start();
    });
    expect(await jobRow(jobId)).toMatchObject({ state: "unsure", attempts: 1 });
    await runInDurableObject(stub(), (instance: EventCoordinator) => (instance as any).print.printers.clear());
    await runDurableObjectAlarm(stub());
    expect(await jobRow(jobId)).toMatchObject({ state: "unsure", attempts: 1 });
    const listed = await api("GET", "/api/v1/print-jobs?printer=kueche", undefined, admin);
    expect(listed.body.jobs.find((j: PrintJob) => j.id === jobId)).toMatchObject({ state: "unsure", lastError: expect.stringContaining("Neustart") });
  });

  it("does not print a job late: older than printing.max_age_minutes it becomes stale", async () => {
    const order = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "kaeseweck", qty: 1 }] });
    const jobId = `${order.id}.kitchen.ticket`;
    await env.DB.prepare("UPDATE print_jobs SET created_at = created_at - 16 * 60000 WHERE id = ?").bind(jobId).run();
    await runInDurableObject(stub(), async (instance: EventCoordinator) => {
      const queue = (instance as any).print;
      queue.printers.clear();
      await queue.alarm();
    });
    expect(await jobRow(jobId)).toMatchObject({ state: "stale", last_error: "wartete länger als 15 min" });
  });

  it("reprints and cancels by request, exactly once by the screen's id, and refuses what it cannot do by path", async () => {
    const order = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "bratwurst", qty: 1 }, { product: "cola", qty: 1 }] });
    const jobId = `${order.id}.kitchen.ticket`;
    const id = crypto.randomUUID();
    const reprint = await api("POST", `/api/v1/print-jobs/${jobId}/reprint`, { id }, station);
    expect(reprint.status, reprint.text).toBe(201);
    expect(reprint.body.job).toMatchObject({ id, printer: "kueche", kind: "ticket", state: "waiting", ticketId: `${order.id}.kitchen` });
    expect(JSON.parse((await jobRow(id))!.document).reprint).toEqual({ reason: "request" });
    expect((await api("POST", `/api/v1/print-jobs/${jobId}/reprint`, { id }, station)).body.replay).toBe(true);
    const other = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "pommes", qty: 1 }] });
    const conflict = await api("POST", `/api/v1/print-jobs/${other.id}.kitchen.ticket/reprint`, { id }, station);
    expect([conflict.status, conflict.body.error.code, conflict.body.error.path]).toEqual([409, "ID_CONFLICT", "id"]);
    const missing = await api("POST", `/api/v1/print-jobs/nope/reprint`, { id: crypto.randomUUID() }, station);
    expect([missing.status, missing.body.error.path]).toEqual([404, "param.id"]);
    expect((await api("POST", `/api/v1/print-jobs/${jobId}/reprint`, { id: "x" }, station)).body.error.path).toBe("id");
    expect((await api("POST", `/api/v1/print-jobs/${jobId}/reprint`, { id: crypto.randomUUID() }, waiter)).status).toBe(403);

    const cancelled = await api("POST", `/api/v1/print-jobs/${id}/cancel`, undefined, admin);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.job.state).toBe("cancelled");
    expect((await api("POST", `/api/v1/print-jobs/${id}/cancel`, undefined, admin)).body.replay).toBe(true);
    await env.DB.prepare("UPDATE print_jobs SET state = 'printed' WHERE id = ?").bind(jobId).run();
    const printed = await api("POST", `/api/v1/print-jobs/${jobId}/cancel`, undefined, admin);
    expect([printed.status, printed.body.error.code]).toEqual([409, "ALREADY_PRINTED"]);

    const again = await api("POST", `/api/v1/tickets/${order.id}.kitchen/print`, { id: crypto.randomUUID() }, station);
    expect(again.status, again.text).toBe(201);
    const noPrinter = await api("POST", `/api/v1/tickets/${order.id}.bar/print`, { id: crypto.randomUUID() }, station);
    expect([noPrinter.status, noPrinter.body.error.code]).toEqual([409, "NO_PRINTER"]);
    expect((await api("GET", "/api/v1/print-jobs?printer=nope", undefined, admin)).body.error.path).toBe("query.printer");
  });

  it("makes one Bon per unit at a station with print: items, numbered, however many units an order has", async () => {
    await usePrinters((c) => {
      withPrinters(c);
      c.stations = c.stations.map((s: Record<string, unknown>) => (s.id === "bar" ? { ...s, printer: "kueche", print: "items" } : s));
    });
    const order = await mustPlaceOrder(waiter, { table: freshTable(), items: [{ product: "pils", qty: 12 }, { product: "cola", qty: 3, options: ["ohne Eis"] }] });
    const rows = await env.DB.prepare("SELECT id, kind, document FROM print_jobs WHERE ticket_id = ? ORDER BY part").bind(`${order.id}.bar`).all<Record<string, string>>();
    expect(rows.results.map((r) => r.id)).toEqual(Array.from({ length: 15 }, (_, i) => `${order.id}.bar.bon${i + 1}`));
    const docs = rows.results.map((r) => JSON.parse(r.document!));
    expect(docs.map((d) => [d.line.qty, d.line.name, d.index, d.of])).toEqual([
      ...Array.from({ length: 12 }, (_, i) => [1, "Pils", i + 1, 15]),
      ...Array.from({ length: 3 }, (_, i) => [1, "Cola", 13 + i, 15]),
    ]);
    expect(docs[14].line.options).toEqual(["ohne Eis"]);
    await usePrinters();
  });

  it("prints a moved ticket again naming the new table and the old one", async () => {
    const from = freshTable();
    const to = freshTable();
    const order = await mustPlaceOrder(waiter, { table: from, items: [{ product: "schnitzelweck", qty: 1 }] });
    const res = await move(waiter, from, { to });
    expect(res.status, res.text).toBe(201);
    const row = await jobRow(`${res.body.move.id}.${order.id}.kitchen`);
    expect(JSON.parse(row!.document)).toMatchObject({ kind: "ticket", table: to, reprint: { reason: "moved", from } });
  });

  it("makes a guest receipt job for the waiter who took the payment, not for another, and none without a receipt printer", async () => {
    const table = freshTable();
    const order = await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 2 }] });
    const payment = await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }], method: "cash" });
    const id = crypto.randomUUID();
    const res = await api("POST", `/api/v1/payments/${payment.id}/receipt`, { id, business: true }, waiter);
    expect(res.status, res.text).toBe(201);
    const doc = JSON.parse((await jobRow(id))!.document);
    expect(doc).toMatchObject({ kind: "receipt", business: true, venue: { name: "TSV Musterdorf e.V." }, totalCents: payment.totalCents, lines: [{ qty: 2, name: "Pils" }] });
    const other = await login("waiter", "Emil");
    expect((await api("POST", `/api/v1/payments/${payment.id}/receipt`, { id: crypto.randomUUID() }, other)).status).toBe(403);
    expect((await api("GET", `/api/v1/payments/${payment.id}/receipt`, undefined, other)).status).toBe(404);
    const page = await api("GET", `/api/v1/payments/${payment.id}/receipt?business=1`, undefined, waiter);
    expect(page.body.receipt.business).toBe(true);
    expect(page.body.lines.join("\n")).toContain("TSV Musterdorf e.V.");

    await usePrinters((c) => withPrinters(c, false));
    const none = await api("POST", `/api/v1/payments/${payment.id}/receipt`, { id: crypto.randomUUID() }, waiter);
    expect([none.status, none.body.error.code]).toEqual([409, "NO_PRINTER"]);
    await usePrinters();
  });
});
