// A socket's first frames are a read: they do not wait behind commands in the coordinator's chain,
// and a socket that syncs while orders are placed gets each order exactly once (in its snapshot or
// as a frame), every frame naming the seq it follows (`prev`).
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, EVENT_ID, getMenu, PINS, login, mustPlaceOrder, openStream, placeOrder, type Frame, type Stream } from "./helpers.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";

let waiter: string;
/**
 * A login has at most STREAM_LIMITS.socketsPerSession sockets, and a device at most socketsPerDevice
 * waiter sockets: many sockets need several logins, each on a device of its own (as phones are).
 */
let waiters: string[];
async function loginOnNewDevice(name: string): Promise<string> {
  const res = await api("POST", "/api/v1/login", { name, pin: PINS.waiter });
  if (res.status !== 200) throw new Error(`login: ${res.text}`);
  return res.headers.getSetCookie().find((c) => c.startsWith("mini_pos_session="))!.split(";")[0]!;
}
beforeAll(async () => {
  waiters = await Promise.all(Array.from({ length: 5 }, (_, i) => loginOnNewDevice(`Sync ${i + 1}`)));
  waiter = waiters[0]!;
  // The event's first change (its menu version) is made before the tests count seqs.
  await mustPlaceOrder(waiter, { table: "D1", items: [{ product: "pils", qty: 1 }] });
});
const open: Stream[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function stream(query = "", cookie = waiter) {
  const s = await openStream(cookie, query);
  open.push(s);
  return s;
}

/** Holds every command in the coordinator's exclusive chain until the returned function is called. */
async function holdTheChain(): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (instance: EventCoordinator) => {
    const coordinator = instance as unknown as { tail: Promise<unknown> };
    coordinator.tail = coordinator.tail.then(() => gate);
  });
  return release;
}

/** The deltas after a first frame follow each other: each names the seq of the one before. */
function expectChained(first: Frame, deltas: Frame[]) {
  let last = first.seq;
  for (const f of deltas) {
    expect(f.prev, JSON.stringify(f).slice(0, 200)).toBe(last);
    last = f.seq;
  }
}

describe("syncing a socket", () => {
  it("sends the snapshot and a catch-up while a command holds the chain, and the held order then arrives once", async () => {
    const before = await stream();
    const first = await before.next();
    const release = await holdTheChain();
    try {
      const held = placeOrder(waiter, { table: "D1", items: [{ product: "pils", qty: 1 }] });
      // Neither a new socket nor a resuming one waits for the held command.
      const fresh = await stream();
      const snapshot = await fresh.next(2000);
      expect(snapshot).toMatchObject({ type: "snapshot", seq: first.seq });
      const resumed = await stream(`?since=${first.seq}`);
      expect(await resumed.drain(300)).toEqual([]);
      release();
      const placed = await held;
      expect(placed.status, placed.text).toBe(201);
      for (const s of [before, fresh, resumed])
        expect(await s.nextFrames(1)).toEqual([{ type: "order.placed", prev: first.seq, seq: first.seq + 1, order: placed.body.order, tables: expect.any(Array) }]);
      for (const s of [before, fresh, resumed]) expect(await s.drain()).toEqual([]);
    } finally {
      release();
    }
  });

  it("gives 20 sockets that connect while orders are placed every order exactly once, with no gap", async () => {
    const version = (await getMenu(waiter)).version;
    const orders = Array.from({ length: 10 }, (_, i) => placeOrder(waiter, { table: "D2", menuVersion: version, items: [{ product: "cola", qty: 1 + (i % 3) }] }));
    const sockets = await Promise.all(Array.from({ length: 20 }, (_, i) => stream(i % 2 ? "" : `?since=${0}`, waiters[i % waiters.length])));
    const placed = await Promise.all(orders);
    for (const r of placed) expect(r.status, r.text).toBe(201);
    const last = await mustPlaceOrder(waiter, { table: "D2", items: [{ product: "cola", qty: 1 }] });
    const all = [...placed.map((r) => r.body.order), last];
    for (const [i, s] of sockets.entries()) {
      const first = await s.next();
      // Half of them resume from 0 (a catch-up of every change so far), half take a snapshot.
      const frames: Frame[] = [first];
      while (frames.at(-1)!.seq < last.seq) frames.push(await s.next());
      const snapshot = first.type === "snapshot" ? first : undefined;
      const deltas = snapshot ? frames.slice(1) : frames;
      expectChained(snapshot ?? ({ seq: 0 } as Frame), deltas);
      const seen = [...(snapshot?.orders.map((o: { id: string }) => o.id) ?? []), ...deltas.filter((f) => f.type === "order.placed").map((f) => f.order.id)];
      for (const o of all) {
        // A waiter's phone snapshot holds that waiter's own orders; others placed before it are only on its map.
        const expected = snapshot?.view === "phone" && o.seq <= snapshot.seq && o.waiter !== `Sync ${(i % waiters.length) + 1}` ? 0 : 1;
        expect(seen.filter((x) => x === o.id)).toHaveLength(expected);
      }
      expect(await s.drain(50)).toEqual([]);
    }
  });

  it("gives sockets that resume at once from different points each exactly its missed frames, a station its cut, one ahead of the log a snapshot", async () => {
    const station = await login("station", "Sync-Kueche");
    const start = (await mustPlaceOrder(waiter, { table: "D3", items: [{ product: "pils", qty: 1 }] })).seq;
    const placed = [];
    for (let i = 0; i < 6; i++) placed.push(await mustPlaceOrder(waiter, { table: "D3", items: [{ product: i % 2 ? "pommes" : "cola", qty: 1 }] }));
    const end = placed.at(-1)!.seq;
    const points = [start, start + 2, start + 2, start + 5, end];
    // All at once, as after a WiFi drop: those that come while a read of the changes is under way share the next.
    const [ahead, ...sockets] = await Promise.all([
      stream(`?since=${end + 50}`, waiters[4]).then((s) => ({ s, since: end + 50, station: false })),
      ...points.map(async (since, i) => ({ s: await stream(`?since=${since}`, waiters[i % 4]), since, station: false })),
      ...points.slice(0, 3).map(async (since) => ({ s: await stream(`?station=kitchen&since=${since}`, station), since, station: true })),
    ]);
    for (const { s, since, station: isStation } of sockets) {
      const expected = placed.filter((o) => o.seq > since && (!isStation || o.tickets.some((t) => t.station === "kitchen")));
      const frames = await s.nextFrames(expected.length);
      expect(frames.map((f) => (f as Frame).order.id)).toEqual(expected.map((o) => o.id));
      expectChained({ seq: since } as Frame, frames as Frame[]);
      expect(await s.drain(50)).toEqual([]);
    }
    expect(await ahead!.s.next()).toMatchObject({ type: "snapshot", seq: end });
  });
});
