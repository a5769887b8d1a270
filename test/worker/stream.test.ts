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
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: snapshot.seq, seq: snapshot.seq + 1, order }]);
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
    expect(await resumed.nextFrames(1)).toEqual([{ type: "order.placed", prev: since + 3, seq: since + 4, order: next }]);
  });

  it("sends nothing on ?since=<current seq> until the next change", async () => {
    const seq = await currentSeq();
    const s = await stream(waiter, `?since=${seq}`);
    expect(await s.drain()).toEqual([]);
    const order = await drinkAndFood();
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq, seq: seq + 1, order }]);
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
  it("bumps a ticket for a station socket: the broadcast, then an ack with the ref and seq", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const s = await stream(station, "?station=bar");
    const { seq } = await s.next();
    s.send({ type: "ticket.bump", ref: "r1", ticket: bar.id });
    const [broadcast, ack] = (await s.nextFrames(2)) as Frame[];
    expect(broadcast).toMatchObject({ type: "ticket.bumped", prev: seq, seq: seq + 1, by: "Kueche", ticket: { id: bar.id } });
    expect(ack).toEqual({ type: "ack", ref: "r1", seq: seq + 1 });
    expect(await storedDoneAt(bar.id)).toBe((broadcast as any).ticket.doneAt);

    // A repeat is acknowledged with seq null: it changed nothing, and nothing is broadcast.
    s.send({ type: "ticket.bump", ref: "r2", ticket: bar.id });
    expect(await s.nextFrames(1)).toEqual([{ type: "ack", ref: "r2", seq: null }]);
    expect(await s.drain()).toEqual([]);
  });

  it("bumps and reopens items by line from a station socket", async () => {
    const order = await drinkAndFood();
    const kitchen = ticketOf(order, "kitchen");
    const s = await stream(station);
    const { seq } = await s.next();
    s.send({ type: "item.bump", ref: "a", ticket: kitchen.id, line: 1 });
    s.send({ type: "item.undo", ref: "b", ticket: kitchen.id, line: 1 });
    const frames = (await s.nextFrames(4)) as Frame[];
    expect(frames.map((f: any) => [f.type, f.seq, f.ref])).toEqual([
      ["item.bumped", seq + 1, undefined],
      ["ack", seq + 1, "a"],
      ["item.reopened", seq + 2, undefined],
      ["ack", seq + 2, "b"],
    ]);
    expect(await storedDoneAt(kitchen.id)).toBeNull();
  });

  it("answers the same frame from a waiter socket with an error frame FORBIDDEN and changes nothing", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const watcher = await stream(station);
    await watcher.next();
    const s = await stream(waiter);
    await s.next();
    const seq = await currentSeq();
    s.send({ type: "ticket.bump", ref: "r1", ticket: bar.id });
    const [frame] = await s.nextFrames(1);
    expect(frame).toMatchObject({ type: "error", ref: "r1", error: { code: "FORBIDDEN" } });
    expect(await storedDoneAt(bar.id)).toBeNull();
    expect(await currentSeq()).toBe(seq);
    expect(await watcher.drain()).toEqual([]);
  });

  it("answers a bump of an unknown ticket with an error frame NOT_FOUND", async () => {
    const s = await stream(station);
    await s.next();
    s.send({ type: "ticket.bump", ref: "x", ticket: "nope" });
    expect(await s.nextFrames(1)).toEqual([{ type: "error", ref: "x", error: { code: "NOT_FOUND", message: expect.any(String), path: "ticket" } }]);
  });

  it("answers invalid frames with an error frame INVALID_INPUT and a path, and changes nothing", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const s = await stream(station);
    await s.next();
    const seq = await currentSeq();
    const cases: [string, string | undefined, string][] = [
      ["{not json", undefined, ""],
      [JSON.stringify({ type: "ticket.explode", ref: "u", ticket: bar.id }), "u", "type"],
      [JSON.stringify({ ref: "m", ticket: bar.id }), "m", "type"],
      [JSON.stringify({ type: "ticket.bump", ref: "t", ticket: 42 }), "t", "ticket"],
      [JSON.stringify({ type: "item.bump", ref: "l", ticket: bar.id, line: "1" }), "l", "line"],
      [JSON.stringify({ type: "item.bump", ref: "f", ticket: bar.id, line: 1.5 }), "f", "line"],
      [JSON.stringify({ type: "ticket.bump", ref: "e", ticket: bar.id, extra: true }), "e", "extra"],
      [JSON.stringify([1, 2]), undefined, ""],
      ["null", undefined, ""],
    ];
    for (const [text, ref, path] of cases) {
      s.send(text);
      const [frame] = await s.nextFrames(1);
      expect(frame, text).toMatchObject({ type: "error", error: { code: "INVALID_INPUT", path: expect.any(String) } });
      expect((frame as any).ref, text).toBe(ref);
      if (path) expect((frame as any).error.path, text).toBe(path);
    }
    expect(await storedDoneAt(bar.id)).toBeNull();
    expect(await currentSeq()).toBe(seq);
  });

  it("ignores identity headers a client sends itself: a waiter posing as a station still cannot bump", async () => {
    const order = await drinkAndFood();
    const bar = ticketOf(order, "bar");
    const res = await SELF.fetch("http://pos/api/v1/stream", {
      headers: { Upgrade: "websocket", origin: "http://pos", cookie: waiter, "x-mini-pos-role": "station", "x-mini-pos-name": "Kueche", "x-mini-pos-station": "bar" },
    });
    expect(res.status).toBe(101);
    const s = new Stream(res.webSocket!);
    open.push(s);
    res.webSocket!.accept();
    await s.next();
    s.send({ type: "ticket.bump", ref: "spoof", ticket: bar.id });
    expect(await s.nextFrames(1)).toMatchObject([{ type: "error", ref: "spoof", error: { code: "FORBIDDEN" } }]);
    expect(await storedDoneAt(bar.id)).toBeNull();
  });

  it("answers a binary frame with INVALID_INPUT and closes a socket that sends a frame over 64 KB with 1009", async () => {
    const s = await stream(station);
    await s.next();
    s.ws.send(new TextEncoder().encode(JSON.stringify({ type: "ticket.bump", ticket: "x" })));
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
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq + 1, seq: seq + 2, order: second }]);
    const stored = await api("GET", `/api/v1/orders/${first.id}`, undefined, waiter);
    expect(stored.body.order).toEqual(first);

    // A frame from the hibernated socket still works and knows who sent it.
    s.send({ type: "ticket.bump", ref: "after", ticket: ticketOf(second, "bar").id });
    expect(((await s.nextFrames(2)) as Frame[]).map((f: any) => [f.type, f.seq, f.by ?? f.ref])).toEqual([
      ["ticket.bumped", seq + 3, "Kueche"],
      ["ack", seq + 3, "after"],
    ]);
  });

  it("gives a client that reconnects after eviction exactly what it missed", async () => {
    const since = await currentSeq();
    const order = await drinkAndFood();
    await evictDurableObject(stub(), { webSockets: "close" });
    const resumed = await stream(waiter, `?since=${since}`);
    expect(await resumed.nextFrames(1)).toEqual([{ type: "order.placed", prev: since, seq: since + 1, order }]);
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
    expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: seq, seq: seq + 1, order: next }]);
  });
});
