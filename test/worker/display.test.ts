// The guests' pickup display (issue 22) through the real worker and coordinator: public, numbers
// only, counter orders only, of the stations the display covers (here the kitchen); preparing →
// ready when the covered tickets are done → gone after pickup; the socket sends the whole state on
// connect and on each change, and a flood of sockets from a guest's devices never pushes out a TV's. The minutes a ready
// number stays are a rule of the board, tested with the clock in hand.
import { env, evictDurableObject, runInDurableObject, SELF } from "cloudflare:test";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, BASE, EVENT_ID, login, mustPlaceOrder, pageHeaders, setAvailability, resetAvailability, Stream, ticketOf } from "./helpers.ts";
import { dropCounters, mustCounterOrder, useCounters } from "./counter-helpers.ts";
import { DisplayBoard } from "../../worker/domain/displayBoard.ts";
import { DISPLAY_SOCKETS, DISPLAY_SOCKETS_PER_ADDRESS } from "../../worker/coordinator/displayRoom.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import type { DisplayState, Order } from "../../worker/protocol.ts";

let waiter: string, station: string, admin: string;
beforeAll(async () => {
  await useCounters();
  [waiter, station, admin] = await Promise.all([login("waiter", "Dora Display"), login("station", "Küche"), login("admin", "Chef Display")]);
});
afterAll(dropCounters);

const sockets: Stream[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** GET /api/v1/display without any cookie, from an address of its own unless one is given. */
async function display(address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  return api<DisplayState>("GET", "/api/v1/display", undefined, undefined, { "cf-connecting-ip": address });
}
async function shown(): Promise<DisplayState> {
  const res = await display();
  expect(res.status, res.text).toBe(200);
  return res.body;
}
/** The display socket's upgrade, from a device's `address` (none: as from a program on the box). */
function displayUpgrade(address?: string): Promise<Response> {
  return SELF.fetch(`${BASE}/api/v1/display/stream`, { headers: pageHeaders("GET", { Upgrade: "websocket", ...(address ? { "cf-connecting-ip": address } : {}) }) });
}
function accepted(res: Response): Stream {
  const s = new Stream(res.webSocket!);
  res.webSocket!.accept();
  sockets.push(s);
  return s;
}
async function openDisplay(address?: string): Promise<Stream> {
  const res = await displayUpgrade(address);
  if (res.status !== 101 || !res.webSocket) throw new Error(`display upgrade failed: ${res.status} ${await res.text()}`);
  return accepted(res);
}
const openDisplays = () => runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (_: EventCoordinator, state) => state.getWebSockets("display").filter((ws) => ws.readyState === WebSocket.OPEN).length);
const act = (ticketId: string, action: "bump" | "pickup" | "undo") => api("POST", `/api/v1/tickets/${ticketId}/${action}`, undefined, station);

describe("GET /api/v1/display", () => {
  it("needs no login and shows counter orders of the covered stations only: preparing → ready → gone after pickup", async () => {
    const empty = await display();
    expect(empty.status).toBe(200);
    expect(Object.keys(empty.body).sort()).toEqual(["preparing", "ready"]);

    const first = await mustCounterOrder(waiter, [{ product: "pommes", qty: 1 }, { product: "pils", qty: 1 }]);
    const second = await mustCounterOrder(waiter, [{ product: "bratwurst", qty: 2 }], { counter: "kasse-2" });
    const barOnly = await mustCounterOrder(waiter, [{ product: "pils", qty: 1 }]);
    const table = await mustPlaceOrder(waiter, { table: "A1", items: [{ product: "pommes", qty: 1 }] });
    let now = await shown();
    expect(now.preparing).toEqual([first.number, second.number]);
    expect(now.ready).toEqual([]);
    for (const n of [barOnly.number, table.number]) expect([...now.preparing, ...now.ready]).not.toContain(n);

    // The kitchen is done with the first: ready, although the bar (not covered) is not.
    expect((await act(ticketOf(first, "kitchen").id, "bump")).status).toBe(200);
    expect((await act(ticketOf(table, "kitchen").id, "bump")).status).toBe(200);
    now = await shown();
    expect(now).toEqual({ preparing: [second.number], ready: [first.number] });
    // The newest ready on top.
    expect((await act(ticketOf(second, "kitchen").id, "bump")).status).toBe(200);
    expect(await shown()).toEqual({ preparing: [], ready: [second.number, first.number] });
    // Picked up: gone. Undone at the station: back to preparing.
    expect((await act(ticketOf(first, "kitchen").id, "pickup")).status).toBe(200);
    expect(await shown()).toEqual({ preparing: [], ready: [second.number] });
    expect((await act(ticketOf(second, "kitchen").id, "undo")).status).toBe(200);
    expect(await shown()).toEqual({ preparing: [second.number], ready: [] });

    // Rebuilt from D1 after a restart, it shows the same.
    const before = await shown();
    await evictDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID));
    await useCounters();
    expect(await shown()).toEqual(before);
    await act(ticketOf(second, "kitchen").id, "bump");
    await act(ticketOf(second, "kitchen").id, "pickup");
    }, 30_000);

  it("says nothing but numbers: no names, products, prices, waiters or tables", async () => {
    const order = await mustCounterOrder(waiter, [{ product: "pommes", qty: 3 }]);
    const res = await display();
    expect(res.text).toMatch(/^200 \{"preparing":\[[0-9,]*\],"ready":\[[0-9,]*\]\}$/);
    expect(res.body.preparing).toContain(order.number);
    await act(ticketOf(order, "kitchen").id, "bump");
    await act(ticketOf(order, "kitchen").id, "pickup");
  });

  it("counts the requests of each address: a flood gets 429 and another address is still served", async () => {
    const flood = await Promise.all(Array.from({ length: 40 }, () => display("10.66.0.1")));
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(flood.find((r) => r.status === 429)!.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect((await display("10.66.0.2")).status).toBe(200);
  });
});

