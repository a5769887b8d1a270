// Group commit (worker/coordinator/orderGroups.ts): orders that arrive while the coordinator is
// busy are written in one batch. The coordinator is held busy on purpose (its first batch waits
// until every request has reached its queue), so that the orders really form one group; then what
// a waiter and a screen would check: each order answered right, stored once, in the stream once,
// with the sequence gap-free — also when the group's batch fails.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import { api, count, currentSeq, EVENT_ID, getMenu, login, openStream, resetAvailability, setAvailability, type Frame } from "./helpers.ts";

const stub = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);

interface Held {
  /** Statements of each write batch the coordinator sent to D1 from now on, failed ones too (reads left out). */
  batches: { statements: number; failed: boolean }[];
  /** Lets the held first batch go once `queued` orders wait behind it. */
  releaseWhenQueued(queued: number): Promise<void>;
}

/** Holds the coordinator's next batch until released; `failGroup` makes the batch after it fail once. */
async function holdNextBatch(failGroup = false): Promise<Held> {
  const batches: Held["batches"] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await runInDurableObject(stub(), (instance: EventCoordinator) => {
    const db = (instance as any).db;
    const batch = db.batch.bind(db);
    let calls = 0;
    db.batch = async (statements: { toSQL(): { sql: string } }[]) => {
      if (!statements.some((st) => /^(insert|update|delete)/i.test(st.toSQL().sql))) return batch(statements);
      const call = ++calls;
      if (call === 1) await released;
      if (call === 2 && failGroup) {
        batches.push({ statements: statements.length, failed: true });
        throw new Error("simulated D1 failure");
      }
      try {
        const out = await batch(statements);
        batches.push({ statements: statements.length, failed: false });
        return out;
      } catch (error) {
        batches.push({ statements: statements.length, failed: true });
        throw error;
      }
    };
  });
  return {
    batches,
    async releaseWhenQueued(queued: number) {
      for (let i = 0; i < 500; i++) {
        const waiting = await runInDurableObject(stub(), (instance: EventCoordinator) => (instance as any).orderGroups.queue.length as number);
        if (waiting >= queued) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      release();
    },
  };
}

const body = (version: number, i: number, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  table: ["A1", "B2", "C3", "D4"][i % 4]!,
  menuVersion: version,
  items: [{ product: ["pils", "cola", "pommes", "radler"][i % 4]!, qty: 1 + (i % 3) }],
  ...extra,
});

/** The full stream after `since`: every frame must follow the one before it. */
function expectChained(frames: Frame[], since: number) {
  let prev = since;
  for (const f of frames) {
    expect(f.prev).toBe(prev);
    expect(f.seq).toBe(prev + 1);
    prev = f.seq;
  }
}

