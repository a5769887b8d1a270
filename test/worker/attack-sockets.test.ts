// The socket fill of issue 23 (item 1): someone with the waiter PIN logs in 130 times, each time as
// a new device and a new name, and opens 4 sockets per login. The kitchen screen and the admin
// still connect at once, an honest waiter still connects and gets the orders, and one name or one
// device never holds more than its share. The fill's 520 sockets are opened at the coordinator the
// way the stream route opens them (role, name, session and device in its headers; opening them
// through the worker costs workerd's test runner about 1 ms per socket already open, each time);
// everyone else, and the shares, go through the real login and stream route. Its own file: the
// fill takes the event's sockets.
import { afterEach, describe, expect, it } from "vitest";
import { CLOSE_CODES, STREAM_LIMITS } from "../../worker/protocol.ts";
import { env } from "cloudflare:test";
import { STREAM_HEADERS } from "../../worker/coordinator/SocketHub.ts";
import { api, EVENT_ID, login, mustPlaceOrder, openStream, PINS, Stream } from "./helpers.ts";

const open: Stream[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** A login with the waiter PIN; without a device cookie it is a new device each time. */
async function waiterLogin(name: string, device?: string): Promise<{ session: string; device: string }> {
  const res = await api("POST", "/api/v1/login", { name, pin: PINS.waiter }, device);
  expect(res.status, res.text).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { session: cookies.find((c) => c.startsWith("mini_pos_session="))!, device: device ?? cookies.find((c) => c.startsWith("mini_pos_device="))! };
}

async function connect(cookie: string): Promise<Stream> {
  const s = await openStream(cookie);
  open.push(s);
  return s;
}

/** The 4 sockets of one attacker login (its own session, name and device), opened at once; once the waiters' room is full, some are refused (503). */
async function attackerSockets(name: string): Promise<Stream[]> {
  const [session, device] = [crypto.randomUUID(), crypto.randomUUID().replaceAll("-", "")];
  const headers = { Upgrade: "websocket", [STREAM_HEADERS.role]: "waiter", [STREAM_HEADERS.name]: encodeURIComponent(name), [STREAM_HEADERS.session]: session, [STREAM_HEADERS.device]: device };
  const coordinator = env.EVENT_COORDINATOR.getByName(EVENT_ID);
  const responses = await Promise.all(Array.from({ length: STREAM_LIMITS.socketsPerSession }, () => coordinator.fetch("https://coordinator/stream", { headers })));
  const sockets: Stream[] = [];
  for (const res of responses) {
    if (res.status === 503) continue;
    if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    const s = new Stream(res.webSocket);
    open.push(s);
    sockets.push(s);
  }
  return sockets;
}

const openCount = (sockets: Stream[]) => sockets.filter((s) => s.closed === undefined).length;

describe("a waiter-PIN holder fills the sockets", () => {
  it("130 logins × 4 sockets fill the waiters' room: the kitchen screen and the admin connect at once, and an honest waiter too", { timeout: 120_000 }, async () => {
    const [kitchenLogin, adminLogin, honestLogin] = await Promise.all([login("station", "Küche"), login("admin", "Chef"), login("waiter", "Ehrlich")]);
    // The event's first change (its menu version) is made before the test watches for orders.
    await mustPlaceOrder(honestLogin, { table: "A1", items: [{ product: "pils", qty: 1 }] });
    const logins = 130;
    const attacker = await Promise.all(Array.from({ length: logins }, (_, i) => attackerSockets(`Flut ${i}`)));
    const all = attacker.flat();
    // The waiters' room is full, and no more: a name that came late took sockets from names with more.
    await expect.poll(() => openCount(all), { timeout: 10_000 }).toBe(STREAM_LIMITS.socketsByRole.waiter);
    for (const s of all.filter((s) => s.closed)) expect(s.closed!.code).toBe(CLOSE_CODES.replaced);

    // The kitchen screen and the admin connect at once and get their first frame.
    const started = Date.now();
    const [kitchen, admin] = await Promise.all([connect(kitchenLogin), connect(adminLogin)]);
    const [kitchenFirst, adminFirst] = await Promise.all([kitchen.next(), admin.next()]);
    expect(kitchenFirst.type).toBe("snapshot");
    expect(adminFirst.type).toBe("snapshot");
    expect(Date.now() - started).toBeLessThan(5_000);

    // An honest waiter still connects (a name with more sockets gives one up) and sees the orders.
    const honest = await connect(honestLogin);
    expect((await honest.next()).type).toBe("snapshot");
    await expect.poll(() => openCount(all), { timeout: 5_000 }).toBe(STREAM_LIMITS.socketsByRole.waiter - 1);
    const order = await mustPlaceOrder(honestLogin, { table: "A1", items: [{ product: "pils", qty: 1 }] });
    for (const s of [kitchen, admin, honest]) {
      const frames = await s.nextFrames(1);
      expect(frames[0]).toMatchObject({ type: "order.placed", order: { id: order.id } });
    }
  });

  it(`one name keeps at most ${STREAM_LIMITS.socketsPerName} sockets across its sessions; an honest waiter still connects`, { timeout: 30_000 }, async () => {
    const first = await waiterLogin("Gierig");
    const second = await waiterLogin("Gierig", first.device);
    const greedy: Stream[] = [];
    for (let k = 0; k < 2 * STREAM_LIMITS.socketsPerSession; k++) greedy.push(await connect(k % 2 ? second.session : first.session));
    await expect.poll(() => openCount(greedy), { timeout: 5_000 }).toBe(STREAM_LIMITS.socketsPerName);
    // The newest stay.
    expect(greedy.slice(-STREAM_LIMITS.socketsPerName).every((s) => s.closed === undefined)).toBe(true);
    const other = await connect(await login("waiter", "Andere"));
    expect((await other.next()).type).toBe("snapshot");
  });

  it(`one device keeps at most ${STREAM_LIMITS.socketsPerDevice} waiter sockets, whatever names it logs in with`, { timeout: 30_000 }, async () => {
    const first = await waiterLogin("Gerät 0");
    const sockets = [await connect(first.session)];
    for (let i = 1; i <= STREAM_LIMITS.socketsPerDevice; i++) sockets.push(await connect((await waiterLogin(`Gerät ${i}`, first.device)).session));
    await expect.poll(() => sockets[0]!.closed, { timeout: 5_000 }).toMatchObject({ code: CLOSE_CODES.replaced, reason: expect.stringMatching(/this device/) });
    expect(openCount(sockets)).toBe(STREAM_LIMITS.socketsPerDevice);
  });
});
