// The menu edited on /admin (PUT /menu): a valid save is a new version broadcast whole as
// menu.changed; a stale base is a 409 with what changed; an invalid menu is a 400 listing every
// problem by path, and nothing is saved. Orders across an edit follow the 409 MENU_CHANGED rules.
import { describe, expect, it } from "vitest";
import { api, count, EVENT_ID, getMenu, login, mustPlaceOrder, openStream, placeOrder, PINS } from "./helpers.ts";
import type { MenuEditView } from "../../worker/protocol.ts";

async function menuEdit(admin: string): Promise<MenuEditView> {
  const res = await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin);
  if (res.status !== 200) throw new Error(`menu/edit: ${res.text}`);
  return res.body;
}

/** Saves the menu as the editor would: the base it showed, its categories and products changed by `change`. */
async function save(admin: string, change: (m: MenuEditView) => void, base?: MenuEditView) {
  const menu = structuredClone(base ?? (await menuEdit(admin)));
  change(menu);
  return api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products: menu.products }, admin);
}

describe("PUT /menu", () => {
  it("saves a new price and a new product as the next version, broadcast whole to waiters and left out for stations", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const station = await login("station");
    const before = await getMenu(waiter);
    const waiterStream = await openStream(waiter);
    const stationStream = await openStream(station, "?station=bar");
    await waiterStream.next();
    await stationStream.next();

    const res = await save(admin, (m) => {
      m.products.find((p) => p.id === "cola")!.price = 2.8;
      m.products.push({ id: "eistee", name: "Eistee", price: 2.9, category: "alkoholfrei", options: [], deposit: 0 });
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(before.version + 1);

    const frame = await waiterStream.next();
    expect(frame).toMatchObject({ type: "menu.changed", menuVersion: before.version + 1 });
    expect(frame.menu.products.find((p: { id: string }) => p.id === "cola")).toMatchObject({ priceCents: 280, soldOut: false });
    expect(frame.menu.products.at(-1)).toMatchObject({ id: "eistee", name: "Eistee", priceCents: 290, category: "alkoholfrei" });
    // The station's screen shows what was ordered, not the menu: no frame for it.
    expect(await stationStream.drain()).toEqual([]);

    const after = await getMenu(waiter);
    expect(after.version).toBe(before.version + 1);
    expect(after.products.find((p) => p.id === "eistee")!.priceCents).toBe(290);
    expect(await count("SELECT count(*) AS n FROM menu_versions WHERE event_id = ? AND version = ?", EVENT_ID, after.version)).toBe(1);
    const order = await mustPlaceOrder(waiter, { menuVersion: after.version, items: [{ product: "eistee", qty: 2 }] });
    expect(order.totalCents).toBe(580);
    expect(order.tickets[0]!.station).toBe("bar");
    waiterStream.close();
    stationStream.close();
  });

  it("refuses an invalid menu with every problem by its path, and saves nothing", async () => {
    const admin = await login("admin");
    const before = await menuEdit(admin);
    const res = await save(admin, (m) => {
      m.products[0]!.price = -1;
      m.products[1]!.category = "nope";
      m.products[2]!.id = m.products[3]!.id;
      m.products.push({ id: "Bad Id", name: "", price: 1.234, category: "bier", options: [], deposit: 0 });
      m.categories[0]!.station = "garage";
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe("INVALID_INPUT");
    const paths = res.body.error.problems.map((p: { path: string }) => p.path);
    const last = before.products.length;
    expect(paths).toEqual(
      expect.arrayContaining(["products[0].price", "products[1].category", "products[3].id", `products[${last}].id`, `products[${last}].name`, `products[${last}].price`, "categories[0].station"]),
    );
    expect(res.body.error.path).toBe(res.body.error.problems[0].path);
    const after = await menuEdit(admin);
    expect(after.version).toBe(before.version);
    expect(after.products).toEqual(before.products);
  });

  it("refuses an empty menu, unknown keys and a body that is not a menu", async () => {
    const admin = await login("admin");
    const base = await menuEdit(admin);
    const empty = await api("PUT", "/api/v1/menu", { baseVersion: base.version, categories: base.categories, products: [] }, admin);
    expect(empty.status, empty.text).toBe(400);
    expect(empty.body.error.problems).toEqual([{ path: "products", message: "the menu is empty: add at least one product" }]);
    const extra = await api("PUT", "/api/v1/menu", { baseVersion: base.version, categories: base.categories, products: base.products, stations: [] }, admin);
    expect(extra.status, extra.text).toBe(400);
    const notMenu = await api("PUT", "/api/v1/menu", { baseVersion: "7", categories: {}, products: "x" }, admin);
    expect(notMenu.status, notMenu.text).toBe(400);
    expect((await menuEdit(admin)).version).toBe(base.version);
  });

  it("answers a stale base with 409 and what changed since, while a sold-out change in between does not conflict", async () => {
    const admin = await login("admin");
    const other = await login("admin");
    const seen = await menuEdit(admin);
    // The other admin saves first.
    const first = await save(other, (m) => {
      m.products.find((p) => p.id === "spezi")!.price = 2.7;
      m.products.find((p) => p.id === "wasser-medium")!.name = "Wasser medium";
    });
    expect(first.status, first.text).toBe(200);

    const stale = await save(admin, (m) => (m.products.find((p) => p.id === "pils")!.price = 3.3), seen);
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.code).toBe("MENU_CHANGED");
    expect(stale.body.error.changes).toEqual(
      expect.arrayContaining([
        { product: "spezi", name: "Spezi", kind: "price", oldCents: 250, newCents: 270 },
        { product: "wasser-medium", name: "Wasser medium", kind: "renamed" },
      ]),
    );
    expect((await getMenu(admin)).products.find((p) => p.id === "pils")!.priceCents).toBe(300);

    // A sold-out mark makes a menu version too, but it is no edit of the menu: a save based before it goes through.
    const fresh = await menuEdit(admin);
    const soldOut = await api("PUT", "/api/v1/products/gedopter/availability", { soldOut: true }, other);
    expect(soldOut.status, soldOut.text).toBe(200);
    const saved = await save(admin, (m) => (m.products.find((p) => p.id === "pils")!.price = 3.3), fresh);
    expect(saved.status, saved.text).toBe(200);
    expect((await getMenu(admin)).products.find((p) => p.id === "gedopter")!.soldOut).toBe(true);
    await api("PUT", "/api/v1/products/gedopter/availability", { soldOut: false }, other);
  });

  it("refuses a waiter and a station", async () => {
    const base = await menuEdit(await login("admin"));
    for (const role of ["waiter", "station"] as const) {
      const res = await api("PUT", "/api/v1/menu", { baseVersion: base.version, categories: base.categories, products: base.products }, await login(role));
      expect(res.status, res.text).toBe(403);
    }
  });
});

describe("orders across an edit", () => {
  it("refuses an old draft whose product changed price (409 MENU_CHANGED) and takes the new price when sent again", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const draftVersion = (await getMenu(waiter)).version;
    const saved = await save(admin, (m) => (m.products.find((p) => p.id === "radler")!.price = 3.4));
    expect(saved.status, saved.text).toBe(200);

    const stale = await placeOrder(waiter, { menuVersion: draftVersion, items: [{ product: "radler", qty: 1 }, { product: "pommes", qty: 1 }] });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "MENU_CHANGED", changes: [{ product: "radler", name: "Radler", kind: "price", oldCents: 300, newCents: 340 }] });
    // An old draft without what changed still goes through.
    const unaffected = await placeOrder(waiter, { menuVersion: draftVersion, items: [{ product: "pommes", qty: 1 }] });
    expect(unaffected.status, unaffected.text).toBe(201);
    const again = await mustPlaceOrder(waiter, { menuVersion: saved.body.version, items: [{ product: "radler", qty: 1 }] });
    expect(again.tickets[0]!.items[0]!.unitCents).toBe(340);
  });

  it("takes a removed product off the menu, keeps the orders that have it, and never gives its id to another product", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const draftVersion = (await getMenu(waiter)).version;
    const before = await mustPlaceOrder(waiter, { items: [{ product: "colaweizen", qty: 1 }] });
    const removed = await save(admin, (m) => (m.products = m.products.filter((p) => p.id !== "colaweizen")));
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.menu.removed).toContainEqual({ id: "colaweizen", name: "Colaweizen" });
    expect((await getMenu(waiter)).products.some((p) => p.id === "colaweizen")).toBe(false);

    const stale = await placeOrder(waiter, { menuVersion: draftVersion, items: [{ product: "colaweizen", qty: 1 }] });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.changes).toEqual([{ product: "colaweizen", name: "Colaweizen", kind: "removed", oldCents: 380 }]);
    const current = await placeOrder(waiter, { items: [{ product: "colaweizen", qty: 1 }] });
    expect(current.status, current.text).toBe(400);

    const stored = await api("GET", `/api/v1/orders/${before.id}`, undefined, waiter);
    expect(stored.body.order.tickets[0].items[0]).toMatchObject({ product: "colaweizen", name: "Colaweizen", unitCents: 380 });

    const reused = await save(admin, (m) => m.products.push({ id: "colaweizen", name: "Cola-Mix", price: 3, category: "bier", options: [], deposit: 0 }));
    expect(reused.status, reused.text).toBe(400);
    expect(reused.body.error.problems).toEqual([{ path: `products[${removed.body.menu.products.length}].id`, message: expect.stringContaining("never given to another product") }]);
  });
});

describe("Download as config.json", () => {
  it("writes the venue with the menu in use, without the PINs, which config.json's check accepts", async () => {
    const admin = await login("admin");
    await save(admin, (m) => m.products.push({ id: `neu-${crypto.randomUUID().slice(0, 6)}`, name: "Neu im Menü", price: 4.2, category: "essen", options: ["scharf"], deposit: 0 }));
    const res = await api("GET", "/api/v1/menu/config.json", undefined, admin);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(".config.json");
    const { checkConfig } = await import("../../worker/config/schema.ts");
    const checked = checkConfig(res.body);
    expect(checked.problems.filter((p) => p.level === "error")).toEqual([]);
    expect(res.body.products.at(-1)).toMatchObject({ name: "Neu im Menü", price: 4.2, options: ["scharf"] });
    expect(res.body.tables.list.length).toBeGreaterThan(0);
    expect(res.body.id).toBe(EVENT_ID);
    // No PINs in a file that gets copied around.
    expect(res.body.access).toBeUndefined();
    expect(res.text).not.toContain(PINS.admin);
  });
});
