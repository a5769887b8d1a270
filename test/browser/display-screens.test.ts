// The guests' pickup display as a screen left on all evening: when its device opens more screens
// than the server keeps for one device (2), the one that gave way stays away until someone taps it
// (no screens pushing each other out in turn); across a new event (POST /events on /admin) it shows the new event's
// numbers without anyone touching it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, type Client } from "./api-client.ts";
import { ADMIN } from "./admin-helpers.ts";
import { placeCounterOrder, writeCounterConfig } from "./display-helpers.ts";
import { PINS } from "../pins.ts";

const preparing = (page: Page) =>
  page.getByTestId("display-preparing").locator('[data-testid="display-number"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-number"))));

describe.skipIf(!hasChromium)("the pickup display as a screen left on", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Client;
  let waiter: Client;

  beforeAll(async () => {
    server = await startTestServer(writeCounterConfig("de"));
    browser = await launchBrowser();
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a screen that gave way to newer ones stays away until tapped", { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ baseURL: server.base, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto("/display");
    await expect.poll(() => page.getByTestId("display-offline").count()).toBe(0);
    // Two newer screens of the same device (sockets opened by another page, from the same address):
    // a device keeps two, so the page's, the oldest, gives way.
    const screens = await context.newPage();
    await screens.goto("/bar");
    const openOthers = () => screens.evaluate(() => (window as unknown as { others: WebSocket[] }).others.filter((ws) => ws.readyState === WebSocket.OPEN).length);
    await screens.evaluate(() => {
      const others: WebSocket[] = [];
      for (let i = 0; i < 2; i++) others.push(new WebSocket(`ws://${location.host}/api/v1/display/stream`));
      (window as unknown as { others: WebSocket[] }).others = others;
    });
    await expect.poll(openOthers, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("display-offline").count(), { timeout: 20_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await openOthers(), "the page did not push a newer screen out").toBe(2);
    expect(await page.getByTestId("display-offline").count()).toBe(1);

    await page.bringToFront();
    await page.mouse.click(640, 360);
    await expect.poll(() => page.getByTestId("display-offline").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(openOthers, { timeout: 20_000 }).toBe(1);
    await context.close();
  });

  test("a display left on follows the new event", { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ baseURL: server.base, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto("/display");
    const old = [await placeCounterOrder(waiter, [{ product: "spezi", qty: 1 }]), await placeCounterOrder(waiter, [{ product: "spezi", qty: 1 }])];
    await expect.poll(() => preparing(page)).toEqual(old.map((o) => o.number));

    const started = await admin.post("/events", { id: "herbstfest-2026", name: "Herbstfest 2026", openBills: "keep" });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await expect.poll(() => preparing(page), { timeout: 15_000 }).toEqual([]);
    waiter.menuVersion = undefined; // the new event has a menu of its own
    const next = await placeCounterOrder(waiter, [{ product: "spezi", qty: 1 }]);
    await expect.poll(() => preparing(page), { timeout: 15_000 }).toEqual([next.number]);
    await context.close();
  });
});
