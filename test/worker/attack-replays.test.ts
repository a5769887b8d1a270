// A dishonest waiter who learnt another's ids (issue 23, item 6): sending a payment, order, void
// or move again under another's id must not read it. Only the one who recorded it (the phone's
// retry) or an admin gets the stored record back; anyone else gets the conflict any other body gets.
import { beforeAll, describe, expect, it } from "vitest";
import { api, count, login, mustPlaceOrder } from "./helpers.ts";
import { ADMIN_PIN, freshTable, move, pay, paymentRows, voidItems } from "./money-helpers.ts";

let anna: string;
let mallory: string;
let admin: string;
beforeAll(async () => {
  [anna, mallory, admin] = await Promise.all([login("waiter", "Anna"), login("waiter", "Mallory"), login("admin", "Chefin")]);
});

async function annasOrder() {
  const table = freshTable();
  const order = await mustPlaceOrder(anna, { table, items: [{ product: "pils", qty: 3 }, { product: "cola", qty: 2 }] });
  return { table, order };
}

/** What the same id with another body answers: the most a stranger may learn. */
function conflictOf(res: { status: number; body: any }) {
  return { status: res.status, body: res.body };
}

describe("a waiter who replays another waiter's request", () => {
  it("gets 409 and no payment for Anna's payment id and body; Anna and the admin get it back", async () => {
    const { table, order } = await annasOrder();
    const first = await pay(anna, { table, items: [{ order: order.id, line: 0, qty: 2 }], tipCents: 120, tenderedCents: 2000 });
    expect(first.status, first.text).toBe(201);

    const stolen = await api("POST", "/api/v1/payments", first.sent, mallory);
    const otherBody = await api("POST", "/api/v1/payments", { ...first.sent, tipCents: 0 }, mallory);
    expect(stolen.status, stolen.text).toBe(409);
    expect(conflictOf(stolen)).toEqual(conflictOf(otherBody));
    expect(stolen.body).toEqual({ error: { code: "ID_CONFLICT", message: "a payment with this id exists with other content", path: "id" } });
    expect(stolen.text).not.toContain("2000");
    expect(stolen.text).not.toContain("Anna");

    const retry = await api("POST", "/api/v1/payments", first.sent, anna);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toEqual({ payment: first.body.payment, replay: true });
    const byAdmin = await api("POST", "/api/v1/payments", first.sent, admin);
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.body.payment).toEqual(first.body.payment);
    expect(await paymentRows(first.sent.id)).toBe(1);
  });

  it("gets 409 ORDER_ID_CONFLICT and no order for Anna's order id and body", async () => {
    const table = freshTable();
    const body = { id: crypto.randomUUID(), table, menuVersion: (await api("GET", "/api/v1/menu", undefined, anna)).body.version, items: [{ product: "pils", qty: 1, note: "ohne Schaum" }] };
    const first = await api("POST", "/api/v1/orders", body, anna);
    expect(first.status, first.text).toBe(201);

    const stolen = await api("POST", "/api/v1/orders", body, mallory);
    const otherBody = await api("POST", "/api/v1/orders", { ...body, items: [{ product: "pils", qty: 2 }] }, mallory);
    expect(stolen.status, stolen.text).toBe(409);
    expect(conflictOf(stolen)).toEqual(conflictOf(otherBody));
    expect(stolen.body.error).toMatchObject({ code: "ORDER_ID_CONFLICT", path: "id" });
    expect(stolen.text).not.toContain("ohne Schaum");

    const retry = await api("POST", "/api/v1/orders", body, anna);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toEqual({ order: first.body.order, replay: true });
    expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", body.id)).toBe(1);
  });

  it("gets 409 and no void for Anna's void, even with the admin PIN; Anna gets it back", async () => {
    const { order } = await annasOrder();
    const first = await voidItems(anna, { order: order.id, line: 1, qty: 1, reason: "mistake", note: "Gast ging", adminPin: ADMIN_PIN });
    expect(first.status, first.text).toBe(201);

    const stolen = await api("POST", "/api/v1/voids", first.sent, mallory);
    const otherBody = await api("POST", "/api/v1/voids", { ...first.sent, qty: 2 }, mallory);
    expect(stolen.status, stolen.text).toBe(409);
    expect(conflictOf(stolen)).toEqual(conflictOf(otherBody));
    expect(stolen.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    expect(stolen.text).not.toContain("Gast ging");

    const retry = await api("POST", "/api/v1/voids", first.sent, anna);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toEqual({ void: first.body.void, replay: true });
  });

  it("gets 409 and no move for Anna's move; Anna gets it back", async () => {
    const { table, order } = await annasOrder();
    const to = freshTable();
    const first = await move(anna, table, { to, items: [{ order: order.id, line: 0, qty: 1 }] });
    expect(first.status, first.text).toBe(201);

    const stolen = await api("POST", `/api/v1/tables/${encodeURIComponent(table)}/move`, first.sent, mallory);
    const otherBody = await api("POST", `/api/v1/tables/${encodeURIComponent(table)}/move`, { ...first.sent, items: [{ order: order.id, line: 0, qty: 2 }] }, mallory);
    expect(stolen.status, stolen.text).toBe(409);
    expect(conflictOf(stolen)).toEqual(conflictOf(otherBody));
    expect(stolen.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });

    const retry = await api("POST", `/api/v1/tables/${encodeURIComponent(table)}/move`, first.sent, anna);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toEqual({ move: first.body.move, replay: true });
  });
});
