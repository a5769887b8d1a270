// Vouchers (Wertmarken) sold at a cash desk (issue 22): exactly once by the desk's id, a replay
// answered with the stored sale, another body on the same id refused, the admin's reversal, bad
// input refused by path with nothing stored, who may sell, and the cash counted in the seller's
// settlement. Every test uses a waiter of its own, so their figures hold only what the test did.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CENTS, type Settlement, type VoucherSale, type WaiterShift } from "../../worker/protocol.ts";
import { api, count, login, mustPlaceOrder } from "./helpers.ts";
import { allItems, freshTable, mustPay, streamsClosedAfterEach, useConfig } from "./money-helpers.ts";

const COUNTERS = [
  { id: "kasse-1", name: "Kasse 1" },
  { id: "kasse-2", name: "Kasse 2" },
];

let admin: string;
beforeAll(async () => {
  await useConfig((c) => {
    c.counters = COUNTERS;
  });
  admin = await login("admin", "Kassenwart");
  // The coordinator's first command after the config change writes a frame of its own: done here, not inside a test's stream.
  await mustSell(admin, saleBody({ method: "card", tenderedCents: undefined }));
});

const stream = streamsClosedAfterEach();

async function newWaiter(): Promise<{ name: string; cookie: string }> {
  const name = `Kasse ${crypto.randomUUID().slice(0, 6)}`;
  return { name, cookie: await login("waiter", name) };
}

type SaleBody = { id: string; counter: string; method: "cash" | "card"; amountCents: number; tenderedCents?: number };
const saleBody = (over: Partial<SaleBody> = {}): SaleBody => ({ id: crypto.randomUUID(), counter: "kasse-1", method: "cash", amountCents: 2000, tenderedCents: 5000, ...over });

function sell(cookie: string, body: unknown) {
  return api<{ sale: VoucherSale; replay: boolean; error: any }>("POST", "/api/v1/voucher-sales", body, cookie);
}
async function mustSell(cookie: string, body: SaleBody): Promise<VoucherSale> {
  const res = await sell(cookie, body);
  expect(res.status, res.text).toBe(201);
  return res.body.sale;
}
function reverseSale(cookie: string, id: string, body: unknown = { reason: "falsch getippt" }) {
  return api<{ sale: VoucherSale; replay: boolean; error: any }>("POST", `/api/v1/voucher-sales/${id}/reverse`, body, cookie);
}
const rows = (id: string) => count("SELECT count(*) AS n FROM voucher_sales WHERE id = ?", id);
async function shiftOf(name: string): Promise<WaiterShift> {
  const res = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, admin);
  const shift = res.body.waiters.find((w) => w.name === name);
  if (!shift) throw new Error(`no shift for ${name}: ${res.text}`);
  return shift;
}

