// What a socket meets: a rate limit on its frames, a cap per login session and in total, the
// server's pings, and sessions ended on the server. Sockets of a given session are opened at the
// coordinator the way the stream route opens them (the route puts the session id in a header).
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES, STREAM_LIMITS } from "../../worker/protocol.ts";
import { STREAM_HEADERS } from "../../worker/coordinator/SocketHub.ts";
import { EVENT_ID, login, mustPlaceOrder, openStream, Stream, type Frame } from "./helpers.ts";

let waiter: string;
let station: string;
beforeAll(async () => {
  [waiter, station] = await Promise.all([login("waiter", "Limit"), login("station", "Flut")]);
  // The event's first change (its menu version) is made before the tests watch for orders.
  await mustPlaceOrder(waiter, { table: "E1", items: [{ product: "pils", qty: 1 }] });
});
const open: Stream[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
const coordinator = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);

async function sessionSocket(session: string, name = "Kellner"): Promise<Stream> {
  const headers = new Headers({ Upgrade: "websocket", [STREAM_HEADERS.role]: "waiter", [STREAM_HEADERS.name]: name, [STREAM_HEADERS.session]: session });
  const res = await coordinator().fetch("https://coordinator/stream", { headers });
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  const s = new Stream(res.webSocket);
  res.webSocket.accept();
  open.push(s);
  return s;
}

async function closedWith(s: Stream): Promise<{ code: number; reason: string }> {
  await expect.poll(() => s.closed, { timeout: 5000 }).toBeDefined();
  return s.closed!;
}

describe("client frames are rate-limited per socket", () => {
  it("answers frames over the limit with RATE_LIMITED, closes a socket that keeps flooding, and another waiter's order goes through", { timeout: 20_000 }, async () => {
    const flood = await openStream(station, "?station=bar");
    open.push(flood);
    await flood.next();
    const watcher = await openStream(waiter);
    open.push(watcher);
    await watcher.next();
    // Frames the server answers at once (not JSON): the bucket does not refill meanwhile.
    const frame = "{not json";
    const sent = STREAM_LIMITS.frameBurst * 2;
    for (let i = 0; i < sent; i++) flood.send(frame);
    const codes = ((await flood.nextFrames(sent)) as Frame[]).map((f) => f.error?.code);
    // The burst is read (and refused as not JSON); what comes over it is refused unread.
    expect(codes.filter((c) => c === "INVALID_INPUT").length).toBeGreaterThanOrEqual(STREAM_LIMITS.frameBurst);
    expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(STREAM_LIMITS.frameBurst / 2);
    // Keeping on flooding closes the socket with a reason.
    for (let i = 0; i < STREAM_LIMITS.floodCloseAfter * 4; i++) flood.send(frame);
    expect(await closedWith(flood)).toMatchObject({ code: 1008, reason: expect.stringMatching(/too many frames/) });
    // Meanwhile nobody else is held up.
    const order = await mustPlaceOrder(waiter, { table: "E1", items: [{ product: "pils", qty: 1 }] });
    expect((await watcher.nextFrames(1))[0]).toMatchObject({ type: "order.placed", order: { id: order.id } });
  });
});

