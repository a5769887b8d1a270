// Closing (DESIGN invariant 10): an order closes when every item is paid or voided and every ticket
// is done. A closed order leaves live state (snapshot, table map, bill) but stays in the history; a
// reversal brings it back.
import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../worker/protocol.ts";
import { api, login, mustPlaceOrder, ticketOf, type Frame } from "./helpers.ts";
import { allItems, bill, bumpAll, freshTable, getOrder, mustPay, reverse, tableState, streamsClosedAfterEach } from "./money-helpers.ts";

let waiter: string;
let station: string;
let admin: string;
beforeAll(async () => {
  [waiter, station, admin] = await Promise.all([login("waiter", "Fritz"), login("station", "Kueche"), login("admin", "Leitung")]);
});

const stream = streamsClosedAfterEach();
async function watch() {
  const s = await stream(waiter);
  await s.next();
  return s;
}

/** A drink and a dish (two tickets) at a table of its own. */
async function order(): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  return { table, order: await mustPlaceOrder(waiter, { table, items: [{ product: "spezi", qty: 2 }, { product: "kaeseweck", qty: 1 }] }) };
}

async function snapshotOrders(): Promise<string[]> {
  const s = await stream(waiter);
  const snapshot = await s.next();
  expect(snapshot.type).toBe("snapshot");
  return snapshot.orders.map((o: Order) => o.id);
}

async function expectClosed(table: string, o: Order) {
  expect(await snapshotOrders()).not.toContain(o.id);
  expect((await bill(waiter, table)).lines.filter((l) => l.order === o.id)).toEqual([]);
  expect(await tableState(waiter, table)).toMatchObject({ openOrders: 0, openCents: 0, readyTickets: 0 });
  const history = await api<{ orders: Order[] }>("GET", `/api/v1/tables/${table}/orders`, undefined, waiter);
  expect(history.body.orders.map((x) => x.id)).toContain(o.id);
  const stored = await getOrder(waiter, o.id);
  expect(stored.closedAt).toEqual(expect.any(Number));
  return stored;
}