describe("selling vouchers", () => {
  it("stores a cash sale once, sends voucher.sold, and answers a replay with the stored sale", async () => {
    const w = await newWaiter();
    const s = await stream(admin);
    const { seq } = await s.next();
    const body = saleBody({ amountCents: 2000, tenderedCents: 5000 });
    const sale = await mustSell(w.cookie, body);
    expect(sale).toMatchObject({ id: body.id, seq: seq + 1, counter: "kasse-1", waiter: w.name, method: "cash", amountCents: 2000, tenderedCents: 5000, reversedAt: null, reversedBy: null, reverseReason: null });
    expect(await s.next()).toEqual({ type: "voucher.sold", prev: seq, seq: seq + 1, sale });

    const again = await sell(w.cookie, body);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ sale, replay: true });
    expect(await rows(body.id)).toBe(1);
    const listed = await api<{ sales: VoucherSale[] }>("GET", "/api/v1/voucher-sales", undefined, w.cookie);
    expect(listed.body.sales).toEqual([sale]);
  });

  it("sells by card without cash handed over", async () => {
    const w = await newWaiter();
    const sale = await mustSell(w.cookie, saleBody({ counter: "kasse-2", method: "card", amountCents: 1500, tenderedCents: undefined }));
    expect(sale).toMatchObject({ counter: "kasse-2", method: "card", amountCents: 1500, tenderedCents: null });
  });

  it("refuses the same id with other content, or from another waiter, with 409 ID_CONFLICT and keeps the first sale", async () => {
    const w = await newWaiter();
    const body = saleBody();
    const sale = await mustSell(w.cookie, body);
    for (const change of [{ amountCents: 2100 }, { method: "card", tenderedCents: undefined }, { counter: "kasse-2" }, { tenderedCents: 2000 }] as Partial<SaleBody>[]) {
      const res = await sell(w.cookie, { ...body, ...change });
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(409);
      expect(res.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    }
    const other = await newWaiter();
    const stolen = await sell(other.cookie, body);
    expect(stolen.status, stolen.text).toBe(409);
    expect(await rows(body.id)).toBe(1);
    const stored = await api<{ sales: VoucherSale[] }>("GET", `/api/v1/voucher-sales?waiter=${encodeURIComponent(w.name)}`, undefined, admin);
    expect(stored.body.sales).toEqual([sale]);
  });

  it("refuses bad bodies with 400 naming the path, and stores nothing", async () => {
    const w = await newWaiter();
    const cases: [Record<string, unknown>, string][] = [
      [{ amountCents: 0 }, "amountCents"],
      [{ amountCents: -100 }, "amountCents"],
      [{ amountCents: 12.5 }, "amountCents"],
      [{ amountCents: MAX_CENTS + 1, tenderedCents: undefined }, "amountCents"],
      [{ amountCents: "20" }, "amountCents"],
      [{ method: "voucher" }, "method"],
      [{ method: "free" }, "method"],
      [{ counter: "Kasse 1" }, "counter"],
      [{ counter: "kasse-9" }, "counter"],
      [{ id: "not-a-uuid" }, "id"],
      [{ tenderedCents: 1999 }, "tenderedCents"],
      [{ method: "card", tenderedCents: 2000 }, "tenderedCents"],
      [{ tenderedCents: -1 }, "tenderedCents"],
      [{ table: "A1" }, "table"],
    ];
    for (const [change, path] of cases) {
      const body = { ...saleBody(), ...change };
      const res = await sell(w.cookie, body);
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(400);
      expect(res.body.error, JSON.stringify(change)).toMatchObject({ code: "INVALID_INPUT", path });
      expect(typeof res.body.error.message).toBe("string");
      if (typeof body.id === "string") expect(await rows(body.id)).toBe(0);
    }
    const { id: _id, ...noId } = saleBody();
    expect((await sell(w.cookie, noId)).body.error).toMatchObject({ code: "INVALID_INPUT", path: "id" });
    expect(await count("SELECT count(*) AS n FROM voucher_sales WHERE waiter = ?", w.name)).toBe(0);
  });

  it("lets waiters and admins sell, refuses a station login (403) and a logged-out request (401)", async () => {
    const station = await login("station");
    const body = saleBody();
    const res = await sell(station, body);
    expect(res.status, res.text).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect((await sell("", saleBody())).status).toBe(401);
    expect(await rows(body.id)).toBe(0);
    const byAdmin = await mustSell(admin, saleBody({ method: "card", tenderedCents: undefined }));
    expect(byAdmin.waiter).toBe("Kassenwart");
  });
});

