// Payments at the table (issue 8): the bill, paying all or part of it, exactly once by the
// payment's id, refused payments that record nothing, roles, reversals and the stream frames.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../config.json";
import type { AuditEntry, Order, Payment } from "../../worker/protocol.ts";
import { api, currentSeq, getMenu, login, mustPlaceOrder, type Frame } from "./helpers.ts";
import {
  ADMIN_PIN,
  allItems,
  bill,
  billLinesOf,
  depositProducts,
  freshTable,
  mustPay,
  openOnBill,
  pay,
  paymentRows,
  reverse,
  tableState,
  useConfig,
  valueOf,
  streamsClosedAfterEach,
} from "./money-helpers.ts";

let waiter: string;
let other: string;
let admin: string;
let station: string;
let withDeposit: string;
let withoutDeposit: string;
beforeAll(async () => {
  [waiter, other, admin, station] = await Promise.all([login("waiter", "Anna"), login("waiter", "Ben"), login("admin", "Chefin"), login("station", "Theke")]);
  ({ withDeposit, withoutDeposit } = await depositProducts(waiter));
});

const stream = streamsClosedAfterEach();

/** An order of 3 × a deposit product and 2 × one without, at a table of its own. */
async function tableWithOrder(): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  const order = await mustPlaceOrder(waiter, { table, items: [{ product: withDeposit, qty: 3 }, { product: withoutDeposit, qty: 2 }] });
  return { table, order };
}

describe("the bill", () => {
  it("lists every open line with price, deposit and open quantity, and the open total with its deposit part", async () => {
    const { table, order } = await tableWithOrder();
    const b = await bill(waiter, table);
    const [dep, plain] = [order.tickets.flatMap((t) => t.items).find((i) => i.line === 0)!, order.tickets.flatMap((t) => t.items).find((i) => i.line === 1)!];
    expect(b.table).toBe(table);
    expect(b.lines).toHaveLength(2);
    expect(b.lines.find((l) => l.line === 0)).toMatchObject({ order: order.id, product: withDeposit, unitCents: dep.unitCents, depositCents: dep.depositCents, qty: 3, paidQty: 0, voidedQty: 0, openQty: 3, waiter: "Anna" });
    expect(b.lines.find((l) => l.line === 1)).toMatchObject({ order: order.id, product: withoutDeposit, unitCents: plain.unitCents, depositCents: 0, qty: 2, openQty: 2 });
    expect(dep.depositCents).toBeGreaterThan(0);
    expect(b.openDepositCents).toBe(3 * dep.depositCents);
    expect(b.openCents).toBe(3 * (dep.unitCents + dep.depositCents) + 2 * plain.unitCents);
    expect((await tableState(waiter, table)).openCents).toBe(b.openCents);
  });

  it("answers 404 for an unknown table and 401 without a session", async () => {
    const unknown = await api("GET", "/api/v1/tables/Z99/bill", undefined, waiter);
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const anonymous = await api("GET", `/api/v1/tables/A1/bill`);
    expect(anonymous.status, anonymous.text).toBe(401);
  });
});

