// config.json against the menu edited on /admin: once the menu was edited there, a restart with a
// changed config.json keeps the edited menu (no new version, nothing overridden) and says so on
// GET /menu/edit. (Before any edit, config.json's changes are taken: config-change.test.ts.)
// Its own file: it swaps the coordinator's config, and each file has its own storage.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import config from "../../config.json";
import { api, EVENT_ID, getMenu, login } from "./helpers.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import type { MenuEditView } from "../../worker/protocol.ts";

/** Gives the running coordinator another config, as a restart with `--config` would. */
async function restartWith(change?: (c: typeof config) => void) {
  const next = structuredClone(config);
  change?.(next);
  await runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (instance: EventCoordinator) => {
    const self = instance as any;
    self.env = { ...self.env, EVENT_CONFIG: change ? JSON.stringify(next) : undefined };
    self.state = undefined;
  });
}

afterEach(() => restartWith());

describe("config.json after an edit on /admin", () => {
  it("keeps the edited menu when config.json's menu changed, and reports that it differs", async () => {
    const admin = await login("admin");
    const edit = (await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin)).body;
    expect(edit.configDiffers).toBe(false);
    edit.products.find((p) => p.id === "spezi")!.price = 2.9;
    const saved = await api("PUT", "/api/v1/menu", { baseVersion: edit.version, categories: edit.categories, products: edit.products }, admin);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.menu.configDiffers).toBe(true);

    await restartWith((c) => (c.products.find((p) => p.id === "pils")!.price = 9));
    const menu = await getMenu(admin);
    expect(menu.version).toBe(saved.body.version);
    expect(menu.products.find((p) => p.id === "pils")!.priceCents).toBe(300);
    expect(menu.products.find((p) => p.id === "spezi")!.priceCents).toBe(290);
    const after = (await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin)).body;
    expect(after.configDiffers).toBe(true);

    // The venue still comes from config.json: a renamed table is the coordinator's after the restart.
    await restartWith((c) => (c.tables.list[0]!.name = "Terrasse"));
    await getMenu(admin);
    const tables = await runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (instance: EventCoordinator) => (instance as any).state.event.info.tables.list);
    expect(tables[0].name).toBe("Terrasse");
    expect((await getMenu(admin)).products.find((p) => p.id === "spezi")!.priceCents).toBe(290);
  });

  it("warns once per process that config.json's menu differs, not at every wake-up of the coordinator", async () => {
    const admin = await login("admin");
    const edit = (await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin)).body;
    edit.products.find((p) => p.id === "cola")!.price = 3.1;
    const saved = await api("PUT", "/api/v1/menu", { baseVersion: edit.version, categories: edit.categories, products: edit.products }, admin);
    expect(saved.status, saved.text).toBe(200);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // Hibernation drops the coordinator's state; each wake-up loads it again (restartWith(): the same).
      for (let wake = 0; wake < 3; wake++) {
        await restartWith((c) => (c.products.find((p) => p.id === "pils")!.price = 9));
        expect((await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin)).body.configDiffers).toBe(true);
      }
      const differs = warn.mock.calls.filter((args) => String(args[0]).includes("config.json's menu differs"));
      expect(differs.length).toBeLessThanOrEqual(1);
    } finally {
      warn.mockRestore();
    }
  });

  it("writes the downloaded config.json with the edited menu, which then no longer differs", async () => {
    const admin = await login("admin");
    const file = (await api("GET", "/api/v1/menu/config.json", undefined, admin)).body;
    await restartWith((c) => Object.assign(c, file));
    const view = (await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin)).body;
    expect(view.configDiffers).toBe(false);
  });
});
