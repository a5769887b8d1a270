// Deposits come back by group (issue 20, item 11): guests bring back glasses, not products. The
// shipped config puts its six beers in "Glas 0,5 l" and its four bottles in "Flasche 0,75 l"; a
// product with a deposit and no group falls in the group of its amount ("Pfand 0,50 €"). The bound
// of invariant 12 holds per group, beyond it only with the admin PIN; a phone's outbox from before
// groups still sends returns by product, which count for the product's group. Through the real
// worker, coordinator and D1; every refusal is read back as nothing recorded.
import { beforeAll, describe, expect, it } from "vitest";
import type { DepositBalance, DepositGroupBalance, MenuEditView, Order, Report } from "../../worker/protocol.ts";
import { checkConfig } from "../../worker/config/schema.ts";
import config from "../../config.json";
import { api, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, allItems, freshTable, mustPay, pay, paymentRows, reverse, type PayInput } from "./money-helpers.ts";

const GLAS = "Glas 0,5 l";
const FLASCHE = "Flasche 0,75 l";
let waiter: string;
let admin: string;

beforeAll(async () => {
  [waiter, admin] = await Promise.all([login("waiter", "Anna"), login("admin", "Chefin")]);
});

async function deposits(): Promise<{ groups: Map<string, DepositGroupBalance>; products: Map<string, DepositBalance> }> {
  const res = await api<{ groups: DepositGroupBalance[]; deposits: DepositBalance[] }>("GET", "/api/v1/deposits", undefined, waiter);
  expect(res.status, res.text).toBe(200);
  return { groups: new Map(res.body.groups.map((g) => [g.group, g])), products: new Map(res.body.deposits.map((d) => [d.product, d])) };
}
const openOf = async (group: string) => (await deposits()).groups.get(group)?.open ?? 0;

/** `qty` of each product go out: ordered at one table and paid in cash (their deposits come in). */
async function handOut(items: { product: string; qty: number }[]): Promise<string> {
  const table = freshTable();
  const order: Order = await mustPlaceOrder(waiter, { table, items });
  return (await mustPay(waiter, { table, items: allItems(order) })).id;
}
const returnOnly = (depositReturns: PayInput["depositReturns"], extra: Partial<PayInput> = {}) => pay(waiter, { table: freshTable(), items: [], depositReturns, ...extra });

async function drain(group: string): Promise<void> {
  const open = await openOf(group);
  if (open > 0) expect((await returnOnly([{ group, qty: open }])).status).toBe(201);
  expect(await openOf(group)).toBe(0);
}

async function depositBack(): Promise<number> {
  const res = await api<Report>("GET", "/api/v1/report", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body.headline.depositBackCents;
}

describe("GET /deposits and returns by group", () => {
  it("lists the menu's groups with their deposit, each with nothing out at the start, not ten products", async () => {
    const { groups } = await deposits();
    expect([...groups.values()]).toEqual([
      { group: GLAS, depositCents: 200, out: 0, back: 0, open: 0 },
      { group: FLASCHE, depositCents: 300, out: 0, back: 0, open: 0 },
    ]);
  });

  it("counts the glasses of every product of a group and pays back any of them: bounded per group", async () => {
    await drain(GLAS);
    await drain(FLASCHE);
    await handOut([{ product: "pils", qty: 1 }, { product: "radler", qty: 2 }, { product: "flasche-riesling", qty: 1 }]);
    expect(await openOf(GLAS)).toBe(3);
    expect(await openOf(FLASCHE)).toBe(1);
    const reportBefore = await depositBack();

    // Three glasses back: two Radler glasses and a Pils glass are all "Glas 0,5 l".
    const back = await returnOnly([{ group: GLAS, qty: 3 }]);
    expect(back.status, back.text).toBe(201);
    const payment = back.body.payment;
    expect([payment.depositReturnCents, payment.totalCents, payment.approvedBy]).toEqual([600, -600, null]);
    expect(payment.depositReturns).toHaveLength(1);
    expect(payment.depositReturns[0]).toMatchObject({ group: GLAS, name: GLAS, qty: 3, depositCents: 200 });
    expect(payment.depositReturns[0]!.products.reduce((n, p) => n + p.qty, 0)).toBe(3);
    expect(await openOf(GLAS)).toBe(0);
    // The bottle is another group: glasses never pay it back, and it is still out.
    expect(await openOf(FLASCHE)).toBe(1);
    const more = await returnOnly([{ group: GLAS, qty: 1 }]);
    expect(more.status, more.text).toBe(409);
    expect(more.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "depositReturns[0].qty", groups: [{ group: GLAS, left: 0 }] });
    expect(await paymentRows(more.sent.id)).toBe(0);
    // The report and the waiter's figures count what was paid back, by money.
    expect(await depositBack()).toBe(reportBefore + 600);
    // Reversing the return gives the three glasses back to the group.
    expect((await reverse(admin, payment.id)).status).toBe(200);
    expect(await openOf(GLAS)).toBe(3);
    expect(await depositBack()).toBe(reportBefore);
  });

  it("refuses a group the menu does not have (400, by path), and a group named twice", async () => {
    const res = await returnOnly([{ group: "Maßkrug", qty: 1 }]);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "depositReturns[0].group" });
    const twice = await returnOnly([{ group: GLAS, qty: 1 }, { group: GLAS, qty: 1 }]);
    expect(twice.status, twice.text).toBe(400);
    expect(await paymentRows(res.sent.id)).toBe(0);
  });
});

