// The guests' pickup display across a new event (POST /events on /admin): a TV left on shows the
// new event's numbers without anyone touching it, not the old event's forever.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, type Client } from "./api-client.ts";
import { ADMIN } from "./admin-helpers.ts";
import { placeCounterOrder, writeCounterConfig } from "./display-helpers.ts";
import { PINS } from "../pins.ts";

const preparing = (page: Page) =>
  page.getByTestId("display-preparing").locator('[data-testid="display-number"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-number"))));

describe.skipIf(!hasChromium)("the pickup display across a new event", () => {
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
