import { env, evictDurableObject, runInDurableObject, SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, currentSeq, EVENT_ID, failNextBatch, login, mustPlaceOrder, openStream, Stream, streamRequest, ticketOf, type Frame } from "./helpers.ts";
import { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";

let waiter: string;
let station: string;
beforeAll(async () => {
  waiter = await login("waiter", "Clara");
  station = await login("station", "Kueche");
});

const open: Stream[] = [];
async function stream(cookie: string, query = "") {
  const s = await openStream(cookie, query);
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const drinkAndFood = () => mustPlaceOrder(waiter, { table: "C2", items: [{ product: "apfelschorle", qty: 1 }, { product: "kaeseweck", qty: 2 }] });
const storedDoneAt = async (ticketId: string) =>
  (await env.DB.prepare("SELECT done_at FROM tickets WHERE id = ?").bind(ticketId).first<{ done_at: number | null }>())!.done_at;

describe("the stream", () => {
  it("sends a snapshot first, with the current seq and the open orders", async () => {
    const order = await drinkAndFood();
    const s = await stream(waiter);
    const snapshot = await s.next();
    expect(snapshot.type).toBe("snapshot");
    expect(snapshot.seq).toBe(await currentSeq());
    expect(snapshot.seq).toBeGreaterThanOrEqual(order.seq);
    expect(Number.isInteger(snapshot.menuVersion)).toBe(true);
    // The server's clock, for screens whose own clock is off.
    expect(Math.abs(snapshot.now - Date.now())).toBeLessThan(60_000);
    expect(Array.isArray(snapshot.availability)).toBe(true);
    expect(snapshot.orders.find((o: any) => o.id === order.id)).toEqual(order);
    expect(await s.drain()).toEqual([]);
  });

  it("then sends order.placed with the next seq when an order is placed", async () => {
    const s = await stream(waiter);
    const snapshot = await s.next();
    const order = await drinkAndFood();
    expect(order.seq).toBe(snapshot.seq + 1);
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: snapshot.seq, seq: snapshot.seq + 1, order, tables: expect.any(Array) }]);
  });

  it("sends ticket frames with the whole ticket and who changed it", async () => {
    const order = await drinkAndFood();
    const kitchen = ticketOf(order, "kitchen");
    const s = await stream(waiter);
    const { seq } = await s.next();
    const actions: [string, string][] = [
      [`${kitchen.id}/items/1/bump`, station],
      [`${kitchen.id}/undo`, station],
      [`${kitchen.id}/bump`, station],
      [`${kitchen.id}/pickup`, waiter],
    ];
    const bodies = [];
    for (const [path, cookie] of actions) {
      const res = await api("POST", `/api/v1/tickets/${path}`, undefined, cookie);
      expect(res.status, res.text).toBe(200);
      bodies.push(res.body);
    }
    const frames = (await s.nextFrames(4)) as Frame[];
    expect(frames.map((f: any) => [f.type, f.seq, f.by, f.ticket.id])).toEqual([
      ["item.bumped", seq + 1, "Kueche", kitchen.id],
      ["ticket.reopened", seq + 2, "Kueche", kitchen.id],
      ["ticket.bumped", seq + 3, "Kueche", kitchen.id],
      ["ticket.picked_up", seq + 4, "Clara", kitchen.id],
    ]);
    // Each frame carries the ticket as the action's answer had it.
    expect(frames.map((f: any) => f.ticket)).toEqual(bodies.map((b) => b.ticket));
    expect(frames.map((f) => f.seq)).toEqual(bodies.map((b) => b.seq));
    expect(await s.drain()).toEqual([]);
  });

  it("resumes with ?since=SEQ: exactly the missed frames, in order, and no snapshot", async () => {
    const live = await stream(waiter);
    const { seq: since } = await live.next();
    const order = await drinkAndFood();
    await api("POST", `/api/v1/tickets/${ticketOf(order, "bar").id}/bump`, undefined, station);
    await api("POST", `/api/v1/tickets/${ticketOf(order, "bar").id}/undo`, undefined, station);
    const missed = await live.nextFrames(3);
    expect(missed.map((f: any) => f.seq)).toEqual([since + 1, since + 2, since + 3]);

    const resumed = await stream(waiter, `?since=${since}`);
    expect(await resumed.nextFrames(3)).toEqual(missed);
    expect(await resumed.drain()).toEqual([]);

    // Then it is live like any other socket.
    const next = await drinkAndFood();
    expect(await resumed.nextFrames(1)).toEqual([{ type: "order.placed", prev: since + 3, seq: since + 4, order: next, tables: expect.any(Array) }]);
  });

  it("sends nothing on ?since=<current seq> until the next change", async () => {
    const seq = await currentSeq();
    const s = await stream(waiter, `?since=${seq}`);
    expect(await s.drain()).toEqual([]);
    const order = await drinkAndFood();
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq, seq: seq + 1, order, tables: expect.any(Array) }]);
  });

  it("sends a snapshot when ?since is larger than the current seq", async () => {
    const seq = await currentSeq();
    const s = await stream(waiter, `?since=${seq + 1000}`);
    const [frame] = await s.nextFrames(1);
    expect(frame).toMatchObject({ type: "snapshot", seq });
    expect(await s.drain()).toEqual([]);
  });

  it("opens a station socket with ?station=bar and refuses an unknown station with 404", async () => {
    const bar = await stream(station, "?station=bar");
    expect((await bar.next()).type).toBe("snapshot");
    const res = await streamRequest(station, "?station=nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toMatchObject({ code: "NOT_FOUND", path: "query.station" });
  });

  it("refuses a plain GET without the WebSocket upgrade with 400", async () => {
    const res = await api("GET", "/api/v1/stream", undefined, waiter);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "header.upgrade" });
  });
});

