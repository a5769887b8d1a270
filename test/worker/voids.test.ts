// Voids (Storno): taking back items that are not paid, with the admin PIN typed on the phone or an
// admin session; the station sees the voided quantity; a fully voided ticket needs no preparing.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Order } from "../../worker/protocol.ts";
import { api, count, currentSeq, login, mustPlaceOrder, ticketOf, PINS, type Frame } from "./helpers.ts";
import { ADMIN_PIN, bill, billLinesOf, bumpAll, freshTable, getOrder, itemOf, mustPay, tableState, voidItems, streamsClosedAfterEach } from "./money-helpers.ts";

let waiter: string;
let admin: string;
let station: string;
beforeAll(async () => {
  [waiter, admin, station] = await Promise.all([login("waiter", "Dora"), login("admin", "Chef"), login("station", "Grill")]);
});

const stream = streamsClosedAfterEach();

/** 2 Pils at the bar and 3 Pommes in the kitchen, at a table of its own. */
async function drinksAndFood(): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  const order = await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 2 }, { product: "pommes", qty: 3 }] });
  return { table, order };
}

const voidRows = (id: string) => count("SELECT count(*) AS n FROM voids WHERE id = ?", id);

describe("voiding items", () => {
  it("voids part of a line before the bump with the admin PIN: 201, the bill, the order and the table show it", async () => {
    const { table, order } = await drinksAndFood();
    const pommes = itemOf(order, 1);
    const res = await voidItems(waiter, { order: order.id, line: 1, qty: 2, reason: "cancelled", note: "Gast ist gegangen", adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(201);
    expect(res.body.replay).toBe(false);
    expect(res.body.void).toMatchObject({
      id: res.sent.id,
      order: order.id,
      line: 1,
      table,
      product: "pommes",
      qty: 2,
      unitCents: pommes.unitCents,
      depositCents: pommes.depositCents,
      valueCents: 2 * (pommes.unitCents + pommes.depositCents),
      reason: "cancelled",
      note: "Gast ist gegangen",
      waiter: "Dora",
    });
    expect(res.body.void.seq).toBe(await currentSeq());

    const b = await bill(waiter, table);
    expect(b.lines.find((l) => l.line === 1)).toMatchObject({ qty: 3, voidedQty: 2, paidQty: 0, openQty: 1 });
    const pils = itemOf(order, 0);
    expect(b.openCents).toBe(2 * (pils.unitCents + pils.depositCents) + pommes.unitCents + pommes.depositCents);
    expect((await tableState(waiter, table)).openCents).toBe(b.openCents);
    const stored = await getOrder(waiter, order.id);
    expect(itemOf(stored, 1).voidedQty).toBe(2);
    expect(stored.positions.find((p) => p.line === 1)).toEqual({ line: 1, table, qty: 3, paidQty: 0, voidedQty: 2 });
  });

  it("voids after the bump too (the item was made but not paid)", async () => {
    const { table, order } = await drinksAndFood();
    await bumpAll(station, order);
    const res = await voidItems(waiter, { order: order.id, line: 0, qty: 2, reason: "complaint", adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(201);
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([[order.id, 1, 3]]);
  });

  it("needs no PIN from an admin session", async () => {
    const { table, order } = await drinksAndFood();
    const res = await voidItems(admin, { order: order.id, line: 0, qty: 1 });
    expect(res.status, res.text).toBe(201);
    expect(res.body.void).toMatchObject({ waiter: "Chef", approvedBy: "Chef", qty: 1 });
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([
      [order.id, 0, 1],
      [order.id, 1, 3],
    ]);
  });

  it("refuses a waiter without the admin PIN with 403 path adminPin and a wrong PIN with 401 WRONG_PIN; nothing is voided", async () => {
    const { table, order } = await drinksAndFood();
    const seq = await currentSeq();
    const without = await voidItems(waiter, { order: order.id, line: 0, qty: 1 });
    expect(without.status, without.text).toBe(403);
    expect(without.body.error).toMatchObject({ code: "FORBIDDEN", path: "adminPin" });
    const wrong = await voidItems(waiter, { order: order.id, line: 0, qty: 1, adminPin: PINS.waiter });
    expect(wrong.status, wrong.text).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: "WRONG_PIN", path: "adminPin" });
    expect(await voidRows(without.sent.id)).toBe(0);
    expect(await voidRows(wrong.sent.id)).toBe(0);
    expect(await currentSeq()).toBe(seq);
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([
      [order.id, 0, 2],
      [order.id, 1, 3],
    ]);
    const right = await voidItems(waiter, { order: order.id, line: 0, qty: 1, adminPin: ADMIN_PIN });
    expect(right.status, right.text).toBe(201);
    expect(right.body.void.approvedBy).not.toBe("Dora");
  });

  it("refuses a station with 403", async () => {
    const { order } = await drinksAndFood();
    const res = await voidItems(station, { order: order.id, line: 0, qty: 1, adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(403);
    expect(await voidRows(res.sent.id)).toBe(0);
  });

  it("refuses voiding more than is open, or what is paid, with 409 NOT_OPEN naming the line", async () => {
    const { table, order } = await drinksAndFood();
    const tooMany = await voidItems(admin, { order: order.id, line: 1, qty: 4 });
    expect(tooMany.status, tooMany.text).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: order.id, line: 1, table, openQty: 3 }] });
    await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }] });
    const paid = await voidItems(admin, { order: order.id, line: 0, qty: 1 });
    expect(paid.status, paid.text).toBe(409);
    expect(paid.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: order.id, line: 0, table, openQty: 0 }] });
    expect(await voidRows(tooMany.sent.id)).toBe(0);
    expect(await voidRows(paid.sent.id)).toBe(0);
  });

  it("refuses an unknown order or line, a bad reason and a bad quantity with a 4xx naming the field", async () => {
    const { order } = await drinksAndFood();
    const unknownOrder = await voidItems(admin, { order: crypto.randomUUID(), line: 0, qty: 1 });
    expect([404, 409], unknownOrder.text).toContain(unknownOrder.status);
    const unknownLine = await voidItems(admin, { order: order.id, line: 7, qty: 1 });
    expect([404, 409], unknownLine.text).toContain(unknownLine.status);
    for (const [change, path] of [
      [{ reason: "keine Lust" }, "reason"],
      [{ qty: 0 }, "qty"],
      [{ qty: 1.5 }, "qty"],
      [{ line: -1 }, "line"],
      [{ adminPin: "12" }, "adminPin"],
      [{ note: "<b>" }, "note"],
    ] as const) {
      const res = await voidItems(admin, { order: order.id, line: 0, qty: 1, ...change } as any);
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path });
    }
    expect(itemOf(await getOrder(waiter, order.id), 0).voidedQty).toBe(0);
  });

  it("answers a replay with 200 and the same void, and the same id with another body with 409 ID_CONFLICT", async () => {
    const { table, order } = await drinksAndFood();
    const first = await voidItems(waiter, { order: order.id, line: 1, qty: 1, adminPin: ADMIN_PIN });
    expect(first.status, first.text).toBe(201);
    const again = await api("POST", "/api/v1/voids", first.sent, waiter);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ void: first.body.void, replay: true });
    const upper = await api("POST", "/api/v1/voids", { ...first.sent, id: first.sent.id.toUpperCase() }, waiter);
    expect(upper.status, upper.text).toBe(200);
    const conflict = await api("POST", "/api/v1/voids", { ...first.sent, qty: 2 }, waiter);
    expect(conflict.status, conflict.text).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    expect(await voidRows(first.sent.id)).toBe(1);
    expect(billLinesOf(await bill(waiter, table), [order.id])).toEqual([
      [order.id, 0, 2],
      [order.id, 1, 2],
    ]);
  });

  it("lists the void in the audit for an admin, not for a waiter", async () => {
    const { table, order } = await drinksAndFood();
    const v = await voidItems(waiter, { order: order.id, line: 0, qty: 1, reason: "mistake", adminPin: ADMIN_PIN });
    expect(v.status, v.text).toBe(201);
    const audit = await api<{ entries: AuditEntry[] }>("GET", "/api/v1/audit", undefined, admin);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.entries[0]).toMatchObject({ kind: "void", id: v.sent.id, seq: v.body.void.seq, table, by: "Dora", valueCents: v.body.void.valueCents, reason: "mistake" });
    // What it was, for a page to word in its own language, and that the admin PIN was typed for it.
    expect(audit.body.entries[0]).toMatchObject({ subject: { kind: "void", qty: 1, name: "Pils" }, approvedWithAdminPin: true });
    expect((await api("GET", "/api/v1/audit", undefined, waiter)).status).toBe(403);
  });
});

