// Each waiter's settlement (Kellnerabrechnung): the shift's figures by method, tips, deposits, voids
// and the cash to hand in, computed here from what the test sent; storing a settlement starts a new
// shift. Every test uses waiters of its own, so their figures hold nothing but what the test did.
import { beforeAll, describe, expect, it } from "vitest";
import type { Payment, Settlement, WaiterShift } from "../../worker/protocol.ts";
import { api, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, depositProducts, freshTable, mustPay, reverse, voidItems, streamsClosedAfterEach } from "./money-helpers.ts";

let admin: string;
let withDeposit: string;
let withoutDeposit: string;
beforeAll(async () => {
  admin = await login("admin", "Kasse");
  ({ withDeposit, withoutDeposit } = await depositProducts(admin));
});

const stream = streamsClosedAfterEach();

/** A waiter with a name no other test uses. */
async function newWaiter(): Promise<{ name: string; cookie: string }> {
  const name = `Kellner ${crypto.randomUUID().slice(0, 6)}`;
  return { name, cookie: await login("waiter", name) };
}

async function shiftOf(cookie: string, name: string): Promise<WaiterShift> {
  const res = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, cookie);
  if (res.status !== 200) throw new Error(`settlement: ${res.text}`);
  const shift = res.body.waiters.find((w) => w.name === name);
  if (!shift) throw new Error(`no shift for ${name}: ${res.text}`);
  return shift;
}

/** The figures a shift must show, summed from the payments and voids the test made. */
function expectedShift(name: string, payments: Payment[], voidedCents: number, openTables: string[], settledAt: number | null): WaiterShift {
  const live = payments.filter((p) => p.reversal === null);
  const net = (method: string) => live.filter((p) => p.method === method).reduce((s, p) => s + p.amountCents + p.depositCents - p.depositReturnCents, 0);
  return {
    name,
    payments: live.length,
    cashCents: net("cash"),
    cardCents: net("card"),
    voucherCents: net("voucher"),
    freeCents: net("free"),
    tipsCents: live.reduce((s, p) => s + p.tipCents, 0),
    cardTipsCents: live.filter((p) => p.method === "card").reduce((s, p) => s + p.tipCents, 0),
    depositOutCents: live.reduce((s, p) => s + p.depositCents, 0),
    depositBackCents: live.reduce((s, p) => s + p.depositReturnCents, 0),
    voidedCents,
    // No vouchers sold at a desk here (test/worker/voucher-sales.test.ts counts those).
    voucherSales: 0,
    voucherSoldCashCents: 0,
    voucherSoldCardCents: 0,
    // The waiter keeps cash tips and takes card tips from the cash: net cash − card tips.
    expectedCashCents: net("cash") - live.filter((p) => p.method === "card").reduce((s, p) => s + p.tipCents, 0),
    openTables: [...openTables].sort(),
    settledAt,
  };
}
const sorted = (shift: WaiterShift) => ({ ...shift, openTables: [...shift.openTables].sort() });

/** An evening of one waiter: cash with tip and glasses back, card with tip, voucher, free, a reversal, a void, one table left open. */
async function evening(w: { name: string; cookie: string }) {
  const [t1, t2, t3] = [freshTable(), freshTable(), freshTable()];
  const o1 = await mustPlaceOrder(w.cookie, { table: t1, items: [{ product: withDeposit, qty: 4 }, { product: withoutDeposit, qty: 2 }, { product: "pommes", qty: 2 }] });
  const o2 = await mustPlaceOrder(w.cookie, { table: t2, items: [{ product: withDeposit, qty: 2 }, { product: "cola", qty: 3 }] });
  const o3 = await mustPlaceOrder(w.cookie, { table: t3, items: [{ product: "wurstsalat", qty: 1 }] });
  const payments: Payment[] = [];
  payments.push(await mustPay(w.cookie, { table: t1, items: [{ order: o1.id, line: 0, qty: 2 }], tipCents: 70, depositReturns: [{ product: withDeposit, qty: 1 }], tenderedCents: 5000 }));
  payments.push(await mustPay(w.cookie, { table: t1, method: "card", items: [{ order: o1.id, line: 0, qty: 2 }, { order: o1.id, line: 1, qty: 2 }], tipCents: 130 }));
  payments.push(await mustPay(w.cookie, { table: t1, method: "voucher", items: [{ order: o1.id, line: 2, qty: 1 }] }));
  payments.push(await mustPay(w.cookie, { table: t3, method: "free", reason: "Helfer", items: [{ order: o3.id, line: 0, qty: 1 }], adminPin: ADMIN_PIN }));
  // Paid by mistake in cash, reversed and paid by card: only the card payment counts.
  const wrong = await mustPay(w.cookie, { table: t2, items: [{ order: o2.id, line: 1, qty: 1 }] });
  const reversed = await reverse(admin, wrong.id, "war Karte");
  expect(reversed.status, reversed.text).toBe(200);
  payments.push(reversed.body.payment);
  payments.push(await mustPay(w.cookie, { table: t2, method: "card", items: [{ order: o2.id, line: 1, qty: 1 }] }));
  const v = await voidItems(w.cookie, { order: o1.id, line: 2, qty: 1, reason: "complaint", adminPin: ADMIN_PIN });
  expect(v.status, v.text).toBe(201);
  // t1 is fully paid or voided; t2 has 2 deposit drinks and 2 colas open; t3 is free.
  return { payments, voidedCents: v.body.void.valueCents as number, openTables: [t2] };
}