describe("paying", () => {
  it("pays a whole table: 201 with amount, deposit, tip, change; the bill is empty and the table is free", async () => {
    const { table, order } = await tableWithOrder();
    const items = allItems(order);
    const { amountCents, depositCents } = valueOf([order], items);
    const total = amountCents + depositCents + 150;
    const res = await pay(waiter, { table, items, tipCents: 150, tenderedCents: total + 1000 });
    expect(res.status, res.text).toBe(201);
    expect(res.body.replay).toBe(false);
    const p = res.body.payment;
    expect(p).toMatchObject({ id: res.sent.id, table, waiter: "Anna", method: "cash", amountCents, depositCents, depositReturnCents: 0, tipCents: 150, totalCents: total, tenderedCents: total + 1000, changeCents: 1000, reversal: null });
    expect(p.items.map((i) => [i.order, i.line, i.qty])).toEqual(items.map((i) => [i.order, i.line, i.qty]));
    expect(Number.isInteger(p.seq)).toBe(true);
    expect(p.seq).toBe(await currentSeq());

    const after = await bill(waiter, table);
    expect(after.lines).toEqual([]);
    expect(after.openCents).toBe(0);
    expect(after.openDepositCents).toBe(0);
    expect(await tableState(waiter, table)).toMatchObject({ openCents: 0, openOrders: 0 });
    expect(await paymentRows(res.sent.id)).toBe(1);
  });

  it("pays a table guest by guest: each payment takes its part and the rest stays on the bill", async () => {
    const { table, order } = await tableWithOrder();
    const first = await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }] });
    expect(first.amountCents + first.depositCents).toBe(valueOf([order], [{ order: order.id, line: 0, qty: 1 }]).amountCents + valueOf([order], [{ order: order.id, line: 0, qty: 1 }]).depositCents);
    let b = await bill(waiter, table);
    expect(billLinesOf(b, [order.id])).toEqual([
      [order.id, 0, 2],
      [order.id, 1, 2],
    ]);
    expect(b.lines.find((l) => l.line === 0)).toMatchObject({ paidQty: 1, openQty: 2 });

    const second = await mustPay(other, { table, method: "card", items: [{ order: order.id, line: 0, qty: 2 }, { order: order.id, line: 1, qty: 1 }] });
    expect(second).toMatchObject({ waiter: "Ben", method: "card", tenderedCents: null, changeCents: null });
    b = await bill(waiter, table);
    expect(billLinesOf(b, [order.id])).toEqual([[order.id, 1, 1]]);
    const rest = valueOf([order], [{ order: order.id, line: 1, qty: 1 }]);
    expect(b.openCents).toBe(rest.amountCents + rest.depositCents);
    expect((await tableState(waiter, table)).openCents).toBe(b.openCents);

    await mustPay(waiter, { table, items: [{ order: order.id, line: 1, qty: 1 }] });
    expect((await bill(waiter, table)).openCents).toBe(0);
    expect((await tableState(waiter, table)).openCents).toBe(0);
  });

  it("takes deposit returns off the total (money back), on their own or with items", async () => {
    const { table, order } = await tableWithOrder();
    const deposit = order.tickets.flatMap((t) => t.items).find((i) => i.line === 0)!.depositCents;
    // The 3 glasses of this order go out (paid) first: only what went out can come back.
    await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 3 }] });
    const items = [{ order: order.id, line: 1, qty: 2 }];
    const { amountCents } = valueOf([order], items);
    // Returned by the product's deposit group (the glass), as the phone sends it.
    const group = (await getMenu(waiter)).products.find((x) => x.id === withDeposit)!.depositGroup;
    const p = await mustPay(waiter, { table, items, depositReturns: [{ group, qty: 2 }] });
    expect(p).toMatchObject({ amountCents, depositCents: 0, depositReturnCents: 2 * deposit, totalCents: amountCents - 2 * deposit });
    expect(p.depositReturns).toEqual([expect.objectContaining({ group, name: group, qty: 2, depositCents: deposit })]);
    // Glasses brought back without buying anything: a payment with no items and a negative total.
    const back = await mustPay(waiter, { table, items: [], depositReturns: [{ group, qty: 1 }] });
    expect(back).toMatchObject({ amountCents: 0, depositReturnCents: deposit, totalCents: -deposit });
  });

  it("records the free method with its reason", async () => {
    const { table, order } = await tableWithOrder();
    const p = await mustPay(waiter, { table, method: "free", reason: "Band", items: allItems(order), adminPin: ADMIN_PIN });
    expect(p).toMatchObject({ method: "free", reason: "Band", approvedBy: "admin PIN" });
  });

  it("answers a replay of the same id and body with 200, the same payment and replay: true; the id in upper case is the same payment", async () => {
    const { table, order } = await tableWithOrder();
    const first = await pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }], tipCents: 50 });
    expect(first.status, first.text).toBe(201);
    const seq = await currentSeq();
    const again = await api("POST", "/api/v1/payments", first.sent, waiter);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ payment: first.body.payment, replay: true });
    const upper = await api("POST", "/api/v1/payments", { ...first.sent, id: first.sent.id.toUpperCase(), items: [{ order: order.id.toUpperCase(), line: 0, qty: 1 }] }, waiter);
    expect(upper.status, upper.text).toBe(200);
    expect(upper.body).toEqual({ payment: first.body.payment, replay: true });
    expect(await paymentRows(first.sent.id)).toBe(1);
    expect(await currentSeq()).toBe(seq);
    expect(openOnBill(await bill(waiter, table), order.id, 0)).toBe(2);
  });

  it("records exactly one payment when 5 identical requests arrive at once", async () => {
    const { table, order } = await tableWithOrder();
    const body = { id: crypto.randomUUID(), table, method: "cash", items: allItems(order) };
    const results = await Promise.all(Array.from({ length: 5 }, () => api("POST", "/api/v1/payments", body, waiter)));
    expect(results.map((r) => r.status).sort(), results.map((r) => r.text).join("\n")).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.body.replay === true)).toHaveLength(4);
    expect(new Set(results.map((r) => JSON.stringify(r.body.payment))).size).toBe(1);
    expect(await paymentRows(body.id)).toBe(1);
    expect((await bill(waiter, table)).openCents).toBe(0);
  });

  it("refuses the same id with another body with 409 ID_CONFLICT and keeps the first payment", async () => {
    const { table, order } = await tableWithOrder();
    const first = await pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }] });
    expect(first.status, first.text).toBe(201);
    for (const change of [{ items: [{ order: order.id, line: 0, qty: 2 }] }, { method: "card" }, { tipCents: 10 }, { items: [{ order: order.id, line: 1, qty: 1 }] }]) {
      const res = await api("POST", "/api/v1/payments", { ...first.sent, ...change }, waiter);
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(409);
      expect(res.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    }
    expect(await paymentRows(first.sent.id)).toBe(1);
    const b = await bill(waiter, table);
    expect(billLinesOf(b, [order.id])).toEqual([
      [order.id, 0, 2],
      [order.id, 1, 2],
    ]);
  });

  it("lets exactly one of two waiters paying the same item at the same moment succeed; the other gets 409 NOT_OPEN naming the line, and nothing of it is written", async () => {
    const { table, order } = await tableWithOrder();
    const a = pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 3 }] });
    // Ben also pays line 1: that part must not be recorded when his payment is refused.
    const b = pay(other, { table, method: "card", items: [{ order: order.id, line: 0, qty: 3 }, { order: order.id, line: 1, qty: 2 }] });
    const results = await Promise.all([a, b]);
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won, results.map((r) => r.text).join("\n")).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const refused = lost[0]!;
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe("NOT_OPEN");
    expect(refused.body.error.lines).toContainEqual({ order: order.id, line: 0, table, openQty: 0 });
    expect(await paymentRows(refused.sent.id)).toBe(0);
    // What the winner did not pay is still open, whole.
    const open = await bill(waiter, table);
    if (won[0]!.sent.items.length === 1) expect(billLinesOf(open, [order.id])).toEqual([[order.id, 1, 2]]);
    else expect(billLinesOf(open, [order.id])).toEqual([]);
  });

  it("refuses paying more than is open with 409 NOT_OPEN listing the line and its open quantity, and records nothing", async () => {
    const { table, order } = await tableWithOrder();
    await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }] });
    const seq = await currentSeq();
    const res = await pay(waiter, { table, items: [{ order: order.id, line: 1, qty: 1 }, { order: order.id, line: 0, qty: 2 }] });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: order.id, line: 0, table, openQty: 1 }] });
    expect(await paymentRows(res.sent.id)).toBe(0);
    expect(await currentSeq()).toBe(seq);
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([
      [order.id, 0, 1],
      [order.id, 1, 2],
    ]);
  });

  it("refuses items that are on another table than the payment's with 409 NOT_OPEN", async () => {
    const { order } = await tableWithOrder();
    const elsewhere = freshTable();
    const res = await pay(waiter, { table: elsewhere, items: [{ order: order.id, line: 0, qty: 1 }] });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: order.id, line: 0, table: elsewhere, openQty: 0 }] });
    expect(await paymentRows(res.sent.id)).toBe(0);
  });

  it("refuses negative, fractional and absurd tips and tendered amounts with 400 naming the field", async () => {
    const { table, order } = await tableWithOrder();
    const items = [{ order: order.id, line: 1, qty: 1 }];
    const seq = await currentSeq();
    for (const field of ["tipCents", "tenderedCents"] as const) {
      for (const value of [-1, 1.5, 1_000_001, 1e308, "100", null]) {
        const res = await pay(waiter, { table, items, [field]: value as number });
        expect(res.status, `${field}=${value}: ${res.text}`).toBe(400);
        expect(res.body.error, `${field}=${value}`).toMatchObject({ code: "INVALID_INPUT", path: field });
      }
    }
    // The largest accepted amount is fine.
    const max = await pay(waiter, { table, items, tenderedCents: 1_000_000 });
    expect(max.status, max.text).toBe(201);
    expect(await currentSeq()).toBe(seq + 1);
  });

  it("refuses a cash payment whose tendered amount is below the total with 400 path tenderedCents", async () => {
    const { table, order } = await tableWithOrder();
    const items = allItems(order);
    const { amountCents, depositCents } = valueOf([order], items);
    const res = await pay(waiter, { table, items, tipCents: 100, tenderedCents: amountCents + depositCents + 99 });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "tenderedCents" });
    expect(await paymentRows(res.sent.id)).toBe(0);
    const exact = await pay(waiter, { table, items, tipCents: 100, tenderedCents: amountCents + depositCents + 100 });
    expect(exact.status, exact.text).toBe(201);
    expect(exact.body.payment.changeCents).toBe(0);
  });

  it("refuses an unknown method, a free payment without a reason and a malformed body with 400 naming the field", async () => {
    const { table, order } = await tableWithOrder();
    const items = allItems(order);
    const cases: [Record<string, unknown>, string][] = [
      [{ method: "bitcoin" }, "method"],
      [{ method: "free" }, "reason"],
      [{ method: "free", reason: "   " }, "reason"],
      [{ items: [] }, "items"],
      [{ items: [{ order: order.id, line: 0, qty: 0 }] }, "items[0].qty"],
      [{ items: [{ order: order.id, line: 0, qty: 1 }, { order: order.id, line: 0, qty: 1 }] }, "items"],
      [{ items: [{ order: "not-a-uuid", line: 0, qty: 1 }] }, "items[0].order"],
      [{ table: "Z99" }, "table"],
      [{ id: "123" }, "id"],
      [{ extra: 1 }, "extra"],
    ];
    for (const [change, path] of cases) {
      const res = await api("POST", "/api/v1/payments", { id: crypto.randomUUID(), table, method: "cash", items, ...change }, waiter);
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(400);
      expect(res.body.error, JSON.stringify(change)).toMatchObject({ code: "INVALID_INPUT", path });
    }
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([
      [order.id, 0, 3],
      [order.id, 1, 2],
    ]);
  });

  it("refuses a deposit return of a product that has no deposit (or is unknown) with 400", async () => {
    const { table, order } = await tableWithOrder();
    for (const product of [withoutDeposit, "kaviar"]) {
      const res = await pay(waiter, { table, items: [{ order: order.id, line: 1, qty: 1 }], depositReturns: [{ product, qty: 1 }] });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("INVALID_INPUT");
      expect(res.body.error.path).toMatch(/^depositReturns\[0\]/);
      expect(await paymentRows(res.sent.id)).toBe(0);
    }
  });
});