describe("voids on the stream", () => {
  it("sends item.voided with the next seq and the ticket whose item carries voidedQty", async () => {
    const { order } = await drinksAndFood();
    const s = await stream(station, "?station=kitchen");
    const { seq } = await s.next();
    const res = await voidItems(waiter, { order: order.id, line: 1, qty: 2, adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(201);
    const frame = (await s.next()) as Frame;
    expect(frame).toMatchObject({ type: "item.voided", seq: seq + 1, void: res.body.void });
    expect(frame.ticket.id).toBe(ticketOf(order, "kitchen").id);
    expect(frame.ticket.items).toEqual([expect.objectContaining({ line: 1, product: "pommes", qty: 3, voidedQty: 2 })]);
    expect(frame.positions).toEqual([expect.objectContaining({ order: order.id, closedAt: null })]);
    expect(await s.drain()).toEqual([]);
  });

  it("counts a fully voided ticket as done: paying the rest and bumping the other ticket closes the order", async () => {
    const { table, order } = await drinksAndFood();
    const s = await stream(waiter);
    await s.next();
    // The kitchen never prepares the Pommes: they are voided whole.
    expect((await voidItems(admin, { order: order.id, line: 1, qty: 3 })).status).toBe(201);
    await mustPay(waiter, { table, items: [{ order: order.id, line: 0, qty: 2 }] });
    expect((await api("POST", `/api/v1/tickets/${ticketOf(order, "bar").id}/bump`, undefined, station)).status).toBe(200);
    const frames = (await s.nextFrames(4)) as Frame[];
    expect(frames.map((f) => f.type)).toEqual(["item.voided", "payment.recorded", "ticket.bumped", "order.closed"]);
    expect(frames[3]).toMatchObject({ orderId: order.id, seq: frames[2]!.seq + 1 });
    expect((await getOrder(waiter, order.id)).closedAt).toBe(frames[3]!.closedAt);
  });

  it("finishes a ticket when its last line to make is bumped and the other line was voided whole", async () => {
    const table = freshTable();
    const order = await mustPlaceOrder(waiter, { table, items: [{ product: "cola", qty: 1 }, { product: "spezi", qty: 1 }] });
    const bar = ticketOf(order, "bar");
    expect((await voidItems(admin, { order: order.id, line: 0, qty: 1 })).status).toBe(201);
    const bumped = await api("POST", `/api/v1/tickets/${bar.id}/items/1/bump`, undefined, station);
    expect(bumped.status, bumped.text).toBe(200);
    // Nothing is left to make, so the station need not tap "Fertig" for the whole ticket.
    expect(bumped.body.ticket.doneAt).not.toBeNull();
  });

  it("names qty when more is voided than is open", async () => {
    const { order } = await drinksAndFood();
    const res = await voidItems(waiter, { order: order.id, line: 0, qty: 3, adminPin: ADMIN_PIN });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NOT_OPEN", path: "qty", lines: [expect.objectContaining({ order: order.id, line: 0, openQty: 2 })] });
  });
});