describe("beyond what is out: only with the admin PIN", () => {
  it("refuses a waiter's extra glass without the PIN (409) and with a wrong one (401); records it with the PIN, approved", async () => {
    await drain(GLAS);
    await handOut([{ product: "hefeweizen", qty: 1 }]);
    const none = await returnOnly([{ group: GLAS, qty: 2 }]);
    expect(none.status, none.text).toBe(409);
    expect(none.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", groups: [{ group: GLAS, left: 1 }] });
    expect(none.body.error.message).toContain("admin PIN");
    const wrong = await returnOnly([{ group: GLAS, qty: 2 }], { adminPin: "000000" });
    expect(wrong.status, wrong.text).toBe(401);
    expect(await paymentRows(wrong.sent.id)).toBe(0);
    expect(await openOf(GLAS)).toBe(1);

    const approved = await returnOnly([{ group: GLAS, qty: 2 }], { adminPin: ADMIN_PIN });
    expect(approved.status, approved.text).toBe(201);
    expect([approved.body.payment.depositReturnCents, approved.body.payment.approvedBy]).toEqual([400, "admin PIN"]);
    // One more came back than went out: the group stands at −1 until another glass goes out.
    expect(await openOf(GLAS)).toBe(-1);
    expect((await returnOnly([{ group: GLAS, qty: 1 }])).status).toBe(409);
    await handOut([{ product: "pils", qty: 2 }]);
    expect(await openOf(GLAS)).toBe(1);
  });

  it("an admin's own session needs no PIN", async () => {
    await drain(FLASCHE);
    const res = await pay(admin, { table: freshTable(), items: [], depositReturns: [{ group: FLASCHE, qty: 1 }] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.payment.approvedBy).toBe("Chefin");
    expect(await openOf(FLASCHE)).toBe(-1);
    await handOut([{ product: "sekt-flasche", qty: 1 }]);
    expect(await openOf(FLASCHE)).toBe(0);
  });
});

describe("returns by product, as phones sent them before groups", () => {
  it("counts each product's return for its group, adds up two products of one group, and replays the same request", async () => {
    await drain(GLAS);
    await handOut([{ product: "colaweizen", qty: 2 }]);
    // No Pils and no Radler went out, but their glasses are the group's: two of it are out.
    const id = crypto.randomUUID();
    const table = freshTable();
    const old = await returnOnly([{ product: "pils", qty: 1 }, { product: "radler", qty: 1 }], { id, table });
    expect(old.status, old.text).toBe(201);
    expect(old.body.payment.depositReturns).toEqual([{ group: GLAS, name: GLAS, qty: 2, depositCents: 200, products: [{ product: "colaweizen", qty: 2 }] }]);
    expect(await openOf(GLAS)).toBe(0);
    // The outbox sends it again: the same payment, nothing counted twice.
    const again = await returnOnly([{ product: "radler", qty: 1 }, { product: "pils", qty: 1 }], { id, table });
    expect([again.status, again.body.replay]).toEqual([200, true]);
    expect(await openOf(GLAS)).toBe(0);
    // Beyond the group's count it is refused by the entry's path, as a return by group is.
    const over = await returnOnly([{ product: "hefeweizen", qty: 1 }]);
    expect(over.status, over.text).toBe(409);
    expect(over.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "depositReturns[0].qty", groups: [{ group: GLAS, left: 0 }] });
    // A product without a deposit is still refused by its path.
    const cola = await returnOnly([{ product: "cola", qty: 1 }]);
    expect(cola.status, cola.text).toBe(400);
    expect(cola.body.error.path).toBe("depositReturns[0].product");
  });
});

describe("a group's deposit, in config.json and on /admin", () => {
  it("refuses a group whose products differ in deposit, and a group on a product without deposit, each by its path", () => {
    const mixed = structuredClone(config) as { products: Record<string, unknown>[] };
    const riesling = mixed.products.findIndex((p) => p.id === "flasche-riesling");
    mixed.products[riesling]!.deposit_group = GLAS;
    const cola = mixed.products.findIndex((p) => p.id === "cola");
    mixed.products[cola]!.deposit_group = FLASCHE;
    const { config: ok, problems } = checkConfig(mixed);
    expect(ok).toBeUndefined();
    const errors = problems.filter((p) => p.level === "error");
    expect(errors.map((p) => p.path).sort()).toEqual([`products[${cola}].deposit_group`, `products[${riesling}].deposit`].sort());
    expect(errors.find((p) => p.path === `products[${riesling}].deposit`)!.message).toContain(`"${GLAS}"`);
    // The shipped config itself is fine.
    expect(checkConfig(config).problems.filter((p) => p.level === "error")).toEqual([]);
  });

  it("PUT /menu refuses a mix by path; a product with a deposit and no group falls in its amount's group", async () => {
    const edit = await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin);
    expect(edit.status, edit.text).toBe(200);
    const menu = edit.body;
    const i = menu.products.findIndex((p) => p.id === "radler");
    const mixed = structuredClone(menu.products);
    mixed[i] = { ...mixed[i]!, deposit: 2.5 };
    const refused = await api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products: mixed }, admin);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.problems.map((p: { path: string }) => p.path)).toEqual([`products[${i}].deposit`]);

    // Cola gets a 0,50 € deposit without a group: its group is named by the amount.
    const products = structuredClone(menu.products).map((p) => (p.id === "cola" ? { ...p, deposit: 0.5 } : p));
    const saved = await api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products }, admin);
    expect(saved.status, saved.text).toBe(200);
    const { groups } = await deposits();
    expect(groups.get("Pfand 0,50 €")).toEqual({ group: "Pfand 0,50 €", depositCents: 50, out: 0, back: 0, open: 0 });
    await handOut([{ product: "cola", qty: 2 }]);
    const back = await returnOnly([{ group: "Pfand 0,50 €", qty: 2 }]);
    expect(back.status, back.text).toBe(201);
    expect(back.body.payment.depositReturnCents).toBe(100);
    expect(await openOf("Pfand 0,50 €")).toBe(0);
  });
});