describe("frames from a socket", () => {
  it("broadcasts a station's bump over HTTP to a station socket with the next seq; a repeat changes nothing and is not broadcast", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const s = await stream(station, "?station=bar");
    const { seq } = await s.next();
    const bumped = await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, station);
    expect(bumped.status, bumped.text).toBe(200);
    expect(bumped.body.seq).toBe(seq + 1);
    const [broadcast] = (await s.nextFrames(1)) as Frame[];
    expect(broadcast).toMatchObject({ type: "ticket.bumped", prev: seq, seq: seq + 1, by: "Kueche", ticket: { id: bar.id } });
    expect(await storedDoneAt(bar.id)).toBe(bumped.body.ticket.doneAt);

    const again = await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, station);
    expect(again.body).toMatchObject({ ok: true, seq: null });
    expect(await s.drain()).toEqual([]);
  });

  it("refuses a waiter's bump with 403 FORBIDDEN and changes nothing", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const watcher = await stream(station);
    await watcher.next();
    const seq = await currentSeq();
    const res = await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, waiter);
    expect(res.status, res.text).toBe(403);
    expect(res.body.error).toMatchObject({ code: "FORBIDDEN" });
    expect(await storedDoneAt(bar.id)).toBeNull();
    expect(await currentSeq()).toBe(seq);
    expect(await watcher.drain()).toEqual([]);
  });

  it("answers every frame but a pong with an error frame INVALID_INPUT and a path, and changes nothing", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const s = await stream(station);
    await s.next();
    const seq = await currentSeq();
    const cases: [string, string][] = [
      ["{not json", ""],
      // Ticket actions go over HTTP: the frames that once did them are unknown frames.
      [JSON.stringify({ type: "ticket.bump", ticket: bar.id }), "type"],
      [JSON.stringify({ type: "item.bump", ref: "r1", ticket: bar.id, line: 0 }), "type"],
      [JSON.stringify({ type: "ticket.explode", ticket: bar.id }), "type"],
      [JSON.stringify({ ticket: bar.id }), "type"],
      [JSON.stringify({ type: "pong" }), "nonce"],
      [JSON.stringify({ type: "pong", nonce: 42 }), "nonce"],
      [JSON.stringify({ type: "pong", nonce: "x".repeat(65) }), "nonce"],
      [JSON.stringify({ type: "pong", nonce: "n", extra: true }), "extra"],
      [JSON.stringify([1, 2]), ""],
      ["null", ""],
    ];
    for (const [text, path] of cases) {
      s.send(text);
      const [frame] = await s.nextFrames(1);
      expect(frame, text).toEqual({ type: "error", error: { code: "INVALID_INPUT", message: expect.any(String), path: expect.any(String) } });
      if (path) expect((frame as any).error.path, text).toBe(path);
    }
    // A pong with any nonce is read and not answered.
    s.send({ type: "pong", nonce: "not-the-ping's" });
    expect(await s.drain()).toEqual([]);
    expect(await storedDoneAt(bar.id)).toBeNull();
    expect(await currentSeq()).toBe(seq);
  });

  it("ignores identity headers a client sends itself: a waiter posing as station bar gets a waiter's whole stream", async () => {
    const res = await SELF.fetch("http://pos/api/v1/stream", {
      headers: { Upgrade: "websocket", origin: "http://pos", cookie: waiter, "x-mini-pos-role": "station", "x-mini-pos-name": "Kueche", "x-mini-pos-station": "bar" },
    });
    expect(res.status).toBe(101);
    const s = new Stream(res.webSocket!);
    open.push(s);
    res.webSocket!.accept();
    const snapshot = await s.next();
    // The station's cut names its station and leaves out money; a waiter's socket gets every frame whole.
    expect(snapshot).toMatchObject({ type: "snapshot", availability: expect.any(Array) });
    expect(snapshot).not.toHaveProperty("station");
  });

  it("answers a binary frame with INVALID_INPUT and closes a socket that sends a frame over 64 KB with 1009", async () => {
    const s = await stream(station);
    await s.next();
    s.ws.send(new TextEncoder().encode(JSON.stringify({ type: "pong", nonce: "x" })));
    expect(await s.nextFrames(1)).toMatchObject([{ type: "error", error: { code: "INVALID_INPUT" } }]);
    s.send("x".repeat(65 * 1024));
    await expect(s.nextFrames(1)).rejects.toThrow(/closed 1009/);
    expect(s.closed).toMatchObject({ code: 1009 });
  });

  it('answers the text "ping" with "pong"', async () => {
    const s = await stream(waiter);
    await s.next();
    s.send("ping");
    expect(await s.nextFrames(1)).toEqual(["pong"]);
  });
});

