// What a waiter claims in a payment is bounded by the record or approved (DESIGN invariant 12,
// issue 19 items 1–3): no more glasses back than deposits went out (per deposit group, across payments,
// under racing requests, around reversals); items given away and tips above the payment's amount or
// the event's limit only with the admin PIN or an admin session. Every refusal is a 4xx naming its
// field and records nothing, which each test reads back.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, DepositGroupBalance, Order } from "../../worker/protocol.ts";
import { checkConfig } from "../../worker/config/schema.ts";
import config from "../../config.json";
import { api, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, allItems, bill, freshTable, mustPay, pay, paymentRows, prices, reverse, useConfig, type PayInput, type Price } from "./money-helpers.ts";

let waiter: string;
let admin: string;
let price: Map<string, Price>;
// Two products with a deposit in two groups (glasses of one never pay back the other) and one without.
const PILS = "pils";
const WINE = "flasche-mueller";
const COLA = "cola";
const GLAS = "Glas 0,5 l";
const FLASCHE = "Flasche 0,75 l";

beforeAll(async () => {
  [waiter, admin] = await Promise.all([login("waiter", "Anna"), login("admin", "Chefin")]);
  price = await prices(admin);
  expect(price.get(PILS)!.depositCents).toBeGreaterThan(0);
  expect(price.get(WINE)!.depositCents).toBeGreaterThan(0);
  expect(price.get(COLA)!.depositCents).toBe(0);
});

async function deposits(): Promise<Map<string, DepositGroupBalance>> {
  const res = await api<{ groups: DepositGroupBalance[] }>("GET", "/api/v1/deposits", undefined, waiter);
  expect(res.status, res.text).toBe(200);
  return new Map(res.body.groups.map((d) => [d.group, d]));
}
const openOf = async (group: string) => (await deposits()).get(group)?.open ?? 0;

/** Glasses of a deposit group brought back with nothing bought (a payment of returns only, money out in cash). */
const returnOnly = (group: string, qty: number, extra: Partial<PayInput> = {}) => pay(waiter, { table: freshTable(), items: [], depositReturns: [{ group, qty }], ...extra });

/** Pays back every glass of the group that is out, so a test starts with none that can come back. */
async function drain(group: string): Promise<void> {
  const open = await openOf(group);
  if (open > 0) expect((await returnOnly(group, open)).status).toBe(201);
  expect(await openOf(group)).toBe(0);
}

/** An order of `qty` × product at a fresh table. */
async function ordered(product: string, qty: number): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  return { table, order: await mustPlaceOrder(waiter, { table, items: [{ product, qty }] }) };
}

/** `qty` glasses of the product go out: ordered and paid in cash. */
async function handOut(product: string, qty: number): Promise<string> {
  const { table, order } = await ordered(product, qty);
  return (await mustPay(waiter, { table, items: allItems(order) })).id;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const res = await api<{ entries: AuditEntry[] }>("GET", "/api/v1/audit", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body.entries;
}

const pinAttempts = async () => (await env.DB.prepare("SELECT count(*) AS n FROM pin_attempts").first<{ n: number }>())!.n;

describe("deposit returns are bounded by the glasses out", () => {
  it("GET /deposits counts per deposit group the glasses paid for and the ones paid back", async () => {
    const before = await deposits();
    await handOut(PILS, 3);
    expect((await returnOnly(GLAS, 1)).status).toBe(201);
    const after = (await deposits()).get(GLAS)!;
    const was = before.get(GLAS)!;
    expect(after).toMatchObject({ group: GLAS, depositCents: price.get(PILS)!.depositCents, out: was.out + 3, back: was.back + 1, open: was.out + 3 - was.back - 1 });
    const station = await login("station");
    expect((await api("GET", "/api/v1/deposits", undefined, station)).status).toBe(403);
  });

  it("refuses one return beyond what is out with 409 DEPOSIT_LIMIT naming the group, how many can come back, and the path; nothing is recorded", async () => {
    await drain(GLAS);
    await drain(FLASCHE);
    await handOut(PILS, 2);
    // The attack: 999 glasses of each group back, with nothing bought.
    const table = freshTable();
    const res = await pay(waiter, { table, items: [], depositReturns: [{ group: GLAS, qty: 2 }, { group: FLASCHE, qty: 999 }] });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "depositReturns[1].qty", groups: [{ group: FLASCHE, left: 0 }] });
    expect(res.body.error.message).toContain("Flasche 0,75 l: 0 can still come back");
    expect(await paymentRows(res.sent.id)).toBe(0);
    // Glasses never pay back a bottle: the two glasses are still there to come back.
    expect(await openOf(GLAS)).toBe(2);
    const over = await returnOnly(GLAS, 3);
    expect(over.status, over.text).toBe(409);
    expect(over.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "depositReturns[0].qty", groups: [{ group: GLAS, left: 2 }] });
    expect(await paymentRows(over.sent.id)).toBe(0);
    expect((await returnOnly(GLAS, 2)).status).toBe(201);
  });

  it("counts returns across several payments, and the glasses a payment charges itself", async () => {
    await drain(GLAS);
    await handOut(PILS, 2);
    expect((await returnOnly(GLAS, 1)).status).toBe(201);
    expect((await returnOnly(GLAS, 1)).status).toBe(201);
    const third = await returnOnly(GLAS, 1);
    expect(third.status, third.text).toBe(409);
    expect(third.body.error.groups).toEqual([{ group: GLAS, left: 0 }]);
    // A guest pays two Pils and brings two glasses back at once: they are out by this payment.
    const { table, order } = await ordered(PILS, 2);
    const tooMany = await pay(waiter, { table, items: allItems(order), depositReturns: [{ group: GLAS, qty: 3 }] });
    expect(tooMany.status, tooMany.text).toBe(409);
    expect(tooMany.body.error.groups).toEqual([{ group: GLAS, left: 2 }]);
    expect((await bill(waiter, table)).lines[0]!.openQty).toBe(2);
    expect((await pay(waiter, { table, items: allItems(order), depositReturns: [{ group: GLAS, qty: 2 }] })).status).toBe(201);
    expect(await openOf(GLAS)).toBe(0);
  });

  it("lets only what fits through when returns race: 5 returns of one glass at once against 3 out", async () => {
    await drain(GLAS);
    await handOut(PILS, 3);
    const answers = await Promise.all(Array.from({ length: 5 }, () => returnOnly(GLAS, 1)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(await paymentRows(a.sent.id)).toBe(0);
    expect(await openOf(GLAS)).toBe(0);
    // Two returns of 2 against 3 out: one passes, the other is refused whole.
    await handOut(PILS, 3);
    const pair = await Promise.all([returnOnly(GLAS, 2), returnOnly(GLAS, 2)]);
    expect(pair.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await openOf(GLAS)).toBe(1);
  });

  it("does not count glasses given away (no deposit came in for them)", async () => {
    await drain(GLAS);
    const { table, order } = await ordered(PILS, 2);
    await mustPay(waiter, { table, method: "free", reason: "Band", items: allItems(order), adminPin: ADMIN_PIN });
    expect(await openOf(GLAS)).toBe(0);
    expect((await returnOnly(GLAS, 1)).status).toBe(409);
  });
});

