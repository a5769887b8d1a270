import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, count, EVENT_ID, getMenu, login, openStream, placeOrder, resetAvailability, setAvailability } from "./helpers.ts";

let waiter: string;
let admin: string;
beforeAll(async () => {
  waiter = await login("waiter");
  admin = await login("admin");
});

const product = async (id: string) => (await getMenu(waiter)).products.find((p) => p.id === id)!;

describe("the menu", () => {
  it("has a version and every price in integer cents", async () => {
    const res = await api("GET", "/api/v1/menu", undefined, waiter);
    expect(res.status, res.text).toBe(200);
    expect(Number.isInteger(res.body.version) && res.body.version >= 1).toBe(true);
    expect(res.body.products.length).toBeGreaterThan(30);
    for (const p of res.body.products) expect(Number.isInteger(p.priceCents), p.id).toBe(true);
    expect(res.body.products.find((p: any) => p.id === "pils")).toMatchObject({ name: "Pils", priceCents: 300, category: "bier", soldOut: false, quota: null });
    expect(res.body.products.find((p: any) => p.id === "hefeweizen").priceCents).toBe(380);
    expect(res.body.stations.map((s: any) => s.id)).toEqual(["bar", "kitchen"]);
  });

  it("starts a new version when an admin marks a product sold out, and refuses an older order with that product (409 MENU_CHANGED)", async () => {
    const old = (await getMenu(waiter)).version;
    const res = await setAvailability(admin, "sekt-glas", { soldOut: true });
    try {
      expect(res.menuVersion).toBe(old + 1);
      expect((await getMenu(waiter)).version).toBe(old + 1);
      expect(await product("sekt-glas")).toMatchObject({ soldOut: true });

      const stale = await placeOrder(waiter, { menuVersion: old, items: [{ product: "pils", qty: 1 }, { product: "sekt-glas", qty: 2 }] });
      expect(stale.status, stale.text).toBe(409);
      expect(stale.body.error).toMatchObject({ code: "MENU_CHANGED", path: "menuVersion" });
      expect(stale.body.error.changes).toEqual([{ product: "sekt-glas", name: "Glas Sekt", kind: "sold_out" }]);
      expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", stale.sent.id)).toBe(0);

      // An order made on the old menu that does not touch what changed is still good.
      const unaffected = await placeOrder(waiter, { menuVersion: old, items: [{ product: "pils", qty: 1 }] });
      expect(unaffected.status, unaffected.text).toBe(201);
      expect(unaffected.body.order.menuVersion).toBe(old + 1);

      // On the current menu, the sold-out product is refused as such.
      const current = await placeOrder(waiter, { items: [{ product: "sekt-glas", qty: 1 }] });
      expect(current.status, current.text).toBe(409);
      expect(current.body.error).toMatchObject({ code: "SOLD_OUT", products: [{ product: "sekt-glas", name: "Glas Sekt", left: 0 }] });
    } finally {
      await resetAvailability(admin, "sekt-glas");
    }
    expect(await product("sekt-glas")).toMatchObject({ soldOut: false, quota: null });
  });

  it("stores each menu version it hands out", async () => {
    const version = (await getMenu(waiter)).version;
    expect(await count("SELECT count(*) AS n FROM menu_versions WHERE event_id = ? AND version = ?", EVENT_ID, version)).toBe(1);
  });

  it("answers 404 when an admin sets the availability of an unknown product", async () => {
    const res = await api("PUT", "/api/v1/products/kaviar/availability", { soldOut: true }, admin);
    expect(res.status, res.text).toBe(404);
    expect(res.body.error).toMatchObject({ code: "NOT_FOUND", path: "param.product" });
    expect(await count("SELECT count(*) AS n FROM availability WHERE product_id = 'kaviar'")).toBe(0);
  });
});

