// What a socket meets: a rate limit on its frames, a cap per login session, name and device, a room per role, the
// server's pings, and sessions ended on the server. Sockets of a given session are opened at the
// coordinator the way the stream route opens them (the route puts the session id in a header).
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
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

/**
 * A waiter phone's socket, with the headers the stream route sets for it (the phone's view: the
 * map and its own orders). Without the view it would be the pickup page's (every open order whole),
 * whose first frames are paced for waiters (coordinator/streamSync.ts): these tests are about the
 * caps and pings, not that pause, and on a loaded machine the pause made them wait seconds.
 */
async function sessionSocket(session: string, name = `Kellner ${crypto.randomUUID().slice(0, 8)}`, device?: string): Promise<Stream> {
  const headers = new Headers({ Upgrade: "websocket", [STREAM_HEADERS.role]: "waiter", [STREAM_HEADERS.name]: encodeURIComponent(name), [STREAM_HEADERS.session]: session, [STREAM_HEADERS.view]: "phone" });
  if (device) headers.set(STREAM_HEADERS.device, device);
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

  it(`a name keeps at most ${STREAM_LIMITS.socketsPerName} sockets across its sessions, a device at most ${STREAM_LIMITS.socketsPerDevice}: over it, its oldest gives way`, async () => {
    const name = `Viele-${crypto.randomUUID().slice(0, 6)}`;
    const sessions = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const mine: Stream[] = [];
    for (let i = 0; i < STREAM_LIMITS.socketsPerName + 2; i++) {
      mine.push(await sessionSocket(sessions[i % sessions.length]!, name));
      await mine.at(-1)!.next();
    }
    for (const s of mine.slice(0, 2)) expect(await closedWith(s)).toMatchObject({ code: CLOSE_CODES.replaced, reason: expect.stringMatching(/connections of this name/) });
    // The same name in other letters ("VIELE-…") is the same person.
    const shouted = await sessionSocket(crypto.randomUUID(), name.toUpperCase());
    await shouted.next();
    expect(await closedWith(mine[2]!)).toMatchObject({ code: CLOSE_CODES.replaced });
    const live = [...mine.slice(3), shouted];
    expect(live).toHaveLength(STREAM_LIMITS.socketsPerName);
    // One device with many names: its waiter sockets together are capped.
    const device = crypto.randomUUID().replaceAll("-", "");
    const names: Stream[] = [];
    for (let i = 0; i < STREAM_LIMITS.socketsPerDevice + 1; i++) {
      names.push(await sessionSocket(crypto.randomUUID(), `Gerät-${i}-${device.slice(0, 6)}`, device));
      await names.at(-1)!.next();
    }
    expect(await closedWith(names[0]!)).toMatchObject({ code: CLOSE_CODES.replaced, reason: expect.stringMatching(/connections of this device/) });
    const order = await mustPlaceOrder(waiter, { table: "E2", items: [{ product: "cola", qty: 1 }] });
    for (const s of [...live, ...names.slice(1)]) expect((await s.nextFrames(1))[0]).toMatchObject({ type: "order.placed", order: { id: order.id } });
  });

  it(`waiters fill at most their room of ${STREAM_LIMITS.socketsByRole.waiter}: station screens and the admin connect beyond it, and the total stays ${STREAM_LIMITS.socketsTotal}`, { timeout: 60_000 }, async () => {
    const rooms = STREAM_LIMITS.socketsByRole;
    expect(rooms.waiter + rooms.station + rooms.admin).toBe(STREAM_LIMITS.socketsTotal);
    for (const s of open.splice(0)) s.close();
    await expect.poll(openAtCoordinator).toBe(0);
    // Every socket its own name: nobody has more than a fair part, so nobody gives way.
    const fill = await Promise.all(Array.from({ length: rooms.waiter }, (_, i) => sessionSocket(`room-${i}`, `Füller ${i}`)));
    const res = await upgrade("waiter", "Einer zu viel");
    expect(res.status).toBe(503);
    expect(res.webSocket).toBeNull();
    expect(((await res.json()) as any).error).toMatchObject({ code: "TOO_MANY_SOCKETS", message: expect.stringMatching(/waiters' 400/), path: "" });
    expect(res.headers.get("retry-after")).toBe("30");
    // The screens' and the admin's rooms are theirs.
    const screens = await Promise.all(Array.from({ length: rooms.station }, () => roleSocket("station")));
    const admins = await Promise.all(Array.from({ length: rooms.admin }, () => roleSocket("admin")));
    expect(screens.length + admins.length + fill.length).toBe(STREAM_LIMITS.socketsTotal);
    expect((await upgrade("station", "Küche")).status).toBe(503);
    expect((await upgrade("admin", "Chef")).status).toBe(503);
    // One closing makes room again.
    fill[0]!.close();
    await expect.poll(async () => (await streamStatus()).status, { timeout: 5000 }).toBe(101);
    // The next tests start with the coordinator's sockets closed, as before this one.
    for (const s of open.splice(0)) s.close();
    await expect.poll(openAtCoordinator, { timeout: 20_000 }).toBe(0);
  });
});

const openAtCoordinator = () => runInDurableObject(coordinator(), (_, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length);

function upgrade(role: string, name: string, more: Record<string, string> = {}): Promise<Response> {
  return coordinator().fetch("https://coordinator/stream", { headers: { Upgrade: "websocket", [STREAM_HEADERS.role]: role, [STREAM_HEADERS.name]: encodeURIComponent(name), ...more } });
}

async function roleSocket(role: "station" | "admin"): Promise<Stream> {
  const res = await upgrade(role, role === "station" ? "Küche" : "Chef", { [STREAM_HEADERS.session]: crypto.randomUUID() });
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  const s = new Stream(res.webSocket);
  open.push(s);
  return s;
}

async function streamStatus(): Promise<{ status: number }> {
  const res = await upgrade("waiter", "probe");
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