describe("sockets are capped", () => {
  it(`closes a session's oldest socket with ${CLOSE_CODES.replaced} when it opens more than ${STREAM_LIMITS.socketsPerSession}`, async () => {
    const session = crypto.randomUUID();
    const sockets: Stream[] = [];
    for (let i = 0; i < STREAM_LIMITS.socketsPerSession; i++) {
      sockets.push(await sessionSocket(session));
      await sockets.at(-1)!.next();
    }
    const other = await sessionSocket(crypto.randomUUID());
    await other.next();
    const newest = await sessionSocket(session);
    await newest.next();
    expect(await closedWith(sockets[0]!)).toMatchObject({ code: CLOSE_CODES.replaced, reason: expect.stringMatching(/connections of this login/) });
    // The others of the session, the new one and another session's socket stay.
    const order = await mustPlaceOrder(waiter, { table: "E2", items: [{ product: "cola", qty: 1 }] });
    for (const s of [...sockets.slice(1), newest, other]) expect((await s.nextFrames(1))[0]).toMatchObject({ type: "order.placed", order: { id: order.id } });
  });

  it(`refuses socket number ${STREAM_LIMITS.socketsTotal + 1} with 503 TOO_MANY_SOCKETS before the upgrade`, async () => {
    const already = (await Promise.all(open.map(() => 1))).length;
    const sockets = await Promise.all(Array.from({ length: STREAM_LIMITS.socketsTotal - already }, (_, i) => sessionSocket(`cap-${i}`)));
    expect(sockets).toHaveLength(STREAM_LIMITS.socketsTotal);
    const res = await coordinator().fetch("https://coordinator/stream", {
      headers: { Upgrade: "websocket", [STREAM_HEADERS.role]: "waiter", [STREAM_HEADERS.name]: "one-too-many" },
    });
    expect(res.status).toBe(503);
    expect(res.webSocket).toBeNull();
    expect(((await res.json()) as any).error).toMatchObject({ code: "TOO_MANY_SOCKETS", path: "" });
    // One closing makes room again.
    sockets[0]!.close();
    await expect.poll(async () => (await streamStatus()).status, { timeout: 5000 }).toBe(101);
  });
});

async function streamStatus(): Promise<{ status: number }> {
  const res = await coordinator().fetch("https://coordinator/stream", { headers: { Upgrade: "websocket", [STREAM_HEADERS.role]: "waiter", [STREAM_HEADERS.name]: "probe" } });
  if (res.webSocket) {
    res.webSocket.accept();
    const s = new Stream(res.webSocket);
    open.push(s);
  }
  return { status: res.status };
}

describe("the server pings", () => {
  it("sends ping frames with a nonce and closes a socket that answered none of the last two with 4003", async () => {
    const answering = await sessionSocket(crypto.randomUUID(), "Wach");
    const silent = await sessionSocket(crypto.randomUUID(), "Still");
    await Promise.all([answering.next(), silent.next()]);
    for (let round = 0; round < STREAM_LIMITS.missedPings; round++) {
      expect(await runDurableObjectAlarm(coordinator())).toBe(true);
      const ping = await answering.next();
      expect(ping).toEqual({ type: "ping", nonce: expect.any(String) });
      // A made-up nonce does not count; the right one does.
      answering.send({ type: "pong", nonce: "guessed" });
      answering.send({ type: "pong", nonce: ping.nonce });
      // Frames of a socket are handled in order: once this one is answered, the pongs are counted.
      answering.send({ type: "after-pong" });
      expect(await answering.next()).toMatchObject({ type: "error", error: { code: "INVALID_INPUT", path: "type" } });
      expect(await silent.next(), `round ${round}`).toMatchObject({ type: "ping" });
    }
    expect(await runDurableObjectAlarm(coordinator())).toBe(true);
    expect(await closedWith(silent)).toMatchObject({ code: CLOSE_CODES.noPong, reason: expect.stringMatching(/ping/) });
    expect(await answering.next()).toMatchObject({ type: "ping" });
    expect(answering.closed).toBeUndefined();
  });
});

describe("ending sessions", () => {
  it("closes the sockets of the ended sessions with 4001 and the reason; other sessions keep theirs", async () => {
    const [ended, alsoEnded, kept] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const a = await sessionSocket(ended);
    const b = await sessionSocket(ended);
    const c = await sessionSocket(alsoEnded);
    const d = await sessionSocket(kept);
    await Promise.all([a, b, c, d].map((s) => s.next()));
    expect(await coordinator().endSessions([ended, alsoEnded], "logged out")).toBe(3);
    for (const s of [a, b, c]) expect(await closedWith(s)).toEqual({ code: CLOSE_CODES.sessionEnded, reason: "logged out" });
    const order = await mustPlaceOrder(waiter, { table: "E3", items: [{ product: "cola", qty: 1 }] });
    expect((await d.nextFrames(1))[0]).toMatchObject({ type: "order.placed", order: { id: order.id } });
    expect(await coordinator().endSessions([crypto.randomUUID()], "nobody")).toBe(0);
  });
});