describe("group commit", () => {
  it("answers every order of a group right: new ones, same-id duplicates, a conflict, an invalid one and one over the quota", async () => {
    const admin = await login("admin");
    const waiters = await Promise.all(["Gina", "Hans", "Ida"].map((n) => login("waiter", n)));
    const product = "rotweinschorle-sauer";
    await setAvailability(admin, product, { quota: 3 });
    try {
      const version = (await getMenu(waiters[0]!)).version;
      const stream = await openStream(waiters[0]!);
      const since = ((await stream.next()) as Frame).seq;
      const held = await holdNextBatch();

      const first = api("POST", "/api/v1/orders", body(version, 0), waiters[0]);
      const news = Array.from({ length: 20 }, (_, i) => body(version, i + 1));
      const twice = news.slice(0, 4);
      const conflict = { ...news[5]!, table: "F9" };
      const invalid = body(version, 0, { table: "no-such-table" });
      const quota = [body(version, 0, { items: [{ product, qty: 2 }] }), body(version, 1, { items: [{ product, qty: 2 }] })];
      const sent = [...news, ...twice, conflict, invalid, ...quota];
      // A duplicate comes from the phone that sent the original (only its own retry gets the order back).
      const senderOf = (i: number) => waiters[(i >= 20 && i < 24 ? i - 20 : i) % waiters.length];
      const answers = Promise.all(sent.map((b, i) => api("POST", "/api/v1/orders", b, senderOf(i))));
      await held.releaseWhenQueued(sent.length);
      const [firstAnswer, results] = [await first, await answers];

      expect(firstAnswer.status, firstAnswer.text).toBe(201);
      // The 20 new orders are created once each. A duplicate sent at the same moment may reach the
      // coordinator before its original: of each pair one is created, the other answered with it.
      for (const r of [...results.slice(4, 5), ...results.slice(6, 20)]) expect(r.status, r.text).toBe(201);
      for (let i = 0; i < 4; i++) {
        const pair = [results[i]!, results[20 + i]!].sort((a, b) => b.status - a.status);
        expect(pair.map((r) => r.status), pair[0]!.text).toEqual([201, 200]);
        expect(pair[1]!.body.replay).toBe(true);
        expect(pair[1]!.body.order).toEqual(pair[0]!.body.order);
      }
      // The same id with other content: whichever comes second is refused.
      const [createdFirst, refused] = [results[5]!, results[24]!].sort((a, b) => a.status - b.status);
      expect([createdFirst!.status, refused!.status], refused!.text).toEqual([201, 409]);
      expect(refused!.body.error.code).toBe("ORDER_ID_CONFLICT");
      expect(results[25]!.status, results[25]!.text).toBe(400);
      expect(results[25]!.body.error.path).toBe("table");
      // Three left: exactly one of the two orders of two gets them.
      expect(results.slice(26).map((r) => r.status).sort()).toEqual([201, 409]);
      const over = results.slice(26).find((r) => r.status === 409)!;
      expect(over.body.error.code).toBe("QUOTA_EXCEEDED");

      // The 21 new orders went to D1 together (five statements or more each), not one by one; the
      // duplicates and the conflict came after them, each on its own (their inserts hit the taken id).
      const written = held.batches.filter((b) => !b.failed);
      expect(written).toHaveLength(2);
      expect(written[1]!.statements).toBeGreaterThanOrEqual(21 * 5);
      expect(held.batches.filter((b) => b.failed).map((b) => b.statements)).toEqual(Array(5).fill(5));

      // Stored once each; the stream has each placed order once, in a gap-free chain.
      const created = [(await first).body.order, ...results.filter((r) => r.status === 201).map((r) => r.body.order)];
      for (const o of created) expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", o.id)).toBe(1);
      const end = await currentSeq();
      const frames = (await stream.nextFrames(end - since)) as Frame[];
      expectChained(frames, since);
      const placed = frames.filter((f) => f.type === "order.placed").map((f) => f.order.id);
      expect(placed.sort()).toEqual(created.map((o) => o.id).sort());
      expect(frames.filter((f) => f.type === "availability.changed")).toHaveLength(1);
      expect(await stream.drain(200)).toEqual([]);
      stream.close();
    } finally {
      await resetAvailability(admin, product);
    }
  });

  it("falls back to one by one when the group's batch fails, so an order already stored is a replay and the rest are created", async () => {
    const waiter = await login("waiter", "Jana");
    const version = (await getMenu(waiter)).version;
    const stored = body(version, 1);
    const before = await api("POST", "/api/v1/orders", stored, waiter);
    expect(before.status, before.text).toBe(201);
    // The coordinator restarted since (it remembers no recent ids): the retry joins a group.
    await runInDurableObject(stub(), (instance: EventCoordinator) => (instance as any).orderGroups.recent.clear());
    const stream = await openStream(waiter);
    const since = ((await stream.next()) as Frame).seq;
    const held = await holdNextBatch();

    const first = api("POST", "/api/v1/orders", body(version, 0), waiter);
    // The answer to `stored` was lost: the phone sends it again among new orders.
    const sent = [...Array.from({ length: 6 }, (_, i) => body(version, i)), stored, ...Array.from({ length: 6 }, (_, i) => body(version, i + 2))];
    const answers = Promise.all(sent.map((b) => api("POST", "/api/v1/orders", b, waiter)));
    await held.releaseWhenQueued(sent.length);
    expect((await first).status).toBe(201);
    const results = await answers;

    for (const [i, r] of results.entries()) expect(r.status, r.text).toBe(sent[i] === stored ? 200 : 201);
    expect(results[6]!.body.order).toEqual(before.body.order);
    // The group's batch hit the stored id; then each order was written on its own.
    const failed = held.batches.filter((b) => b.failed);
    expect(failed.map((b) => b.statements >= 13 * 5)).toEqual([true, false]);
    expect(held.batches.filter((b) => !b.failed)).toHaveLength(1 + 12);
    expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", stored.id)).toBe(1);

    const end = await currentSeq();
    expect(end - since).toBe(13);
    const frames = (await stream.nextFrames(end - since)) as Frame[];
    expectChained(frames, since);
    expect(frames.map((f) => f.order.id).sort()).toEqual([(await first).body.order.id, ...results.filter((r) => r.status === 201).map((r) => r.body.order.id)].sort());
    expect(await stream.drain(200)).toEqual([]);
    stream.close();
  });

  it("loses and doubles nothing when D1 refuses the group's batch once", async () => {
    const waiter = await login("waiter", "Kai");
    const version = (await getMenu(waiter)).version;
    const stream = await openStream(waiter);
    const since = ((await stream.next()) as Frame).seq;
    const held = await holdNextBatch(true);

    const first = api("POST", "/api/v1/orders", body(version, 0), waiter);
    const sent = Array.from({ length: 12 }, (_, i) => body(version, i));
    const answers = Promise.all(sent.map((b) => api("POST", "/api/v1/orders", b, waiter)));
    await held.releaseWhenQueued(sent.length);
    expect((await first).status).toBe(201);
    const results = await answers;
    for (const r of results) expect(r.status, r.text).toBe(201);
    // The failed group's numbers were given again, one by one: no gap and none twice (issue 22).
    const numbers = [(await first).body.order.number, ...results.map((r) => r.body.order.number)].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 13 }, (_, i) => numbers[0] + i));
    // One failed batch with all twelve, then one batch per order.
    expect(held.batches.filter((b) => b.failed)).toHaveLength(1);
    expect(held.batches.filter((b) => !b.failed)).toHaveLength(1 + 12);

    for (const b of sent) expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", b.id)).toBe(1);
    const end = await currentSeq();
    expect(end - since).toBe(13);
    const frames = (await stream.nextFrames(end - since)) as Frame[];
    expectChained(frames, since);
    expect(new Set(frames.map((f) => f.order.id)).size).toBe(13);
    expect(await stream.drain(200)).toEqual([]);
    stream.close();
  });
});
