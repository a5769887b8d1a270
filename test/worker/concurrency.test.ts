import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, currentSeq, EVENT_ID, getMenu, login, openStream, resetAvailability, setAvailability, type Frame } from "./helpers.ts";

const products = ["pils", "cola", "pommes", "radler", "bratwurst", "spezi"];
const tables = ["A1", "B2", "C3", "D4", "E5", "F6"];

describe("serialization under concurrency", () => {
  it("stores 50 concurrent orders from several waiters with gap-free, unique sequence numbers, each broadcast once in order", async () => {
    const waiters = await Promise.all(["Anna", "Ben", "Clara", "Dieter", "Eva"].map((name) => login("waiter", name)));
    const version = (await getMenu(waiters[0]!)).version;
    const stream = await openStream(await login("station"));
    const snapshot = (await stream.next()) as Frame;
    expect(snapshot.type).toBe("snapshot");

    const bodies = Array.from({ length: 50 }, (_, i) => ({
      id: crypto.randomUUID(),
      table: tables[i % tables.length]!,
      menuVersion: version,
      items: [{ product: products[i % products.length]!, qty: 1 + (i % 3) }, { product: "wasser-medium", qty: 1 }],
    }));
    const results = await Promise.all(bodies.map((body, i) => api("POST", "/api/v1/orders", body, waiters[i % waiters.length])));
    for (const r of results) expect(r.status, r.text).toBe(201);

    const ids = bodies.map((b) => b.id);
    const placeholders = ids.map(() => "?").join(",");
    const rows = await env.DB.prepare(`SELECT id, seq FROM orders WHERE id IN (${placeholders})`).bind(...ids).all<{ id: string; seq: number }>();
    expect(rows.results).toHaveLength(50);
    const seqs = rows.results.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => snapshot.seq + 1 + i));
    // The answers agree with the rows.
    expect(results.map((r) => r.body.order.seq).sort((a, b) => a - b)).toEqual(seqs);

    // The whole change log of the event is 1..N with no gap and no duplicate.
    const log = await env.DB.prepare("SELECT seq FROM changes WHERE event_id = ? ORDER BY seq").bind(EVENT_ID).all<{ seq: number }>();
    const all = log.results.map((r) => r.seq);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.at(-1)).toBe(await currentSeq());

    // The socket got each order once, in seq order, and nothing else.
    const frames = (await stream.nextFrames(50, 5000)) as Frame[];
    expect(frames.map((f) => f.type)).toEqual(Array(50).fill("order.placed"));
    expect(frames.map((f) => f.seq)).toEqual(seqs);
    expect(new Set(frames.map((f: any) => f.order.id))).toEqual(new Set(ids));
    expect(await stream.drain(200)).toEqual([]);
    stream.close();
  });

  it("gives a socket that connects in the middle of a burst a snapshot and then every later change exactly once", async () => {
    const waiter = await login("waiter");
    const version = (await getMenu(waiter)).version;
    const place = () => api("POST", "/api/v1/orders", { id: crypto.randomUUID(), table: "F1", menuVersion: version, items: [{ product: "pils", qty: 1 }] }, waiter);
    const first = Array.from({ length: 15 }, place);
    const streamPromise = openStream(waiter);
    const second = Array.from({ length: 15 }, place);
    const [stream, results] = await Promise.all([streamPromise, Promise.all([...first, ...second])]);
    for (const r of results) expect(r.status, r.text).toBe(201);
    const end = await currentSeq();

    const snapshot = (await stream.next()) as Frame;
    expect(snapshot.type).toBe("snapshot");
    const deltas = (await stream.nextFrames(end - snapshot.seq, 5000)) as Frame[];
    expect(deltas.map((f) => f.seq)).toEqual(Array.from({ length: end - snapshot.seq }, (_, i) => snapshot.seq + 1 + i));
    // Every order is either in the snapshot or in a delta, never both.
    const seen = [...snapshot.orders.map((o: any) => o.id), ...deltas.map((f: any) => f.order.id)];
    for (const r of results) expect(seen.filter((id) => id === r.body.order.id)).toHaveLength(1);
    expect(await stream.drain(200)).toEqual([]);
    stream.close();
  });

  it("sells exactly the quota when 12 orders race for the last 5", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const product = "rotweinschorle-sauer";
    try {
      await setAvailability(admin, product, { quota: 5 });
      const version = (await getMenu(waiter)).version;
      const results = await Promise.all(
        Array.from({ length: 12 }, () => api("POST", "/api/v1/orders", { id: crypto.randomUUID(), table: "B5", menuVersion: version, items: [{ product, qty: 1 }] }, waiter)),
      );
      const accepted = results.filter((r) => r.status === 201);
      expect(accepted, results.map((r) => r.text).join("\n")).toHaveLength(5);
      for (const r of results.filter((r) => r.status !== 201)) {
        expect(r.status, r.text).toBe(409);
        expect(["SOLD_OUT", "MENU_CHANGED"]).toContain(r.body.error.code);
      }
      const stored = await env.DB.prepare("SELECT count(*) AS n, sum(qty) AS qty FROM order_items WHERE product_id = ?").bind(product).first();
      expect(stored).toEqual({ n: 5, qty: 5 });
      const menu = await getMenu(waiter);
      expect(menu.products.find((p) => p.id === product)).toMatchObject({ soldOut: true, quota: 0 });
    } finally {
      await resetAvailability(admin, product);
    }
  });
});
