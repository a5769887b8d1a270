// Money is durable before visible and exactly once across restarts (DESIGN invariants 5, 6, 9):
// replays after the coordinator was evicted, a failed D1 write that answers and broadcasts nothing,
// resuming the stream with ?since, and payment, void and move racing for the same items.
import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../worker/protocol.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import { api, currentSeq, EVENT_ID, failNextBatch, login, mustPlaceOrder, PINS } from "./helpers.ts";
import { bill, billLinesOf, freshTable, getOrder, move, mustPay, pay, paymentRows, reverse, streamsClosedAfterEach, voidItems } from "./money-helpers.ts";

let waiter: string;
let other: string;
let admin: string;
let station: string;
beforeAll(async () => {
  [waiter, other, admin, station] = await Promise.all([login("waiter", "Gerd"), login("waiter", "Hanna"), login("admin", "Ida"), login("station", "Theke")]);
});
const stream = streamsClosedAfterEach();
const coordinator = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);

async function order(): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  return { table, order: await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 3 }, { product: "schnitzelweck", qty: 2 }] }) };
}

describe("after the coordinator was evicted", () => {
  it("answers a payment's replay from D1 with 200 and another body with 409, and the bill is as it was", async () => {
    const { table, order: o } = await order();
    const first = await pay(waiter, { table, items: [{ order: o.id, line: 0, qty: 2 }], tipCents: 30 });
    expect(first.status, first.text).toBe(201);
    const billBefore = await bill(waiter, table);
    await evictDurableObject(coordinator());
    await runInDurableObject(coordinator(), (instance: EventCoordinator) => {
      expect((instance as any).state).toBeUndefined();
    });
    const again = await api("POST", "/api/v1/payments", first.sent, waiter);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ payment: first.body.payment, replay: true });
    const conflict = await api("POST", "/api/v1/payments", { ...first.sent, tipCents: 31 }, waiter);
    expect(conflict.status, conflict.text).toBe(409);
    expect(conflict.body.error.code).toBe("ID_CONFLICT");
    expect(await bill(waiter, table)).toEqual(billBefore);
    // What is left can still be paid, and only that.
    const tooMuch = await pay(waiter, { table, items: [{ order: o.id, line: 0, qty: 2 }] });
    expect(tooMuch.status, tooMuch.text).toBe(409);
    await mustPay(waiter, { table, items: [{ order: o.id, line: 0, qty: 1 }] });
    expect(await paymentRows(first.sent.id)).toBe(1);
  });

  it("reopens a closed order on a reversal after eviction, and the reversal's replay is the same", async () => {
    const { table, order: o } = await order();
    for (const t of o.tickets) expect((await api("POST", `/api/v1/tickets/${t.id}/bump`, undefined, station)).status).toBe(200);
    const p = await mustPay(waiter, { table, items: [{ order: o.id, line: 0, qty: 3 }, { order: o.id, line: 1, qty: 2 }] });
    expect((await getOrder(waiter, o.id)).closedAt).not.toBeNull();
    await evictDurableObject(coordinator());
    const s = await stream(waiter);
    await s.next();
    const r = await reverse(admin, p.id);
    expect(r.status, r.text).toBe(200);
    const frame = await s.next();
    expect(frame).toMatchObject({ type: "payment.reversed", payment: r.body.payment });
    expect(frame.reopened.map((x: Order) => x.id)).toEqual([o.id]);
    await evictDurableObject(coordinator());
    const again = await reverse(admin, p.id);
    expect(again.body.payment).toEqual(r.body.payment);
    expect(billLinesOf(await bill(waiter, table), [o.id])).toEqual([
      [o.id, 0, 3],
      [o.id, 1, 2],
    ]);
  });
});

describe("a failed write", () => {
  it("neither answers nor broadcasts a payment D1 did not store; the items stay open and the retry records it once", async () => {
    const { table, order: o } = await order();
    const s = await stream(station);
    const { seq } = await s.next();
    await failNextBatch();
    const failed = await pay(waiter, { table, items: [{ order: o.id, line: 0, qty: 3 }] });
    expect(failed.status, failed.text).toBe(500);
    expect(failed.body.error).toMatchObject({ code: "INTERNAL" });
    expect(failed.text).not.toContain("simulated");
    expect(await s.drain()).toEqual([]);
    expect(await currentSeq()).toBe(seq);
    expect(await paymentRows(failed.sent.id)).toBe(0);
    expect(billLinesOf(await bill(waiter, table), [o.id])).toEqual([
      [o.id, 0, 3],
      [o.id, 1, 2],
    ]);
    // The phone sends the same payment again: it is recorded now, with the free seq.
    const retry = await api("POST", "/api/v1/payments", failed.sent, waiter);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body.payment.seq).toBe(seq + 1);
    expect(await s.next()).toMatchObject({ type: "payment.recorded", seq: seq + 1 });
    expect(await paymentRows(failed.sent.id)).toBe(1);
  });
});

