// A station socket gets its station's tickets and what its screen shows, in the lean shape, and
// every frame names the seq it follows so the screen can tell it missed nothing.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, login, mustPlaceOrder, openStream, ticketOf, type Frame, type Stream } from "./helpers.ts";
import { decodeStationSnapshot, encodeStationSnapshot, type StationSnapshotFrame } from "../../worker/protocol.ts";
import { env } from "cloudflare:test";
import { openDb } from "../../worker/db/client.ts";
import { readOpenOrders } from "../../worker/db/orders.ts";
import config from "../../config.json";

let waiter: string;
let station: string;
beforeAll(async () => {
  [waiter, station] = await Promise.all([login("waiter", "Stationstest"), login("station", "Grill")]);
  await mustPlaceOrder(waiter, { table: "F1", items: [{ product: "pils", qty: 1 }] });
});
const open: Stream[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function stream(cookie: string, query = "") {
  const s = await openStream(cookie, query);
  open.push(s);
  return s;
}
const drinkAndFood = (table = "F2", note: string | undefined = "ohne Zwiebel") =>
  mustPlaceOrder(waiter, { table, items: [{ product: "apfelschorle", qty: 1 }, { product: "kaeseweck", qty: 2, note }] });
const drinkOnly = () => mustPlaceOrder(waiter, { table: "F3", items: [{ product: "cola", qty: 2 }] });

describe("a station socket", () => {
  it("gets a lean snapshot: its own tickets with the lines to make, the other stations' as done or not, no prices", async () => {
    const order = await drinkAndFood();
    const drinks = await drinkOnly();
    const kitchen = await stream(station, "?station=kitchen");
    const snapshot = await kitchen.next();
    expect(snapshot).toMatchObject({ type: "snapshot", station: "kitchen", names: { kaeseweck: expect.any(String) } });
    expect(snapshot.orders.map((o: { id: string }) => o.id)).toContain(order.id);
    expect(snapshot.orders.map((o: { id: string }) => o.id)).not.toContain(drinks.id);
    const lean = snapshot.orders.find((o: { id: string }) => o.id === order.id);
    expect(lean).toEqual({
      id: order.id,
      table: "F2",
      // The order's number (issue 22); a table order names no counter.
      number: order.number,
      waiter: expect.any(Number),
      createdAt: order.createdAt,
      items: [{ line: 1, product: "kaeseweck", qty: 2, note: "ohne Zwiebel" }],
      others: { bar: false },
    });
    // The waiter's name comes once in the frame; a quantity of 1 is left out.
    expect(snapshot.waiters[lean.waiter]).toBe("Stationstest");
    expect(snapshot.waiters.filter((w: string) => w === "Stationstest")).toHaveLength(1);
    const single = await drinkAndFood("F4", "");
    const bar = await (await stream(station, "?station=bar")).next();
    expect(bar.orders.find((o: { id: string }) => o.id === single.id).items).toEqual([{ line: 0, product: "apfelschorle" }]);
    // What the station page makes of it (worker/protocol/stationWire.ts): the name and the 1 are back.
    const shown = decodeStationSnapshot(bar as StationSnapshotFrame).orders.find((o) => o.id === single.id)!;
    expect(shown.waiter).toBe("Stationstest");
    expect(shown.tickets[0]).toMatchObject({ station: "bar", waiter: "Stationstest", items: [{ product: "apfelschorle", qty: 1, name: expect.any(String) }] });
    expect(JSON.stringify(snapshot)).not.toMatch(/unitCents|positions|availability/);
  });

  it("is read for its station alone and says exactly what the cut of every whole open order says: moved lines, notes, other stations' state", async () => {
    const order = await drinkAndFood("F4", "scharf");
    await drinkOnly();
    // A line moved to another table, and the bar's ticket done: the kitchen shows both.
    expect((await api("POST", "/api/v1/tables/F4/move", { id: crypto.randomUUID(), to: "F5", items: [{ order: order.id, line: 1, qty: 1 }] }, waiter)).status).toBe(201);
    expect((await api("POST", `/api/v1/tickets/${ticketOf(order, "bar").id}/bump`, undefined, station)).status).toBe(200);
    const kitchen = await stream(station, "?station=kitchen");
    const snapshot = (await kitchen.next()) as StationSnapshotFrame;
    const whole = encodeStationSnapshot("kitchen", snapshot.seq, snapshot.menuVersion, await readOpenOrders(openDb(env.DB), config.id), snapshot.now);
    expect(snapshot).toEqual(whole);
    const mine = snapshot.orders.find((o) => o.id === order.id)!;
    expect(mine.others).toEqual({ bar: true });
  });

  it("takes at most 200 bytes in the snapshot per open ticket", async () => {
    const before = JSON.stringify(await (await stream(station, "?station=kitchen")).next()).length;
    const n = 20;
    // Tickets of two stations, a note on every fifth (the bench's orders have one on every tenth line).
    for (let i = 0; i < n; i++) await drinkAndFood(`E${1 + (i % 9)}`, i % 5 ? "" : "ohne Zwiebel");
    const after = JSON.stringify(await (await stream(station, "?station=kitchen")).next()).length;
    expect((after - before) / n).toBeLessThanOrEqual(200);
  });

  it("gets only what its screen shows, each frame naming the seq the socket got before it", async () => {
    const kitchen = await stream(station, "?station=kitchen");
    const all = await stream(waiter);
    const { seq } = await kitchen.next();
    await all.next();
    const drinks = await drinkOnly(); // no kitchen ticket: not for the kitchen
    const order = await drinkAndFood();
    expect((await api("POST", `/api/v1/tickets/${ticketOf(order, "bar").id}/bump`, undefined, station)).status).toBe(200);
    const paid = await api("POST", "/api/v1/payments", { id: crypto.randomUUID(), table: "F2", method: "cash", items: order.positions.map((p) => ({ order: order.id, line: p.line, qty: p.qty })) }, waiter);
    expect(paid.status, paid.text).toBe(201);
    expect((await api("POST", `/api/v1/tickets/${ticketOf(order, "kitchen").id}/bump`, undefined, station)).status).toBe(200);

    const everything = (await all.nextFrames(6)) as Frame[];
    expect(everything.map((f) => f.type)).toEqual(["order.placed", "order.placed", "ticket.bumped", "payment.recorded", "ticket.bumped", "order.closed"]);
    expect(everything.map((f) => f.prev)).toEqual(everything.map((f) => f.seq - 1));

    const mine = (await kitchen.nextFrames(4)) as Frame[];
    expect(mine.map((f) => [f.type, f.seq])).toEqual([
      ["order.placed", everything[1]!.seq],
      ["ticket.bumped", everything[2]!.seq],
      ["ticket.bumped", everything[4]!.seq],
      ["order.closed", everything[5]!.seq],
    ]);
    expect(mine.map((f) => f.prev)).toEqual([seq, ...mine.slice(0, -1).map((f) => f.seq)]);
    // The bar's bump comes as done or not; the kitchen's own ticket whole.
    expect(mine[1]!.ticket).toEqual({ id: ticketOf(order, "bar").id, orderId: order.id, station: "bar", doneAt: expect.any(Number) });
    expect(mine[2]!.ticket).toMatchObject({ id: ticketOf(order, "kitchen").id, station: "kitchen", table: "F2", items: [{ line: 1, product: "kaeseweck", qty: 2, doneAt: expect.any(Number) }] });
    expect(JSON.stringify(mine)).not.toContain(drinks.id);
    expect(await kitchen.drain()).toEqual([]);

    // A resume gets the same cut, chained from `since`.
    const resumed = await stream(station, `?station=kitchen&since=${seq}`);
    expect(await resumed.nextFrames(4)).toEqual(mine);
    expect(await resumed.drain()).toEqual([]);
  });
});
