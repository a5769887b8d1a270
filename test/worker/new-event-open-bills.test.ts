// A new event while money is open (issue 19 item 12): POST /events is refused with each open table
// and its amount, unless the organiser keeps the bills; then the old event's open bills stay
// payable from the phones (GET /open-bills, ?event= on bill, payments and voids), the money lands
// in the old event exactly once, its report still balances, and its cash can be settled.
// Its own file: it changes which event is current for every test after it.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bill, EarlierEventBills, EventSummary, Order, Session, WaiterShift } from "../../worker/protocol.ts";
import { expectedCountCents } from "../../worker/protocol.ts";
import { api, count, EVENT_ID, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, allItems, mustPay, valueOf } from "./money-helpers.ts";
import { loadConfigEvent, renameEvent } from "../../worker/config/event.ts";
import { coordinatorOf } from "../../worker/coordinator/stub.ts";
import { openDb } from "../../worker/db/client.ts";
import { readReport } from "../../worker/report/readReport.ts";
import { parseWindow } from "../../worker/report/windowInput.ts";

const OLD_NAME = "Sommerfest TSV Musterdorf 2026";
const NEXT = { id: "herbstfest-2026", name: "Herbstfest 2026" };
const euros = (cents: number) => new Intl.NumberFormat("de", { style: "currency", currency: "EUR" }).format(cents / 100);

let admin: string;
let anna: string;
/** D2: everything open; A1: one of two Pils paid; A5: paid in full (not open). */
let d2: Order;
let a1: Order;
let d2OpenCents: number;
let a1OpenCents: number;

beforeAll(async () => {
  [admin, anna] = await Promise.all([login("admin", "Chef"), login("waiter", "Anna")]);
  d2 = await mustPlaceOrder(anna, {
    table: "D2",
    items: [
      { product: "hefeweizen", qty: 2 },
      { product: "wurstsalat", qty: 1 },
      { product: "schnitzel-kartoffelsalat", qty: 2 },
      { product: "apfelschorle", qty: 1 },
    ],
  });
  a1 = await mustPlaceOrder(anna, { table: "A1", items: [{ product: "pils", qty: 2 }] });
  await mustPay(anna, { table: "A1", items: [{ order: a1.id, line: 0, qty: 1 }] });
  const a5 = await mustPlaceOrder(anna, { table: "A5", items: [{ product: "cola", qty: 1 }] });
  await mustPay(anna, { table: "A5", items: allItems(a5) });
  const total = (o: Order, refs = allItems(o)) => {
    const v = valueOf([o], refs);
    return v.amountCents + v.depositCents;
  };
  d2OpenCents = total(d2);
  a1OpenCents = total(a1, [{ order: a1.id, line: 0, qty: 1 }]);
});