describe("payment methods and tips from the config", () => {
  afterAll(() => useConfig());

  it("tells the phones the event's methods, whether tips are taken and whether to pay right after ordering", async () => {
    const event = (await api("GET", "/api/v1/event", undefined, waiter)).body;
    expect(event.payment).toEqual({ ...(config.payment ?? { methods: ["cash", "card"], tips: false }), tipLimitCents: null, receiptPrinter: false });
    expect(event.ui.pay_after_order).toBe((config.ui as { pay_after_order?: boolean }).pay_after_order ?? false);
  });

  it("refuses a method the event does not allow (path method) and a tip when tips are off (path tipCents)", async () => {
    // The coordinator checks payments against its config; give it one with two methods and no tips.
    await useConfig((c) => (c.payment = { methods: ["cash", "card"], tips: false }));
    const { table, order } = await tableWithOrder();
    const items = allItems(order);
    for (const method of ["voucher", "free"]) {
      const res = await pay(waiter, { table, method, reason: "Helfer", items });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "method" });
    }
    const tip = await pay(waiter, { table, items, tipCents: 100 });
    expect(tip.status, tip.text).toBe(400);
    expect(tip.body.error).toMatchObject({ code: "INVALID_INPUT", path: "tipCents" });
    expect((await bill(waiter, table)).lines).toHaveLength(2);
    const card = await pay(waiter, { table, method: "card", items });
    expect(card.status, card.text).toBe(201);
  });
});

