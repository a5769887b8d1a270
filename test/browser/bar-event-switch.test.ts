// A new event started on /admin while the station screens run (issue 20, item 3): the screen
// switches to the new event in place, without loading the page again, so the sound a person
// switched on keeps working (a browser plays audio after a reload only after another tap) and
// the text size stays. The next ticket of the new event shows and beeps.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { ADMIN } from "./admin-helpers.ts";

/** Counts the beeps: each beep starts oscillators on the page's AudioContext. */
async function countBeeps(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { beeps: number; loads: number };
    w.beeps = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.beeps++;
      return create.call(this);
    };
    // Counted per page load in sessionStorage: a reload would add one.
    sessionStorage.setItem("test.loads", String(Number(sessionStorage.getItem("test.loads") ?? 0) + 1));
  });
}
const beeps = (page: Page) => page.evaluate(() => (window as unknown as { beeps: number }).beeps);
const loads = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem("test.loads")));

describe.skipIf(!hasChromium)("station screens across a new event", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Client;
  let waiter: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
    waiter = await apiLogin(server.base, "Clara", server.config.access!.waiterPin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the bar screen follows a new event without a reload, keeps its sound and text size, and beeps for its tickets", { timeout: 90_000 }, async () => {
    const context = await screenContext(browser, server.base);
    const page = await openStation(context, "/bar/bar", { name: "Tresen", pin: server.config.access!.stationPin }, countBeeps);
    await page.getByRole("button", { name: "Ton einschalten" }).click();
    await page.getByRole("button", { name: "Ton an" }).waitFor();
    await page.getByTestId("display-mode").click();
    const mode = await page.getByTestId("display-mode").getAttribute("data-mode");
    expect(mode).toBe("large");
    const before = await placeOrder(waiter, "A1", [{ product: "cola", qty: 1 }]);
    await page.locator(`[data-ticket="${before.tickets[0]!.id}"]`).waitFor();
    await expect.poll(() => beeps(page)).toBeGreaterThan(0);
    // The old event's bill is paid, so the new event may start.
    const started = await admin.post("/events", { id: "herbstfest-2026", name: "Herbstfest 2026", openBills: "keep" });
    expect(started.status, JSON.stringify(started.body)).toBe(201);

    // The old event's ticket leaves the screen, which stays the same page.
    await expect.poll(() => page.locator(`[data-ticket="${before.tickets[0]!.id}"]`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("connection-banner").count(), { timeout: 15_000 }).toBe(0);
    expect(await loads(page)).toBe(1);
    expect(await page.getByRole("button", { name: "Ton einschalten" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Ton an" }).count()).toBe(1);
    expect(await page.getByTestId("display-mode").getAttribute("data-mode")).toBe(mode);

    // A ticket of the new event shows and beeps.
    const beepsBefore = await beeps(page);
    const after = await placeOrder(await apiLogin(server.base, "Ben", server.config.access!.waiterPin), "A2", [{ product: "spezi", qty: 2 }]);
    await page.locator(`[data-ticket="${after.tickets[0]!.id}"]`).waitFor({ timeout: 15_000 });
    await expect.poll(() => beeps(page)).toBeGreaterThan(beepsBefore);
    expect(await loads(page)).toBe(1);
    await context.close();
  });
});