async function events(): Promise<EventSummary[]> {
  const res = await api<{ events: EventSummary[] }>("GET", "/api/v1/events", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body.events;
}

async function openBills(cookie = anna): Promise<EarlierEventBills[]> {
  const res = await api<{ events: EarlierEventBills[] }>("GET", "/api/v1/open-bills", undefined, cookie);
  expect(res.status, res.text).toBe(200);
  return res.body.events;
}

const oldBill = (table: string, event = EVENT_ID) => api<Bill>("GET", `/api/v1/tables/${table}/bill?event=${event}`, undefined, anna);
const rowsIn = (tableName: string, id: string) => count(`SELECT count(*) AS n FROM ${tableName} WHERE id = ? AND event_id = ?`, id, EVENT_ID);

describe("a new event while bills are open", () => {
  it("is refused with 409 OPEN_BILLS naming each open table and its amount, and nothing changes", async () => {
    const seq = await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID);
    const res = await api("POST", "/api/v1/events", NEXT, admin);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "OPEN_BILLS",
      path: "openBills",
      openBills: [
        { table: "A1", openCents: a1OpenCents },
        { table: "D2", openCents: d2OpenCents },
      ],
    });
    expect(res.body.error.message).toContain(`A1: ${euros(a1OpenCents)}`);
    expect(res.body.error.message).toContain(`D2: ${euros(d2OpenCents)}`);
    expect(res.body.error.message).not.toContain("A5");

    const bad = await api("POST", "/api/v1/events", { ...NEXT, openBills: "drop" }, admin);
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.path).toBe("openBills");

    expect((await events()).map((e) => [e.id, e.current])).toEqual([[EVENT_ID, true]]);
    expect((await api("GET", "/api/v1/event", undefined, anna)).body.id).toBe(EVENT_ID);
    expect(await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID)).toBe(seq);
    expect(await count("SELECT count(*) AS n FROM events WHERE id = ?", NEXT.id)).toBe(0);
    expect(await openBills()).toEqual([]);
  });

  it('starts with "openBills": "keep"; the phones get the old event\'s open tables; the old event takes no more orders', async () => {
    const res = await api("POST", "/api/v1/events", { ...NEXT, openBills: "keep" }, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.event).toMatchObject(NEXT);
    expect((await events()).map((e) => [e.id, e.current])).toEqual([
      [NEXT.id, true],
      [EVENT_ID, false],
    ]);
    expect(await openBills()).toEqual([
      {
        id: EVENT_ID,
        name: OLD_NAME,
        tables: [
          { table: "A1", openCents: a1OpenCents },
          { table: "D2", openCents: d2OpenCents },
        ],
      },
    ]);
    // Stations do not take money: the list is for those who do.
    expect((await api("GET", "/api/v1/open-bills", undefined, await login("station"))).status).toBe(403);
    // The new event's table map starts empty.
    const tables = await api("GET", "/api/v1/tables", undefined, anna);
    expect(tables.body.tables.find((t: { name: string }) => t.name === "D2").openOrders).toBe(0);

    // An order that reaches the old event's coordinator after the switch (it waited in its chain)
    // is refused as a menu change, so the phone sends it again to the new event; nothing is stored.
    const session: Session = { name: "Anna", role: "waiter" };
    const id = crypto.randomUUID();
    const body = { id, table: "B1", menuVersion: a1.menuVersion, items: [{ product: "pils", qty: 1 }] };
    const late = await coordinatorOf(env, EVENT_ID).run("placeOrder", session, { body });
    expect(late).toMatchObject({ ok: false, error: { code: "MENU_CHANGED", path: "menuVersion" } });
    expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", id)).toBe(0);
  });

  it("reads and pays the old bill through ?event=: stored in the old event exactly once", async () => {
    const before = await oldBill("D2");
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ table: "D2", openCents: d2OpenCents });
    expect(before.body.lines.map((l) => [l.product, l.openQty])).toEqual(d2.tickets.flatMap((t) => t.items).sort((a, b) => a.line - b.line).map((i) => [i.product, i.qty]));

    const sent = { id: crypto.randomUUID(), table: "D2", method: "cash", items: allItems(d2), tenderedCents: d2OpenCents + 210 };
    const res = await api("POST", `/api/v1/payments?event=${EVENT_ID}`, sent, anna);
    expect(res.status, res.text).toBe(201);
    expect(res.body.payment).toMatchObject({ table: "D2", waiter: "Anna", totalCents: d2OpenCents, changeCents: 210 });
    const replay = await api("POST", `/api/v1/payments?event=${EVENT_ID}`, sent, anna);
    expect(replay.status, replay.text).toBe(200);
    expect(replay.body).toMatchObject({ replay: true, payment: { id: sent.id } });
    const changed = await api("POST", `/api/v1/payments?event=${EVENT_ID}`, { ...sent, tenderedCents: d2OpenCents }, anna);
    expect(changed.status, changed.text).toBe(409);
    expect(await rowsIn("payments", sent.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM payments WHERE id = ? AND event_id <> ?", sent.id, EVENT_ID)).toBe(0);

    expect((await oldBill("D2")).body).toMatchObject({ lines: [], openCents: 0 });
    expect(await openBills()).toEqual([{ id: EVENT_ID, name: OLD_NAME, tables: [{ table: "A1", openCents: a1OpenCents }] }]);
  });

  it("voids in the old event through ?event= with the admin PIN; then it leaves the list and its report balances", async () => {
    const voided = { id: crypto.randomUUID(), order: a1.id, line: 0, qty: 1, reason: "complaint", adminPin: ADMIN_PIN };
    const res = await api("POST", `/api/v1/voids?event=${EVENT_ID}`, voided, anna);
    expect(res.status, res.text).toBe(201);
    expect(res.body.void).toMatchObject({ table: "A1", qty: 1 });
    expect(await rowsIn("voids", voided.id)).toBe(1);
    expect(await openBills()).toEqual([]);
    // Nothing is open there any more: a replay still gets its answer, a new request is refused.
    const again = await api("POST", `/api/v1/voids?event=${EVENT_ID}`, voided, anna);
    expect(again.status, again.text).toBe(200);
    expect(again.body.replay).toBe(true);
    expect(await rowsIn("voids", voided.id)).toBe(1);

    const db = openDb(env.DB);
    const window = (parseWindow(undefined, undefined, false) as { window: Parameters<typeof readReport>[2] }).window;
    const report = await readReport(db, renameEvent(loadConfigEvent(env), { id: EVENT_ID, name: OLD_NAME }), window);
    const h = report.headline;
    expect(h.salesCents + h.freeCents + h.openCents + h.voidedCents).toBe(h.orderedCents);
    expect(h.openCents).toBe(0);
    const goods = (o: Order, refs = allItems(o)) => valueOf([o], refs).amountCents;
    expect(h.voidedCents).toBe(goods(a1, [{ order: a1.id, line: 0, qty: 1 }]));
    // D2 was paid in full, after the switch, and counts as sold in the old event.
    expect(report.tables.find((t) => t.table === "D2")).toMatchObject({ salesCents: goods(d2), openCents: 0 });
  });

  it("refuses ?event= for the current event, an unknown one, a bad id, and an event with nothing open, naming query.event", async () => {
    const cases: [string, number, string][] = [
      [NEXT.id, 400, "INVALID_INPUT"],
      ["fruehlingsfest-1999", 404, "NOT_FOUND"],
      ["Not An Id", 400, "INVALID_INPUT"],
      [EVENT_ID, 409, "NOT_OPEN"],
    ];
    for (const [event, status, code] of cases) {
      const q = `?event=${encodeURIComponent(event)}`;
      const b = await api("GET", `/api/v1/tables/D2/bill${q}`, undefined, anna);
      const p = await api("POST", `/api/v1/payments${q}`, { id: crypto.randomUUID(), table: "D2", method: "cash", items: [{ order: d2.id, line: 0, qty: 1 }] }, anna);
      const v = await api("POST", `/api/v1/voids${q}`, { id: crypto.randomUUID(), order: d2.id, line: 0, qty: 1, reason: "mistake" }, admin);
      for (const r of [b, p, v]) {
        expect(r.status, `${event}: ${r.text}`).toBe(status);
        expect(r.body.error).toMatchObject({ code, path: "query.event" });
      }
    }
    expect(await count("SELECT count(*) AS n FROM payments WHERE event_id = ?", EVENT_ID)).toBe(3);
  });

  it("settles the old event's cash: the admin reads Anna's shift there and stores the settlement in it", async () => {
    const res = await api<{ waiters: WaiterShift[] }>("GET", `/api/v1/settlement?event=${EVENT_ID}`, undefined, admin);
    expect(res.status, res.text).toBe(200);
    const shift = res.body.waiters.find((w) => w.name === "Anna")!;
    const paidCash = await count("SELECT coalesce(sum(amount_cents + deposit_cents - deposit_return_cents), 0) AS n FROM payments WHERE event_id = ? AND waiter = 'Anna' AND method = 'cash'", EVENT_ID);
    expect(shift).toMatchObject({ payments: 3, cashCents: paidCash, openTables: [] });
    expect((await api("GET", `/api/v1/settlement?event=${EVENT_ID}`, undefined, anna)).status).toBe(403);
    // The new event's settlement page does not have her old cash.
    const now = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, admin);
    expect(now.body.waiters.find((w) => w.name === "Anna")).toBeUndefined();

    const body = { id: crypto.randomUUID(), waiter: "Anna", floatCents: 5000, countedCents: expectedCountCents(5000, shift) };
    const stored = await api("POST", `/api/v1/settlements?event=${EVENT_ID}`, body, admin);
    expect(stored.status, stored.text).toBe(201);
    expect(stored.body.settlement).toMatchObject({ waiter: "Anna", differenceCents: 0 });
    expect(await rowsIn("settlements", body.id)).toBe(1);
    const list = await api("GET", `/api/v1/settlements?event=${EVENT_ID}`, undefined, admin);
    expect(list.body.settlements.map((s: { id: string }) => s.id)).toEqual([body.id]);
    expect((await api("POST", `/api/v1/settlements?event=nope`, { ...body, id: crypto.randomUUID() }, admin)).status).toBe(404);
  });
});