describe("a full disk (issue 23, item 6)", () => {
  const DISK_FULL = { code: "DISK_FULL", message: "the server's disk is full: orders cannot be stored; free space on the server", path: "" };
  // SQLite's own words (D1 on Cloudflare, tests), and what the runtime on the box shows in their place.
  const FULL_ERRORS = ["D1_ERROR: database or disk is full: SQLITE_FULL", "internal error; reference = 9gk2v7s0c1h3"];

  it("answers an order, a payment and a menu save with 507 DISK_FULL and says so; nothing is stored; /security tells the admin", async () => {
    const { table, order: o } = await order();
    for (const error of FULL_ERRORS) {
      const seq = await currentSeq();
      await failNextBatch(error);
      const failed = await pay(waiter, { table, items: [{ order: o.id, line: 0, qty: 1 }] });
      expect(failed.status, failed.text).toBe(507);
      expect(failed.body.error).toEqual(DISK_FULL);
      expect(await paymentRows(failed.sent.id)).toBe(0);

      await failNextBatch(error);
      const menuVersion = (await api("GET", "/api/v1/menu", undefined, waiter)).body.version;
      const orderId = crypto.randomUUID();
      const refusedOrder = await api("POST", "/api/v1/orders", { id: orderId, table, menuVersion, items: [{ product: "pils", qty: 1 }] }, waiter);
      expect(refusedOrder.status, refusedOrder.text).toBe(507);
      expect(refusedOrder.body.error).toEqual(DISK_FULL);
      expect((await api("GET", `/api/v1/orders/${orderId}`, undefined, waiter)).status).toBe(404);

      const edit = (await api("GET", "/api/v1/menu/edit", undefined, admin)).body;
      edit.products[0].price += 0.1;
      await failNextBatch(error);
      const save = await api("PUT", "/api/v1/menu", { baseVersion: edit.version, categories: edit.categories, products: edit.products }, admin);
      expect(save.status, save.text).toBe(507);
      expect(save.body.error).toEqual(DISK_FULL);
      expect((await api("GET", "/api/v1/menu", undefined, waiter)).body.version).toBe(menuVersion);
      expect(await currentSeq()).toBe(seq);

      // Space freed: the phone's outbox sends the same payment again, and it is recorded once.
      const retry = await api("POST", "/api/v1/payments", failed.sent, waiter);
      expect(retry.status, retry.text).toBe(201);
      expect(await paymentRows(failed.sent.id)).toBe(1);
    }
    const security = await api("GET", "/api/v1/security", undefined, admin);
    expect(security.body.diskFullAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it("answers a login that cannot be stored with 507 DISK_FULL", async () => {
    const batch = env.DB.batch;
    env.DB.batch = async () => {
      env.DB.batch = batch;
      throw new Error(FULL_ERRORS[1]);
    };
    try {
      const res = await api("POST", "/api/v1/login", { name: "Jana", pin: PINS.waiter });
      expect(res.status, res.text).toBe(507);
      expect(res.body.error).toEqual(DISK_FULL);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("mini_pos_session="))).toBe(false);
    } finally {
      env.DB.batch = batch;
    }
  });
});

describe("resuming the stream", () => {
  it("gives a socket that reconnects with ?since exactly the money frames it missed, in order", async () => {
    const { table, order: o } = await order();
    const since = await currentSeq();
    const p = await mustPay(waiter, { table, items: [{ order: o.id, line: 0, qty: 1 }] });
    expect((await voidItems(admin, { order: o.id, line: 1, qty: 1 })).status).toBe(201);
    expect((await move(waiter, table, { to: freshTable(), items: [{ order: o.id, line: 0, qty: 1 }] })).status).toBe(201);
    expect((await reverse(admin, p.id)).status).toBe(200);
    const s = await stream(waiter, `?since=${since}`);
    const frames = await s.nextFrames(4);
    expect(frames.map((f: any) => [f.type, f.seq])).toEqual([
      ["payment.recorded", since + 1],
      ["item.voided", since + 2],
      ["table.moved", since + 3],
      ["payment.reversed", since + 4],
    ]);
    expect(await s.drain()).toEqual([]);
  });
});

describe("commands racing for the same items", () => {
  it("lets exactly one of a payment, a void and a move of the same whole line win; the others get 409 NOT_OPEN and write nothing", async () => {
    const { table, order: o } = await order();
    const to = freshTable();
    const seq = await currentSeq();
    const [paid, voided, moved] = await Promise.all([
      pay(other, { table, items: [{ order: o.id, line: 1, qty: 2 }] }),
      voidItems(admin, { order: o.id, line: 1, qty: 2, table }),
      move(waiter, table, { to, items: [{ order: o.id, line: 1, qty: 2 }] }),
    ]);
    const results = [paid, voided, moved];
    expect(results.filter((r) => r.status === 201), results.map((r) => r.text).join("\n")).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status, r.text).toBe(409);
      expect(r.body.error.code).toBe("NOT_OPEN");
    }
    expect(await currentSeq()).toBe(seq + 1);
    const position = (await getOrder(waiter, o.id)).positions.filter((p) => p.line === 1);
    const total = position.reduce((s, p) => ({ qty: s.qty + p.qty, paid: s.paid + p.paidQty, voided: s.voided + p.voidedQty }), { qty: 0, paid: 0, voided: 0 });
    expect(total.qty).toBe(2);
    if (paid.status === 201) expect(total).toEqual({ qty: 2, paid: 2, voided: 0 });
    if (voided.status === 201) expect(total).toEqual({ qty: 2, paid: 0, voided: 2 });
    if (moved.status === 201) expect(position).toEqual([{ line: 1, table: to, qty: 2, paidQty: 0, voidedQty: 0 }]);
  });

  it("records 10 waiters each paying one Pils of a round of 10 exactly once each, and the 11th is refused", async () => {
    const table = freshTable();
    const o = await mustPlaceOrder(waiter, { table, items: [{ product: "pils", qty: 10 }] });
    const results = await Promise.all(Array.from({ length: 11 }, (_, i) => pay(i % 2 ? other : waiter, { table, items: [{ order: o.id, line: 0, qty: 1 }] })));
    expect(results.filter((r) => r.status === 201), results.map((r) => r.text).join("\n")).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: o.id, line: 0, table, openQty: 0 }] });
    expect((await bill(waiter, table)).openCents).toBe(0);
    const stored = (await getOrder(waiter, o.id)).positions;
    expect(stored).toEqual([{ line: 0, table, qty: 10, paidQty: 10, voidedQty: 0 }]);
  });
});