describe("closing an order", () => {
  it("closes when it is paid and then the last ticket is bumped: order.closed follows the bump", async () => {
    const { table, order: o } = await order();
    const s = await watch();
    await mustPay(waiter, { table, items: allItems(o) });
    expect(await snapshotOrders()).toContain(o.id); // still being prepared
    await bumpAll(station, o);
    const frames = (await s.nextFrames(4)) as Frame[];
    expect(frames.map((f) => f.type)).toEqual(["payment.recorded", "ticket.bumped", "ticket.bumped", "order.closed"]);
    expect(frames[3]).toEqual({ type: "order.closed", prev: frames[2]!.seq, seq: frames[2]!.seq + 1, orderId: o.id, closedAt: expect.any(Number), tables: expect.any(Array) });
    const stored = await expectClosed(table, o);
    expect(stored.closedAt).toBe(frames[3]!.closedAt);
  });

  it("closes when every ticket is done and then the rest is paid: order.closed follows the payment", async () => {
    const { table, order: o } = await order();
    await bumpAll(station, o);
    const s = await watch();
    await mustPay(waiter, { table, items: [{ order: o.id, line: 0, qty: 1 }] });
    expect(((await s.next()) as Frame).type).toBe("payment.recorded");
    expect(await s.drain()).toEqual([]); // one Spezi still open: not closed
    await mustPay(waiter, { table, method: "card", items: [{ order: o.id, line: 0, qty: 1 }, { order: o.id, line: 1, qty: 1 }] });
    const [recorded, closed] = (await s.nextFrames(2)) as Frame[];
    expect(recorded!.type).toBe("payment.recorded");
    expect(closed).toMatchObject({ type: "order.closed", seq: recorded!.seq + 1, orderId: o.id });
    await expectClosed(table, o);
  });

  it("stays open while a ticket is not done, even when everything is paid", async () => {
    const { table, order: o } = await order();
    await api("POST", `/api/v1/tickets/${ticketOf(o, "bar").id}/bump`, undefined, station);
    await mustPay(waiter, { table, items: allItems(o) });
    expect(await snapshotOrders()).toContain(o.id);
    expect((await getOrder(waiter, o.id)).closedAt).toBeNull();
    // Paid: nothing open on the bill, the table shows no money due.
    expect((await tableState(waiter, table)).openCents).toBe(0);
  });

  it("reopens on a reversal: payment.reversed carries the order in reopened, and it is back in the snapshot and on the bill", async () => {
    const { table, order: o } = await order();
    await bumpAll(station, o);
    const p = await mustPay(waiter, { table, items: allItems(o) });
    await expectClosed(table, o);
    const s = await watch();
    const res = await reverse(admin, p.id, "Karte statt bar");
    expect(res.status, res.text).toBe(200);
    const frame = (await s.next()) as Frame;
    expect(frame.type).toBe("payment.reversed");
    expect(frame.reopened.map((x: Order) => x.id)).toEqual([o.id]);
    expect(frame.reopened[0]).toMatchObject({ id: o.id, closedAt: null });
    expect(await s.drain()).toEqual([]);
    expect(await snapshotOrders()).toContain(o.id);
    expect((await bill(waiter, table)).lines.filter((l) => l.order === o.id)).toHaveLength(2);
    expect((await tableState(waiter, table)).openOrders).toBe(1);
    expect((await getOrder(waiter, o.id)).closedAt).toBeNull();
    // Paid again, it closes again.
    await mustPay(waiter, { table, method: "card", items: allItems(o) });
    expect(((await s.nextFrames(2)) as Frame[]).map((f) => f.type)).toEqual(["payment.recorded", "order.closed"]);
  });

  // Live state is what still needs someone: a ticket that is open again needs the station, so its
  // order cannot stay closed (and out of the snapshot). Refusing the undo would keep that too.
  for (const undo of ["ticket", "item"] as const)
    it(`keeps a closed order consistent when the station undoes a bump afterwards (${undo} undo): refused, or the order is open again and live`, async () => {
      const { table, order: o } = await order();
      await bumpAll(station, o);
      await mustPay(waiter, { table, items: allItems(o) });
      await expectClosed(table, o);
      const bar = ticketOf(o, "bar");
      const res = await api("POST", undo === "ticket" ? `/api/v1/tickets/${bar.id}/undo` : `/api/v1/tickets/${bar.id}/items/0/undo`, undefined, station);
      const ticketOpen = (await api("GET", "/api/v1/tickets?state=open&station=bar", undefined, station)).body.tickets.some((t: { id: string }) => t.id === bar.id);
      const stored = await getOrder(waiter, o.id);
      if (res.status === 200) {
        expect(ticketOpen).toBe(true);
        expect(stored.closedAt, "the ticket is open again, so the order must be open").toBeNull();
        expect(await snapshotOrders(), "an order with an open ticket belongs in the live snapshot").toContain(o.id);
      } else {
        expect(res.status, res.text).toBe(409);
        expect(ticketOpen).toBe(false);
        expect(stored.closedAt).not.toBeNull();
      }
    });

  it("keeps the snapshot and the table map the size of what is open: 20 orders paid and done leave no trace in them", async () => {
    const table = freshTable();
    const snapshotBefore = JSON.stringify((await (await stream(waiter)).next()).orders);
    const tablesBefore = (await api("GET", "/api/v1/tables", undefined, waiter)).text;
    for (let i = 0; i < 20; i++) {
      const o = await mustPlaceOrder(waiter, { table, items: [{ product: "spezi", qty: 1 + (i % 3) }, { product: "kaeseweck", qty: 1 }] });
      await mustPay(waiter, { table, method: i % 2 ? "card" : "cash", items: allItems(o) });
      await bumpAll(station, o);
    }
    expect(JSON.stringify((await (await stream(waiter)).next()).orders)).toBe(snapshotBefore);
    expect((await api("GET", "/api/v1/tables", undefined, waiter)).text).toBe(tablesBefore);
    expect((await api<{ orders: Order[] }>("GET", `/api/v1/tables/${table}/orders`, undefined, waiter)).body.orders).toHaveLength(20);
  });

  it("does not let a closed order's items be paid again", async () => {
    const { table, order: o } = await order();
    await bumpAll(station, o);
    await mustPay(waiter, { table, items: allItems(o) });
    const again = await api("POST", "/api/v1/payments", { id: crypto.randomUUID(), table, method: "cash", items: allItems(o) }, waiter);
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe("NOT_OPEN");
  });
});