describe("reversals and deposit returns", () => {
  it("gives reversed returns back to the pool", async () => {
    await drain(GLAS);
    await handOut(PILS, 2);
    const back = await returnOnly(GLAS, 2);
    expect(back.status).toBe(201);
    expect(await openOf(GLAS)).toBe(0);
    expect((await reverse(admin, back.body.payment.id)).status).toBe(200);
    expect(await openOf(GLAS)).toBe(2);
  });

  it("refuses to reverse a payment whose glasses came back (409 DEPOSIT_LIMIT, param.id) until the return is reversed", async () => {
    await drain(GLAS);
    const paid = await handOut(PILS, 2);
    const back = await returnOnly(GLAS, 2);
    const refused = await reverse(admin, paid);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "param.id" });
    expect(refused.body.error.message).toContain("2 Glas 0,5 l");
    const stored = await api("GET", `/api/v1/payments`, undefined, admin);
    expect(stored.body.payments.find((p: { id: string }) => p.id === paid).reversal).toBeNull();
    expect(await openOf(GLAS)).toBe(0);
    expect((await reverse(admin, back.body.payment.id)).status).toBe(200);
    expect((await reverse(admin, paid)).status).toBe(200);
    expect(await openOf(GLAS)).toBe(0);
    expect((await deposits()).get(GLAS)!.open).toBeGreaterThanOrEqual(0);
  });
});