describe("identical commands at once", () => {
  it("records a void, a move and a settlement sent 5 times at once exactly once each: one 201, four replays", async () => {
    const { table, order: o } = await order();
    const voidBody = { id: crypto.randomUUID(), order: o.id, line: 0, qty: 1, reason: "mistake" };
    const moveBody = { id: crypto.randomUUID(), to: freshTable(), items: [{ order: o.id, line: 1, qty: 1 }] };
    const settleBody = { id: crypto.randomUUID(), waiter: "Gerd", floatCents: 2000, countedCents: 2000 };
    const five = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: 5 }, send));
    const [voids, moves, settlements] = await Promise.all([
      five(() => api("POST", "/api/v1/voids", voidBody, admin)),
      five(() => api("POST", `/api/v1/tables/${table}/move`, moveBody, waiter)),
      five(() => api("POST", "/api/v1/settlements", settleBody, admin)),
    ]);
    for (const [what, results, key] of [["void", voids, "void"], ["move", moves, "move"], ["settlement", settlements, "settlement"]] as const) {
      expect(results.map((r) => r.status).sort(), `${what}: ${results.map((r) => r.text).join("\n")}`).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => JSON.stringify(r.body[key]))).size, what).toBe(1);
    }
    const positions = (await getOrder(waiter, o.id)).positions;
    expect(positions.find((p) => p.line === 0 && p.table === table)).toMatchObject({ qty: 3, voidedQty: 1 });
    expect(positions.filter((p) => p.line === 1).map((p) => [p.table, p.qty]).sort()).toEqual([[moveBody.to, 1], [table, 1]].sort());
    const list = await api("GET", "/api/v1/settlements", undefined, admin);
    expect(list.body.settlements.filter((s: { id: string }) => s.id === settleBody.id)).toHaveLength(1);
  });
});