describe("the display's socket", () => {
  it("sends the whole state on connect and after each change, and nothing when nothing it shows changed", async () => {
    const screen = await openDisplay();
    const first = await screen.next();
    expect(Object.keys(first).sort()).toEqual(["language", "preparing", "ready", "seq", "type", "waits"]);
    expect(first).toMatchObject({ type: "display", language: "de", waits: [{ station: "kitchen", name: expect.any(String) }] });
    const order: Order = await mustCounterOrder(waiter, [{ product: "pommes", qty: 1 }]);
    const placed = await screen.next();
    expect(placed.preparing).toContain(order.number);
    expect(placed.seq).toBeGreaterThan(first.seq);
    await act(ticketOf(order, "kitchen").id, "bump");
    const ready = await screen.next();
    expect(ready.ready[0]).toBe(order.number);
    expect(ready.preparing).not.toContain(order.number);
    // Bumped kitchen tickets now give a preparation time.
    expect(ready.waits[0].minutes).toEqual(expect.any(Number));
    // A table order and a change of the menu are not the display's business.
    await mustPlaceOrder(waiter, { table: "A3", items: [{ product: "pils", qty: 1 }] });
    await setAvailability(admin, "pils", { soldOut: true });
    await resetAvailability(admin, "pils");
    expect(await screen.drain(500)).toEqual([]);
    await act(ticketOf(order, "kitchen").id, "pickup");
    expect((await screen.next()).ready).not.toContain(order.number);
    }, 30_000);

  it(`a device keeps at most ${DISPLAY_SOCKETS_PER_ADDRESS} display sockets, and a guest flooding them from many devices never pushes out the TV's`, async () => {
    const tv = await openDisplay("10.1.0.10");
    await tv.next();
    // One device's third socket closes its first; a socket that talks is closed.
    const own: Stream[] = [];
    for (let i = 0; i < 3; i++) {
      own.push(await openDisplay("10.1.0.66"));
      await own[i]!.next();
    }
    await expect.poll(() => own[0]!.closed).toMatchObject({ code: 4002, reason: expect.stringMatching(/of this device/) });
    expect(own.slice(1).map((s) => s.closed)).toEqual([undefined, undefined]);
    own[2]!.send({ type: "pong", nonce: "x" });
    await expect.poll(() => own[2]!.closed?.code).toBe(1008);

    // Seven devices of a guest, two sockets each, fill the room.
    const flood: Stream[] = [];
    for (let device = 0; device < 7; device++) for (let k = 0; k < 2; k++) flood.push(await openDisplay(`10.1.1.${device}`));
    expect(await openDisplays()).toBe(DISPLAY_SOCKETS);
    // A second TV still gets in: a device with two gives one up.
    const second = await openDisplay("10.1.0.11");
    await second.next();
    await expect.poll(() => flood.filter((s) => s.closed).map((s) => s.closed)).toEqual([{ code: 4002, reason: expect.stringMatching(/the device with the most gave one up/) }]);
    // Twenty more devices: they take from those with two until every device holds one; then a
    // newcomer is refused. The TVs' sockets stay open throughout.
    let refused = 0;
    for (let device = 7; device < 27; device++)
      for (let k = 0; k < 2; k++) {
        const res = await displayUpgrade(`10.1.1.${device}`);
        if (res.status === 101) accepted(res);
        else {
          expect(res.status).toBe(503);
          expect(((await res.json()) as any).error).toMatchObject({ code: "TOO_MANY_SOCKETS", message: expect.stringMatching(/display screens/) });
          expect(res.headers.get("retry-after")).toBe("30");
          refused++;
        }
      }
    expect(refused).toBeGreaterThan(0);
    expect(await openDisplays()).toBe(DISPLAY_SOCKETS);
    expect([tv.closed, second.closed]).toEqual([undefined, undefined]);
    // Both still show each change.
    const order: Order = await mustCounterOrder(waiter, [{ product: "pommes", qty: 1 }]);
    for (const screen of [tv, second]) expect((await screen.next()).preparing).toContain(order.number);
  }, 30_000);

  it("refuses a request without the upgrade, and gives no session", async () => {
    const res = await api("GET", "/api/v1/display/stream");
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe("header.upgrade");
    const upgrade = await SELF.fetch(`${BASE}/api/v1/display/stream`, { headers: pageHeaders("GET", { Upgrade: "websocket" }) });
    expect(upgrade.headers.getSetCookie()).toEqual([]);
    upgrade.webSocket?.accept();
    upgrade.webSocket?.close();
  });
});

describe("the board's minutes", () => {
  it("drops a ready number after display_ready_minutes and says when the next one times out", () => {
    const board = new DisplayBoard(["kitchen"], 5);
    const at = 1_000_000;
    board.put("a", { number: 7, createdAt: at }, "kitchen", { doneAt: at + 60_000, gone: false });
    board.put("b", { number: 8, createdAt: at }, "kitchen", { doneAt: null, gone: false });
    board.put("c", { number: 9, createdAt: at }, "bar", { doneAt: null, gone: false });
    expect(board.state(at + 60_000)).toEqual({ preparing: [8], ready: [7], nextChange: at + 360_000 });
    expect(board.state(at + 359_999).ready).toEqual([7]);
    expect(board.state(at + 360_000)).toEqual({ preparing: [8], ready: [], nextChange: undefined });
    expect(board.orders.has("a")).toBe(false);
  });
});