describe("roles", () => {
  it("refuses a payment from a station with 403 and from nobody with 401", async () => {
    const { table, order } = await tableWithOrder();
    const asStation = await pay(station, { table, items: allItems(order) });
    expect(asStation.status, asStation.text).toBe(403);
    expect(asStation.body.error.code).toBe("FORBIDDEN");
    const anonymous = await api("POST", "/api/v1/payments", { ...asStation.sent, id: crypto.randomUUID() });
    expect(anonymous.status, anonymous.text).toBe(401);
    expect((await bill(waiter, table)).lines).toHaveLength(2);
  });

  it("lets an admin pay", async () => {
    const { table, order } = await tableWithOrder();
    const p = await mustPay(admin, { table, items: allItems(order) });
    expect(p.waiter).toBe("Chefin");
  });

  it("refuses a reversal from a waiter or a station with 403", async () => {
    const { table, order } = await tableWithOrder();
    const p = await mustPay(waiter, { table, items: allItems(order) });
    for (const cookie of [waiter, station]) {
      const res = await reverse(cookie, p.id);
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    expect((await bill(waiter, table)).lines).toEqual([]);
  });
});

describe("listing payments", () => {
  it("lists a table's payments newest first; a waiter sees only their own, an admin everyone's", async () => {
    const { table, order } = await tableWithOrder();
    const mine = await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }] });
    const bens = await mustPay(other, { table, items: [{ order: order.id, line: 0, qty: 1 }] });
    const newer = await mustPay(waiter, { table, items: [{ order: order.id, line: 1, qty: 1 }] });
    const asAdmin = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?table=${table}`, undefined, admin);
    expect(asAdmin.status, asAdmin.text).toBe(200);
    expect(asAdmin.body.payments.map((p) => p.id)).toEqual([newer.id, bens.id, mine.id]);
    expect(asAdmin.body.payments[0]).toEqual(newer);
    const asAnna = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?table=${table}`, undefined, waiter);
    expect(asAnna.body.payments.map((p) => p.id)).toEqual([newer.id, mine.id]);
    // Asking for someone else's does not show them to a waiter.
    const annaAsksForBen = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?table=${table}&waiter=Ben`, undefined, waiter);
    if (annaAsksForBen.status === 200) expect(annaAsksForBen.body.payments.map((p) => p.waiter).filter((w) => w !== "Anna"), annaAsksForBen.text).toEqual([]);
    else expect(annaAsksForBen.status, annaAsksForBen.text).toBe(403);
    const adminForBen = await api<{ payments: Payment[] }>("GET", `/api/v1/payments?table=${table}&waiter=Ben`, undefined, admin);
    expect(adminForBen.body.payments.map((p) => p.id)).toEqual([bens.id]);
    const asStation = await api("GET", "/api/v1/payments", undefined, station);
    expect(asStation.status, asStation.text).toBe(403);
  });
});

describe("reversing a payment", () => {
  it("opens its items again, keeps the payment with its reversal, and answers a second reversal with the same one", async () => {
    const { table, order } = await tableWithOrder();
    const before = await bill(waiter, table);
    const p = await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }, { order: order.id, line: 1, qty: 1 }] });
    const res = await reverse(admin, p.id, "falsche Zahlart");
    expect(res.status, res.text).toBe(200);
    const reversed = res.body.payment;
    expect(reversed).toMatchObject({ ...p, reversal: { by: "Chefin", reason: "falsche Zahlart" } });
    expect(reversed.reversal!.seq).toBe(await currentSeq());
    expect(await bill(waiter, table)).toEqual(before);

    const again = await reverse(admin, p.id.toUpperCase(), "noch einmal");
    expect(again.status, again.text).toBe(200);
    expect(again.body.payment).toEqual(reversed);
    expect(await currentSeq()).toBe(reversed.reversal!.seq);
    // The items can be paid again.
    await mustPay(waiter, { table, method: "card", items: [{ order: order.id, line: 0, qty: 2 }] });
    // The audit list has the reversal once: who, what it was worth, why.
    const audit = await api<{ entries: AuditEntry[] }>("GET", "/api/v1/audit", undefined, admin);
    const entries = audit.body.entries.filter((e) => e.id === p.id);
    expect(entries).toEqual([expect.objectContaining({ kind: "reversal", seq: reversed.reversal!.seq, table, by: "Chefin", valueCents: p.totalCents, reason: "falsche Zahlart", subject: { kind: "reversal", waiter: p.waiter, method: p.method }, approvedWithAdminPin: false })]);
  });

  it("answers 404 for an unknown payment and 400 for a missing reason", async () => {
    const unknown = await reverse(admin, crypto.randomUUID());
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const { table, order } = await tableWithOrder();
    const p = await mustPay(waiter, { table, items: allItems(order) });
    const noReason = await api("POST", `/api/v1/payments/${p.id}/reverse`, {}, admin);
    expect(noReason.status, noReason.text).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "INVALID_INPUT", path: "reason" });
    expect((await bill(waiter, table)).lines).toEqual([]);
  });
});

describe("the stream", () => {
  it("sends payment.recorded and payment.reversed with the next seq, the payment and the order's positions", async () => {
    const { table, order } = await tableWithOrder();
    const s = await stream(station);
    const { seq } = await s.next();
    const p = await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }] });
    const recorded = (await s.next()) as Frame;
    expect(recorded).toMatchObject({ type: "payment.recorded", seq: seq + 1, payment: p });
    expect(recorded.positions).toEqual([
      {
        order: order.id,
        closedAt: null,
        positions: [
          { line: 0, table, qty: 3, paidQty: 1, voidedQty: 0 },
          { line: 1, table, qty: 2, paidQty: 0, voidedQty: 0 },
        ],
      },
    ]);
    const r = await reverse(admin, p.id);
    const reversed = (await s.next()) as Frame;
    expect(reversed).toMatchObject({ type: "payment.reversed", seq: seq + 2, payment: r.body.payment, reopened: [] });
    expect(reversed.positions[0].positions[0]).toEqual({ line: 0, table, qty: 3, paidQty: 0, voidedQty: 0 });
    // A replay and a refused payment send nothing.
    await api("POST", "/api/v1/payments", { id: p.id, table, method: "cash", items: [{ order: order.id, line: 0, qty: 1 }] }, waiter);
    await pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 9 }] });
    expect(await s.drain()).toEqual([]);
  });
});