describe("items given away need the admin's approval", () => {
  it("refuses a waiter's free payment without the PIN (403, adminPin) and with a wrong PIN (401, counted); nothing is recorded", async () => {
    const { table, order } = await ordered(COLA, 2);
    const none = await pay(waiter, { table, method: "free", reason: "Band", items: allItems(order) });
    expect(none.status, none.text).toBe(403);
    expect(none.body.error).toMatchObject({ code: "FORBIDDEN", path: "adminPin" });
    const tried = await pinAttempts();
    const wrong = await pay(waiter, { table, method: "free", reason: "Band", items: allItems(order), adminPin: "12345678" });
    expect(wrong.status, wrong.text).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: "WRONG_PIN", path: "adminPin" });
    expect(await pinAttempts()).toBe(tried + 1);
    for (const r of [none, wrong]) expect(await paymentRows(r.sent.id)).toBe(0);
    expect((await bill(waiter, table)).lines[0]!.openQty).toBe(2);
    expect((await auditEntries()).some((a) => a.id === none.sent.id || a.id === wrong.sent.id)).toBe(false);
  });

  it("records it with the admin PIN, keeps who approved (not the PIN), and lists it in the audit like a void", async () => {
    const { table, order } = await ordered(COLA, 2);
    const res = await pay(waiter, { table, method: "free", reason: "Band", items: allItems(order), adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(201);
    expect(res.body.payment).toMatchObject({ method: "free", approvedBy: "admin PIN" });
    const row = await env.DB.prepare("SELECT * FROM payments WHERE id = ?").bind(res.sent.id).first<Record<string, unknown>>();
    expect(row!.approved_by).toBe("admin PIN");
    expect(Object.values(row!)).not.toContain(ADMIN_PIN);
    // The PIN is no part of the request's identity: a retry without it is the same payment.
    const { adminPin: _, ...withoutPin } = res.sent;
    const again = await pay(waiter, withoutPin);
    expect(again.status, again.text).toBe(200);
    expect(again.body.replay).toBe(true);
    const entry = (await auditEntries()).find((a) => a.id === res.sent.id)!;
    const cola = price.get(COLA)!;
    expect(entry).toMatchObject({ kind: "free", table, by: "Anna", approvedBy: "admin PIN", approvedWithAdminPin: true, reason: "Band", valueCents: 2 * cola.unitCents });
    expect(entry.subject).toEqual({ kind: "free", items: [{ qty: 2, name: "Cola" }] });
  });

  it("needs no PIN from an admin's session, and names the admin as approver", async () => {
    const { table, order } = await ordered(COLA, 1);
    const res = await pay(admin, { table, method: "free", reason: "Helfer", items: allItems(order) });
    expect(res.status, res.text).toBe(201);
    expect(res.body.payment.approvedBy).toBe("Chefin");
    expect((await auditEntries()).find((a) => a.id === res.sent.id)).toMatchObject({ kind: "free", by: "Chefin", approvedBy: "Chefin", approvedWithAdminPin: false });
  });
});

describe("tips above the payment's amount or the event's limit need the admin's approval", () => {
  afterAll(() => useConfig());

  it("refuses a tip above goods + deposit without the PIN (403, tipCents, the limit in the message); takes one up to it, and a larger one with the PIN", async () => {
    const { table, order } = await ordered(PILS, 1);
    const pils = price.get(PILS)!;
    const amount = pils.unitCents + pils.depositCents;
    const big = await pay(waiter, { table, method: "card", items: allItems(order), tipCents: amount + 1 });
    expect(big.status, big.text).toBe(403);
    expect(big.body.error).toMatchObject({ code: "FORBIDDEN", path: "tipCents" });
    expect(big.body.error.message).toContain(`${(amount / 100).toFixed(2)} EUR`);
    expect(await paymentRows(big.sent.id)).toBe(0);
    expect((await bill(waiter, table)).lines[0]!.openQty).toBe(1);
    const wrong = await pay(waiter, { table, method: "card", items: allItems(order), tipCents: 1_000_000, adminPin: "87654321" });
    expect(wrong.status).toBe(401);
    expect(await paymentRows(wrong.sent.id)).toBe(0);
    const approved = await pay(waiter, { table, method: "card", items: allItems(order), tipCents: 1_000_000, adminPin: ADMIN_PIN });
    expect(approved.status, approved.text).toBe(201);
    expect(approved.body.payment).toMatchObject({ tipCents: 1_000_000, approvedBy: "admin PIN" });
    expect((await auditEntries()).find((a) => a.id === approved.sent.id)).toMatchObject({ kind: "tip", valueCents: 1_000_000, subject: { kind: "tip", method: "card", tipCents: 1_000_000, amountCents: amount } });
    // Up to the amount itself needs nothing, and is not in the audit list.
    const next = await ordered(PILS, 1);
    const equal = await pay(waiter, { table: next.table, method: "card", items: allItems(next.order), tipCents: amount });
    expect(equal.status, equal.text).toBe(201);
    expect(equal.body.payment.approvedBy).toBeNull();
    expect((await auditEntries()).some((a) => a.id === equal.sent.id)).toBe(false);
  });

  it("takes the event's payment.tip_limit when it is lower than the amount", async () => {
    await useConfig((c) => Object.assign(c.payment, { tip_limit: 1.5 }));
    const { table, order } = await ordered(PILS, 3);
    const over = await pay(waiter, { table, items: allItems(order), tipCents: 151 });
    expect(over.status, over.text).toBe(403);
    expect(over.body.error.path).toBe("tipCents");
    expect(over.body.error.message).toContain("1.50 EUR (the event's tip limit)");
    expect(await paymentRows(over.sent.id)).toBe(0);
    expect((await pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 1 }], tipCents: 150 })).status).toBe(201);
    expect((await pay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }], tipCents: 151, adminPin: ADMIN_PIN })).status).toBe(201);
  });

  it("checks payment.tip_limit in config.json like a price", () => {
    const problems = (tipLimit: unknown) => checkConfig({ ...config, payment: { ...config.payment, tip_limit: tipLimit } }).problems.filter((p) => p.level === "error");
    expect(problems(5)).toEqual([]);
    expect(problems(2.5)).toEqual([]);
    for (const bad of [-1, 1.234, "5", 200_000]) expect(problems(bad).map((p) => p.path), String(bad)).toEqual(["payment.tip_limit"]);
  });
});
