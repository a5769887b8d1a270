// A counter order's bill is keyed "#<order id>", which means nothing to a person (issue 22). Where
// a bill reaches people — the payments list, the audit, a shift's open tables, the refusal of a new
// event while bills are open, payments.csv and voids.csv — the counter's bill carries its cash desk
// and the order's number, and placeName words them "Kasse Süd · Nr. 7"; table bills stay as they are.
import { SELF } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { counterBill, placeName, type AuditEntry, type Order, type OpenTableBill, type Payment, type WaiterShift } from "../../worker/protocol.ts";
import { api, BASE, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, allItems, freshTable, mustPay, reverse, voidItems } from "./money-helpers.ts";
import { COUNTERS, dropCounters, mustCounterOrder, useCounters } from "./counter-helpers.ts";

let admin: string, anna: string;
/** At "Kasse Süd": 2× Pommes, one voided, the other paid and the payment reversed (so it is open again). */
let counterOrder: Order;
let counterPayment: Payment;
let key: string;
let table: string;
let tablePayment: Payment;
let worded: string;

beforeAll(async () => {
  await useCounters();
  [admin, anna] = await Promise.all([login("admin", "Chefin"), login("waiter", "Anna Namen")]);
  counterOrder = await mustCounterOrder(anna, [{ product: "pommes", qty: 2 }], { counter: "kasse-2" });
  key = counterBill(counterOrder.id);
  worded = `Kasse Süd · Nr. ${counterOrder.number}`;
  const voided = await voidItems(anna, { order: counterOrder.id, line: 0, qty: 1, adminPin: ADMIN_PIN });
  expect(voided.status, voided.text).toBe(201);
  counterPayment = await mustPay(anna, { table: key, items: [{ order: counterOrder.id, line: 0, qty: 1 }] });
  const reversed = await reverse(admin, counterPayment.id, "falsche Zahlart");
  expect(reversed.status, reversed.text).toBe(200);
  table = freshTable();
  const tableOrder = await mustPlaceOrder(anna, { table, items: [{ product: "pils", qty: 1 }] });
  tablePayment = await mustPay(anna, { table, items: allItems(tableOrder) });
});
afterAll(dropCounters);

const place = () => ({ counter: "kasse-2", number: counterOrder.number });

describe("placeName", () => {
  it("names a counter bill by its desk and number in German and English, a table by its name, never by the key", () => {
    expect(placeName(key, place(), COUNTERS, "de")).toBe(worded);
    expect(placeName(key, place(), COUNTERS, "en")).toBe(`Kasse Süd · No. ${counterOrder.number}`);
    expect(placeName(key, { counter: "weg", number: null }, COUNTERS, "de")).toBe("weg");
    expect(placeName(key, undefined, COUNTERS, "en")).toBe("Counter");
    expect(placeName("A1", undefined, COUNTERS, "de")).toBe("A1");
  });
});

describe("the records people read", () => {
  it("GET /payments gives the counter payment its desk and number, the table payment none", async () => {
    const res = await api<{ payments: Payment[] }>("GET", "/api/v1/payments", undefined, admin);
    expect(res.status, res.text).toBe(200);
    const counter = res.body.payments.find((p) => p.id === counterPayment.id)!;
    expect(counter).toMatchObject({ table: key, place: place() });
    expect(placeName(counter.table, counter.place, COUNTERS, "de")).toBe(worded);
    const atTable = res.body.payments.find((p) => p.id === tablePayment.id)!;
    expect(atTable.table).toBe(table);
    expect(atTable).not.toHaveProperty("place");
  });

  it("the audit's void and reversal of the counter order name the desk and number", async () => {
    const res = await api<{ entries: AuditEntry[] }>("GET", "/api/v1/audit", undefined, admin);
    expect(res.status, res.text).toBe(200);
    const mine = res.body.entries.filter((e) => e.table === key);
    expect(mine.map((e) => e.kind).sort()).toEqual(["reversal", "void"]);
    for (const e of mine) expect(placeName(e.table, e.place, COUNTERS, "de")).toBe(worded);
  });

  it("the waiter's shift lists the open counter bill with its desk and number", async () => {
    const res = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, admin);
    expect(res.status, res.text).toBe(200);
    const shift = res.body.waiters.find((w) => w.name === "Anna Namen")!;
    expect(shift.openTables).toEqual([key]);
    expect(shift.places).toEqual({ [key]: place() });
    expect(shift.openTables.map((t) => placeName(t, shift.places?.[t], COUNTERS, "de"))).toEqual([worded]);
  });

  it("a new event is refused naming the counter bill by its desk and number, never by its key", async () => {
    const res = await api("POST", "/api/v1/events", { id: "naechstes-fest", name: "Nächstes Fest" }, admin);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe("OPEN_BILLS");
    const bill = (res.body.error.openBills as OpenTableBill[]).find((b) => b.table === key)!;
    expect(bill).toMatchObject({ place: place(), openCents: counterPayment.amountCents + counterPayment.depositCents });
    expect(res.body.error.message).toContain(`${worded}: `);
    expect(res.body.error.message).not.toContain(key);
  });
});

describe("payments.csv and voids.csv", () => {
  async function csv(file: string): Promise<Record<string, string>[]> {
    const res = await SELF.fetch(`${BASE}/api/v1/report/${file}.csv?tz=UTC`, { headers: { cookie: admin } });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
  }

  it("give the counter and the number their own columns after the ones there were; a table payment leaves them empty", async () => {
    const payments = await csv("payments");
    expect(Object.keys(payments[0]!).slice(-3)).toEqual(["reverse_reason", "counter", "number"]);
    expect(payments.find((r) => r.id === counterPayment.id)).toMatchObject({ table: key, counter: "kasse-2", number: String(counterOrder.number) });
    expect(payments.find((r) => r.id === tablePayment.id)).toMatchObject({ table, counter: "", number: "" });
    const voids = await csv("voids");
    expect(Object.keys(voids[0]!).slice(-3)).toEqual(["approved_by", "counter", "number"]);
    expect(voids.find((r) => r.order_id === counterOrder.id)).toMatchObject({ table: key, counter: "kasse-2", number: String(counterOrder.number), qty: "1" });
  });
});