describe("the settlement figures", () => {
  it("shows each waiter's shift by method, with tips, card tips, deposits out and back, voids, expected cash and open tables", async () => {
    const anna = await newWaiter();
    const ben = await newWaiter();
    const a = await evening(anna);
    const benOrder = await mustPlaceOrder(ben.cookie, { table: freshTable(), items: [{ product: "pils", qty: 1 }] });
    const benPaid = await mustPay(ben.cookie, { table: benOrder.table, items: [{ order: benOrder.id, line: 0, qty: 1 }], tipCents: 20 });

    const annaShift = await shiftOf(admin, anna.name);
    expect(sorted(annaShift)).toEqual(expectedShift(anna.name, a.payments, a.voidedCents, a.openTables, null));
    // A cross-check that does not go through the payments' own figures: the deposit Anna took in.
    const deposit = (await api("GET", "/api/v1/menu", undefined, admin)).body.products.find((p: any) => p.id === withDeposit).depositCents;
    expect(annaShift.depositOutCents).toBe(4 * deposit);
    expect(annaShift.depositBackCents).toBe(1 * deposit);
    expect(annaShift.tipsCents).toBe(200);
    expect(annaShift.cardTipsCents).toBe(130);
    expect(annaShift.payments).toBe(5);
    expect(sorted(await shiftOf(admin, ben.name))).toEqual(expectedShift(ben.name, [benPaid], 0, [], null));
  });

  it("lists as open the tables the waiter's items are on now (after a move), and counts a payment for the waiter who took it", async () => {
    const anna = await newWaiter();
    const ben = await newWaiter();
    const [t1, t2, t3] = [freshTable(), freshTable(), freshTable()];
    const o1 = await mustPlaceOrder(anna.cookie, { table: t1, items: [{ product: "cola", qty: 2 }] });
    const o2 = await mustPlaceOrder(anna.cookie, { table: t3, items: [{ product: "spezi", qty: 1 }] });
    const moved = await api("POST", `/api/v1/tables/${t1}/move`, { id: crypto.randomUUID(), to: t2 }, anna.cookie);
    expect(moved.status, moved.text).toBe(201);
    // Ben takes the money for Anna's table t3.
    const p = await mustPay(ben.cookie, { table: t3, method: "card", items: [{ order: o2.id, line: 0, qty: 1 }] });
    expect(sorted(await shiftOf(admin, anna.name))).toEqual(expectedShift(anna.name, [], 0, [t2], null));
    expect(sorted(await shiftOf(admin, ben.name))).toEqual(expectedShift(ben.name, [p], 0, [], null));
    await mustPay(ben.cookie, { table: t2, items: [{ order: o1.id, line: 0, qty: 2 }] });
    expect((await shiftOf(admin, anna.name)).openTables).toEqual([]);
  });

  it("shows a waiter only their own shift; a station sees none", async () => {
    const anna = await newWaiter();
    const ben = await newWaiter();
    for (const w of [anna, ben]) {
      const o = await mustPlaceOrder(w.cookie, { table: freshTable(), items: [{ product: "spezi", qty: 1 }] });
      await mustPay(w.cookie, { table: o.table, items: [{ order: o.id, line: 0, qty: 1 }] });
    }
    const own = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, anna.cookie);
    expect(own.status, own.text).toBe(200);
    expect(own.body.waiters.map((w) => w.name)).toEqual([anna.name]);
    const all = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, admin);
    expect(all.body.waiters.map((w) => w.name)).toEqual(expect.arrayContaining([anna.name, ben.name]));
    const station = await api("GET", "/api/v1/settlement", undefined, await login("station"));
    expect(station.status, station.text).toBe(403);
  });
});