describe("quotas", () => {
  it("counts a quota down, refuses more than is left, and sells out automatically at zero", async () => {
    const id = "sekt-orange-glas";
    const stream = await openStream(admin);
    try {
      expect((await stream.next()).type).toBe("snapshot");
      const set = await setAvailability(admin, id, { quota: 3 });
      expect(set.availability).toEqual({ product: id, soldOut: false, quota: 3 });
      const setFrame = await stream.next();
      expect(setFrame).toMatchObject({ type: "availability.changed", availability: [{ product: id, soldOut: false, quota: 3 }] });

      expect((await placeOrder(waiter, { items: [{ product: id, qty: 2 }] })).status).toBe(201);
      expect(await product(id)).toMatchObject({ quota: 1, soldOut: false });
      const [placed, counted] = await stream.nextFrames(2);
      expect(placed).toMatchObject({ type: "order.placed" });
      expect(counted).toMatchObject({ type: "availability.changed", seq: (placed as any).seq + 1, availability: [{ product: id, soldOut: false, quota: 1 }] });

      // Two more, on one line or on two, is more than the one left.
      for (const items of [[{ product: id, qty: 2 }], [{ product: id, qty: 1 }, { product: id, qty: 1 }]]) {
        const tooMany = await placeOrder(waiter, { items });
        expect(tooMany.status, tooMany.text).toBe(409);
        expect(tooMany.body.error).toMatchObject({ code: "QUOTA_EXCEEDED", path: "items", products: [{ product: id, name: "Glas Sekt Orange", left: 1 }] });
        expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", tooMany.sent.id)).toBe(0);
      }
      expect(await product(id)).toMatchObject({ quota: 1, soldOut: false });

      const versionBefore = (await getMenu(waiter)).version;
      const last = await placeOrder(waiter, { items: [{ product: id, qty: 1 }] });
      expect(last.status, last.text).toBe(201);
      expect(await product(id)).toMatchObject({ quota: 0, soldOut: true });
      expect((await getMenu(waiter)).version).toBe(versionBefore + 1);
      const [placedLast, soldOut] = await stream.nextFrames(2);
      expect(placedLast).toMatchObject({ type: "order.placed", order: { id: last.sent.id } });
      expect(soldOut).toEqual({
        type: "availability.changed",
        prev: (placedLast as any).seq,
        seq: (placedLast as any).seq + 1,
        menuVersion: versionBefore + 1,
        availability: [{ product: id, soldOut: true, quota: 0 }],
      });
      const stored = await env.DB.prepare("SELECT sold_out, quota FROM availability WHERE event_id = ? AND product_id = ?").bind(EVENT_ID, id).first();
      expect(stored).toEqual({ sold_out: 1, quota: 0 });

      const after = await placeOrder(waiter, { items: [{ product: id, qty: 1 }] });
      expect(after.status, after.text).toBe(409);
      expect(after.body.error).toMatchObject({ code: "SOLD_OUT", products: [{ product: id, left: 0 }] });
      expect(await stream.drain()).toEqual([]);
    } finally {
      stream.close();
      await resetAvailability(admin, id);
    }
    expect(await product(id)).toMatchObject({ quota: null, soldOut: false });
  });

  it("does not count a replayed order against the quota again, even after the product sold out", async () => {
    const id = "muellerschorle-suess";
    try {
      await setAvailability(admin, id, { quota: 2 });
      const first = await placeOrder(waiter, { items: [{ product: id, qty: 2 }] });
      expect(first.status, first.text).toBe(201);
      expect(await product(id)).toMatchObject({ soldOut: true, quota: 0 });
      // The phone did not get the answer and sends the same order again, on the menu it had.
      const replay = await api("POST", "/api/v1/orders", first.sent, waiter);
      expect(replay.status, replay.text).toBe(200);
      expect(replay.body).toEqual({ order: first.body.order, replay: true });
      expect(await product(id)).toMatchObject({ soldOut: true, quota: 0 });
      expect(await count("SELECT count(*) AS n FROM orders WHERE id = ?", first.sent.id)).toBe(1);
    } finally {
      await resetAvailability(admin, id);
    }
  });

  it("puts a sold-out product back on sale when an admin gives it a new quota", async () => {
    const id = "sekt-flasche";
    try {
      await setAvailability(admin, id, { soldOut: true });
      const res = await setAvailability(admin, id, { quota: 5 });
      expect(res.availability).toEqual({ product: id, soldOut: false, quota: 5 });
      const order = await placeOrder(waiter, { items: [{ product: id, qty: 5 }] });
      expect(order.status, order.text).toBe(201);
      expect(await product(id)).toMatchObject({ soldOut: true, quota: 0 });
    } finally {
      await resetAvailability(admin, id);
    }
  });

  it("answers a repeated availability change with 200 and records no change", async () => {
    const id = "flasche-spaetburgunder";
    try {
      const first = await setAvailability(admin, id, { quota: 7 });
      const changes = await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID);
      const again = await setAvailability(admin, id, { quota: 7 });
      expect(again).toEqual(first);
      expect(await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID)).toBe(changes);
    } finally {
      await resetAvailability(admin, id);
    }
  });
});