describe("the coordinator's state", () => {
  const stub = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);

  it("survives eviction: the seq continues from D1 and a hibernated socket still gets the next change", async () => {
    const s = await stream(station);
    const { seq } = await s.next();
    const first = await drinkAndFood();
    expect(first.seq).toBe(seq + 1);
    await s.nextFrames(1);

    await evictDurableObject(stub());
    // A fresh instance has no state in memory until it reads D1.
    await runInDurableObject(stub(), (instance: EventCoordinator) => {
      expect((instance as any).state).toBeUndefined();
    });

    const second = await drinkAndFood();
    expect(second.seq).toBe(seq + 2);
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq + 1, seq: seq + 2, order: second, tables: expect.any(Array) }]);
    const stored = await api("GET", `/api/v1/orders/${first.id}`, undefined, waiter);
    expect(stored.body.order).toEqual(first);

    // A station's bump reaches the hibernated socket too, with the next seq.
    expect((await api("POST", `/api/v1/tickets/${ticketOf(second, "bar").id}/bump`, undefined, station)).status).toBe(200);
    expect(((await s.nextFrames(1)) as Frame[]).map((f: any) => [f.type, f.prev, f.seq, f.by])).toEqual([["ticket.bumped", seq + 2, seq + 3, "Kueche"]]);
  });

  it("gives a client that reconnects after eviction exactly what it missed", async () => {
    const since = await currentSeq();
    const order = await drinkAndFood();
    await evictDurableObject(stub(), { webSockets: "close" });
    const resumed = await stream(waiter, `?since=${since}`);
    expect(await resumed.nextFrames(1)).toEqual([{ type: "order.placed", prev: since, seq: since + 1, order, tables: expect.any(Array) }]);
    expect(await resumed.drain()).toEqual([]);
  });

  it("neither answers nor broadcasts a change that D1 did not store, and the next change takes the free seq", async () => {
    const s = await stream(station);
    const { seq } = await s.next();
    await failNextBatch();
    const id = crypto.randomUUID();
    const failed = await api("POST", "/api/v1/orders", { id, table: "C2", menuVersion: (await api("GET", "/api/v1/menu", undefined, waiter)).body.version, items: [{ product: "pils", qty: 1 }] }, waiter);
    expect(failed.status, failed.text).toBe(500);
    expect(failed.body.error).toMatchObject({ code: "INTERNAL", path: "" });
    expect(failed.text).not.toContain("simulated");
    expect(await s.drain()).toEqual([]);
    expect(await currentSeq()).toBe(seq);
    expect((await api("GET", `/api/v1/orders/${id}`, undefined, waiter)).status).toBe(404);

    const next = await drinkAndFood();
    expect(next.seq).toBe(seq + 1);
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq, seq: seq + 1, order: next, tables: expect.any(Array) }]);
  });
});
