// The organiser's page and a busy evening (issue 23): the admin pages show the menu, availability and
// money, never the open orders' lines, so their socket asks for the phone's view. With many open
// orders the page's first frame stays small, and what it shows still follows the evening live.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, screenContext, serverAndBrowser } from "./harness.ts";
import { adminNav, openAdmin, plain } from "./admin-helpers.ts";
import { apiCall, apiLogin, placeOrder } from "./api-client.ts";
import { PINS } from "../pins.ts";

/** The first frame of each stream socket the page opens. */
function firstFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/api/v1/stream")) return;
    let first = true;
    ws.on("framereceived", (f) => {
      if (first) frames.push(String(f.payload));
      first = false;
    });
  });
  return frames;
}

describe.skipIf(!hasChromium)("admin: the page's stream on a busy evening", () => {
  const live = serverAndBrowser();

  it("loads no order lines with 40 open orders of 20 lines, and still shows a quota counted down live", async () => {
    const base = live.server.base;
    const anna = await apiLogin(base, "Anna", PINS.waiter);
    const lines = Array.from({ length: 20 }, (_, i) => ({ product: i % 2 ? "cola" : "pils", qty: 2, note: `Gast ${i + 1} möchte es bitte ohne Eis` }));
    for (let i = 0; i < 40; i++) await placeOrder(anna, `A${(i % 5) + 1}`, lines);

    const context = await screenContext(live.browser, base);
    const admin = await openAdmin(context, "#/availability");
    // Its socket from a fresh load (openAdmin's first load logged in first).
    const framesOfAdmin = firstFrames(admin);
    await admin.reload();
    await adminNav(admin).waitFor();
    await expect.poll(() => framesOfAdmin.length).toBeGreaterThan(0);

    // What the page loaded at its start: the availability and the table map, no order of the evening.
    const snapshot = JSON.parse(framesOfAdmin[0]!) as { type: string; orders: unknown[]; tables: { name: string; openOrders: number }[] };
    expect(snapshot.type).toBe("snapshot");
    expect(snapshot.orders).toEqual([]);
    expect(snapshot.tables.reduce((n, t) => n + t.openOrders, 0)).toBe(40);
    // The 40 orders whole would be about 200 KB.
    expect(framesOfAdmin[0]!.length).toBeLessThan(10_000);

    // The quota set on the page counts down as the waiters order, without a reload.
    const chef = await apiLogin(base, "Chef", PINS.admin);
    expect((await apiCall(base, chef.cookie, "PUT", "/products/pommes/availability", { quota: 10 })).status).toBe(200);
    const pommes = admin.getByRole("listitem").filter({ hasText: "Pommes" }).first();
    await expect.poll(async () => plain(await pommes.textContent())).toContain("10 übrig");
    await placeOrder(anna, "B1", [{ product: "pommes", qty: 3 }]);
    await expect.poll(async () => plain(await pommes.textContent())).toContain("7 übrig");
    await context.close();
  });
});
