// A changed config (a new price, a product taken off the menu) starts a new menu version. Orders
// made on the old menu that use what changed are refused with the change; stored orders keep their
// snapshot. Its own file: it swaps the coordinator's config, and each file has its own storage.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import config from "../../config.json";
import { api, count, currentSeq, EVENT_ID, getMenu, login, mustPlaceOrder, openStream, placeOrder } from "./helpers.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";

const stub = () => env.EVENT_COORDINATOR.getByName(EVENT_ID);

/** Gives the running coordinator another config, as a restart with `--config` would. */
async function useConfig(change?: (c: typeof config) => void) {
  const next = structuredClone(config);
  change?.(next);
  await runInDurableObject(stub(), (instance: EventCoordinator) => {
    const self = instance as any;
    self.env = { ...self.env, EVENT_CONFIG: change ? JSON.stringify(next) : undefined };
    // What a restart does: the state is read again from D1 and compared with the config.
    self.state = undefined;
  });
}

afterEach(() => useConfig());

describe("a changed config", () => {

  it("starts a new menu version when a price changes, and refuses an older order with that product (kind price)", async () => {
    const waiter = await login("waiter");
    const old = await getMenu(waiter);
    const before = await mustPlaceOrder(waiter, { items: [{ product: "pils", qty: 2 }] });

    await useConfig((c) => (c.products.find((p) => p.id === "pils")!.price = 3.2));
    // Reads go through the coordinator, so they show the new menu at once.
    const menu = await getMenu(waiter);
    expect(menu.version).toBe(old.version + 1);
    expect(menu.products.find((p) => p.id === "pils")!.priceCents).toBe(320);
    expect(await count("SELECT count(*) AS n FROM menu_versions WHERE event_id = ?", EVENT_ID)).toBe(2);

    const stale = await placeOrder(waiter, { menuVersion: old.version, items: [{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }] });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "MENU_CHANGED", changes: [{ product: "pils", name: "Pils", kind: "price", oldCents: 300, newCents: 320 }] });

    const unaffected = await placeOrder(waiter, { menuVersion: old.version, items: [{ product: "pommes", qty: 1 }] });
    expect(unaffected.status, unaffected.text).toBe(201);

    const current = await placeOrder(waiter, { menuVersion: menu.version, items: [{ product: "pils", qty: 1 }] });
    expect(current.status, current.text).toBe(201);
    expect(current.body.order.tickets[0]!.items[0]!.unitCents).toBe(320);

    // The order placed before keeps its price.
    const stored = await api("GET", `/api/v1/orders/${before.id}`, undefined, waiter);
    expect(stored.body.order).toEqual(before);
    expect(stored.body.order.totalCents).toBe(600);
  });

  it("refuses an older order with a product taken off the menu (kind removed), and a current one with 400", async () => {
    const waiter = await login("waiter");
    const old = await getMenu(waiter);
    const before = await mustPlaceOrder(waiter, { items: [{ product: "gin-tonic", qty: 1, options: ["mit Gurke"] }] });

    await useConfig((c) => (c.products = c.products.filter((p) => p.id !== "gin-tonic")));
    const menu = await getMenu(waiter);
    expect(menu.version).toBe(old.version + 1);
    expect(menu.products.some((p) => p.id === "gin-tonic")).toBe(false);

    const stale = await placeOrder(waiter, { menuVersion: old.version, items: [{ product: "gin-tonic", qty: 1 }] });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "MENU_CHANGED", changes: [{ product: "gin-tonic", name: "Gin Tonic", kind: "removed", oldCents: 450 }] });

    const current = await placeOrder(waiter, { menuVersion: menu.version, items: [{ product: "gin-tonic", qty: 1 }] });
    expect(current.status, current.text).toBe(400);
    expect(current.body.error).toMatchObject({ code: "INVALID_INPUT", path: "items[0].product" });

    // What the earlier order means does not change: it still names the product and its price.
    const stored = await api("GET", `/api/v1/orders/${before.id}`, undefined, waiter);
    expect(stored.body.order.tickets[0].items[0]).toMatchObject({ product: "gin-tonic", name: "Gin Tonic", unitCents: 450, options: ["mit Gurke"] });
  });

  it("keeps the menu version when the config changes only outside the menu", async () => {
    const waiter = await login("waiter");
    const old = await getMenu(waiter);
    await useConfig((c) => (c.name = "Sommerfest (Abend)"));
    expect((await getMenu(waiter)).version).toBe(old.version);
  });

  it("accepts an older order after the products were only reordered", async () => {
    const waiter = await login("waiter");
    const old = await getMenu(waiter);
    await useConfig((c) => c.products.reverse());
    const menu = await getMenu(waiter);
    expect(menu.products[0]!.id).toBe("pommes");
    const res = await placeOrder(waiter, { menuVersion: old.version, items: [{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.order.totalCents).toBe(650);
  });
});

// Last in the file: the tests above count the menu versions from the start.
describe("a restart with a changed config", () => {
  it("announces the new menu version in the stream, so a phone resuming after the restart reads the menu again", async () => {
    const waiter = await login("waiter");
    const old = await getMenu(waiter);
    const seen = await currentSeq();
    await useConfig((c) => (c.products.find((p) => p.id === "cola")!.price = 2.7));
    const menu = await getMenu(waiter);
    expect(menu.version).toBe(old.version + 1);
    // The phone saw everything up to `seen` before the restart and resumes from there.
    const resumed = await openStream(waiter, `?since=${seen}`);
    const frame = await resumed.next();
    expect(frame).toMatchObject({ type: "availability.changed", seq: seen + 1, menuVersion: menu.version, availability: [] });
    resumed.close();
  });
});