describe("reversing a voucher sale", () => {
  it("an admin reverses with a reason; a second reversal is the same; the sale is kept and voucher.reversed sent", async () => {
    const w = await newWaiter();
    const sale = await mustSell(w.cookie, saleBody());
    const s = await stream(admin);
    const { seq } = await s.next();
    const res = await reverseSale(admin, sale.id, { reason: "doppelt gebucht" });
    expect(res.status, res.text).toBe(200);
    const reversed = res.body.sale;
    expect(reversed).toMatchObject({ ...sale, reversedAt: expect.any(Number), reversedBy: "Kassenwart", reverseReason: "doppelt gebucht" });
    expect(reversed.reversedAt).toEqual(expect.any(Number));
    expect(res.body.replay).toBe(false);
    expect(await s.next()).toEqual({ type: "voucher.reversed", prev: seq, seq: seq + 1, sale: reversed });

    const twice = await reverseSale(admin, sale.id, { reason: "nochmal" });
    expect(twice.body).toEqual({ sale: reversed, replay: true });
    expect(await rows(sale.id)).toBe(1);
  });

  it("refuses a waiter (403), an unknown sale (404 param.id), a bad id and a missing reason (400)", async () => {
    const w = await newWaiter();
    const sale = await mustSell(w.cookie, saleBody());
    expect((await reverseSale(w.cookie, sale.id)).status).toBe(403);
    const unknown = await reverseSale(admin, crypto.randomUUID());
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "NOT_FOUND", path: "param.id" });
    const badId = await reverseSale(admin, "abc");
    expect(badId.status).toBe(400);
    expect(badId.body.error.path).toBe("param.id");
    const noReason = await reverseSale(admin, sale.id, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "INVALID_INPUT", path: "reason" });
    const listed = await api<{ sales: VoucherSale[] }>("GET", "/api/v1/voucher-sales", undefined, w.cookie);
    expect(listed.body.sales[0]!.reversedAt).toBeNull();
  });
});

describe("vouchers sold in the settlement", () => {
  it("counts cash sales in the cash to hand in and card sales apart; a settlement at the expected cash differs by 0; a later reversal counts in the next shift", async () => {
    const w = await newWaiter();
    const table = freshTable();
    const order = await mustPlaceOrder(w.cookie, { table, items: [{ product: "cola", qty: 2 }] });
    const payment = await mustPay(w.cookie, { table, method: "cash", items: allItems(order) });
    const cash = await mustSell(w.cookie, saleBody({ amountCents: 2000, tenderedCents: 2000 }));
    await mustSell(w.cookie, saleBody({ amountCents: 700, tenderedCents: undefined }));
    await mustSell(w.cookie, saleBody({ counter: "kasse-2", method: "card", amountCents: 1500, tenderedCents: undefined }));

    const shift = await shiftOf(w.name);
    expect(shift).toMatchObject({ payments: 1, cashCents: payment.totalCents, cardCents: 0, voucherSales: 3, voucherSoldCashCents: 2700, voucherSoldCardCents: 1500 });
    expect(shift.expectedCashCents).toBe(payment.totalCents + 2700);
    const own = await api<{ waiters: WaiterShift[] }>("GET", "/api/v1/settlement", undefined, w.cookie);
    expect(own.body.waiters).toEqual([shift]);

    const body = { id: crypto.randomUUID(), waiter: w.name, floatCents: 10000, countedCents: 10000 + payment.totalCents + 2700 };
    const res = await api<{ settlement: Settlement }>("POST", "/api/v1/settlements", body, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.settlement).toMatchObject({ expectedCashCents: body.countedCents, differenceCents: 0 });
    expect(res.body.settlement.shift).toEqual(shift);

    // Reversed after the settlement: the settled shift stays, the new one owes 20.00 less.
    expect((await reverseSale(admin, cash.id)).status).toBe(200);
    const next = await shiftOf(w.name);
    expect(next).toMatchObject({ voucherSales: 0, voucherSoldCashCents: -2000, voucherSoldCardCents: 0, expectedCashCents: -2000 });
    const settled = await api<{ settlements: Settlement[] }>("GET", "/api/v1/settlements", undefined, admin);
    expect(settled.body.settlements.find((x) => x.id === body.id)!.shift).toEqual(shift);
  });

  it("a waiter who only sold vouchers can be settled", async () => {
    const w = await newWaiter();
    await mustSell(w.cookie, saleBody({ amountCents: 1000, tenderedCents: undefined }));
    const res = await api<{ settlement: Settlement }>("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: w.name, floatCents: 0, countedCents: 900 }, admin);
    expect(res.status, res.text).toBe(201);
    expect(res.body.settlement).toMatchObject({ expectedCashCents: 1000, differenceCents: -100 });
  });
});