describe("storing a settlement", () => {
  it("stores float, counted cash and the difference; later payments start a new shift", async () => {
    const w = await newWaiter();
    const e = await evening(w);
    const before = await shiftOf(admin, w.name);
    const cash = expectedShift(w.name, e.payments, e.voidedCents, e.openTables, null).expectedCashCents;
    const s = await stream(admin);
    const { seq } = await s.next();
    const body = { id: crypto.randomUUID(), waiter: w.name, floatCents: 5000, countedCents: 5000 + cash - 120 };
    const res = await api<{ settlement: Settlement; replay: boolean }>("POST", "/api/v1/settlements", body, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.replay).toBe(false);
    const settlement = res.body.settlement;
    expect(settlement).toMatchObject({ id: body.id, seq: seq + 1, waiter: w.name, floatCents: 5000, countedCents: body.countedCents, expectedCashCents: 5000 + cash, differenceCents: -120, by: "Kasse" });
    expect(sorted(settlement.shift)).toEqual(sorted(before));
    expect(await s.next()).toEqual({ type: "settlement.recorded", prev: seq, seq: seq + 1, settlement });

    // The new shift is empty but for the tables still open, and says since when it runs.
    const after = await shiftOf(admin, w.name);
    expect(sorted(after)).toEqual(expectedShift(w.name, [], 0, e.openTables, settlement.createdAt));

    // The open table is paid in the new shift: only that payment counts now.
    const open = await api("GET", `/api/v1/tables/${e.openTables[0]}/bill`, undefined, w.cookie);
    const items = open.body.lines.map((l: any) => ({ order: l.order, line: l.line, qty: l.openQty }));
    const late = await mustPay(w.cookie, { table: e.openTables[0]!, items, tipCents: 10 });
    expect(sorted(await shiftOf(admin, w.name))).toEqual(expectedShift(w.name, [late], 0, [], settlement.createdAt));

    const list = await api<{ settlements: Settlement[] }>("GET", "/api/v1/settlements", undefined, admin);
    expect(list.status, list.text).toBe(200);
    expect(list.body.settlements.at(-1)).toEqual(settlement);
  });

  it("settles at 0,00 a waiter who kept the card tip from the cash, as Meine Kasse says", async () => {
    const w = await newWaiter();
    const o = await mustPlaceOrder(w.cookie, { table: freshTable(), items: [{ product: "spezi", qty: 2 }, { product: "cola", qty: 2 }] });
    const spezi = o.tickets.flatMap((t) => t.items).find((i) => i.product === "spezi")!;
    const cola = o.tickets.flatMap((t) => t.items).find((i) => i.product === "cola")!;
    // Two guests: one pays cash with a 0,70 tip, one by card with a 0,50 tip.
    await mustPay(w.cookie, { table: o.table, items: [{ order: o.id, line: spezi.line, qty: 2 }], tipCents: 70, tenderedCents: 2000 });
    await mustPay(w.cookie, { table: o.table, method: "card", items: [{ order: o.id, line: cola.line, qty: 2 }], tipCents: 50 });
    // What the waiter holds, counted by hand: the float, the cash guest's money with the tip.
    const floatCents = 3000;
    const inTheBag = floatCents + 2 * spezi.unitCents + 70;
    // Tips are hers: she keeps the 0,70 cash tip and takes the 0,50 card tip out of the bag.
    const handsIn = inTheBag - 70 - 50;
    // Meine Kasse reads GET /settlement with her own session: that is what it tells her to hand in.
    const mine = await shiftOf(w.cookie, w.name);
    expect(mine.expectedCashCents).toBe(handsIn - floatCents);
    const res = await api<{ settlement: Settlement }>("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: w.name, floatCents, countedCents: handsIn }, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.settlement).toMatchObject({ expectedCashCents: handsIn, differenceCents: 0 });
    expect(res.body.settlement.shift).toMatchObject({ cashCents: 2 * spezi.unitCents, cardTipsCents: 50, tipsCents: 120 });
  });

  it("owes a waiter with only card payments their card tips: the cash to hand in is negative", async () => {
    const w = await newWaiter();
    const o = await mustPlaceOrder(w.cookie, { table: freshTable(), items: [{ product: "cola", qty: 1 }] });
    await mustPay(w.cookie, { table: o.table, method: "card", items: [{ order: o.id, line: 0, qty: 1 }], tipCents: 40 });
    expect((await shiftOf(w.cookie, w.name)).expectedCashCents).toBe(-40);
    // The float comes back less the tip she took from it.
    const res = await api<{ settlement: Settlement }>("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: w.name, floatCents: 2000, countedCents: 1960 }, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.settlement).toMatchObject({ expectedCashCents: 1960, differenceCents: 0 });
  });

  it("counts a reversal made after the settlement in the new shift, negatively, and leaves the settled shift as stored", async () => {
    const w = await newWaiter();
    const o = await mustPlaceOrder(w.cookie, { table: freshTable(), items: [{ product: withDeposit, qty: 2 }] });
    const p = await mustPay(w.cookie, { table: o.table, items: [{ order: o.id, line: 0, qty: 2 }], tipCents: 40 });
    const settled = await api<{ settlement: Settlement }>("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: w.name, floatCents: 0, countedCents: p.totalCents - p.tipCents }, admin);
    expect(settled.status, settled.text).toBe(201);
    expect(settled.body.settlement.differenceCents).toBe(0);
    expect((await reverse(admin, p.id, "Karte")).status).toBe(200);
    const net = p.amountCents + p.depositCents;
    expect(sorted(await shiftOf(admin, w.name))).toEqual({
      ...expectedShift(w.name, [], 0, [o.table], settled.body.settlement.createdAt),
      cashCents: -net,
      expectedCashCents: -net,
      tipsCents: -40,
      depositOutCents: -p.depositCents,
    });
    const list = await api<{ settlements: Settlement[] }>("GET", "/api/v1/settlements", undefined, admin);
    expect(list.body.settlements.find((s) => s.id === settled.body.settlement.id)).toEqual(settled.body.settlement);
  });

  it("answers a replay with 200 and the same settlement, another body with the same id with 409, and stores one", async () => {
    const w = await newWaiter();
    const o = await mustPlaceOrder(w.cookie, { table: freshTable(), items: [{ product: "cola", qty: 2 }] });
    await mustPay(w.cookie, { table: o.table, items: [{ order: o.id, line: 0, qty: 2 }] });
    const body = { id: crypto.randomUUID(), waiter: w.name, floatCents: 0, countedCents: o.totalCents };
    const first = await api("POST", "/api/v1/settlements", body, admin);
    expect(first.status, first.text).toBe(201);
    expect(first.body.settlement.differenceCents).toBe(0);
    const again = await api("POST", "/api/v1/settlements", body, admin);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ settlement: first.body.settlement, replay: true });
    const conflict = await api("POST", "/api/v1/settlements", { ...body, countedCents: 1 }, admin);
    expect(conflict.status, conflict.text).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    const list = await api<{ settlements: Settlement[] }>("GET", "/api/v1/settlements", undefined, admin);
    expect(list.body.settlements.filter((s) => s.id === body.id)).toHaveLength(1);
  });

  it("refuses a waiter (403), bad amounts (400 naming the field) and is admin only for the list", async () => {
    const w = await newWaiter();
    const body = { id: crypto.randomUUID(), waiter: w.name, floatCents: 0, countedCents: 0 };
    const asWaiter = await api("POST", "/api/v1/settlements", body, w.cookie);
    expect(asWaiter.status, asWaiter.text).toBe(403);
    for (const [change, path] of [
      [{ floatCents: -1 }, "floatCents"],
      [{ floatCents: 1.5 }, "floatCents"],
      [{ countedCents: 1_000_001 }, "countedCents"],
      [{ waiter: "" }, "waiter"],
      [{ id: "x" }, "id"],
    ] as const) {
      const res = await api("POST", "/api/v1/settlements", { ...body, ...change }, admin);
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path });
    }
    expect((await api("GET", "/api/v1/settlements", undefined, w.cookie)).status).toBe(403);
    // A typo in the name settles nobody: 404, and nothing is stored.
    const typo = await api("POST", "/api/v1/settlements", { ...body, waiter: `${w.name}x` }, admin);
    expect(typo.status, typo.text).toBe(404);
    expect(typo.body.error).toMatchObject({ code: "NOT_FOUND", path: "waiter" });
    const list = await api<{ settlements: Settlement[] }>("GET", "/api/v1/settlements", undefined, admin);
    expect(list.body.settlements.some((s) => s.id === body.id)).toBe(false);
  });
});
