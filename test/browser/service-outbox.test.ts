// The outbox: orders made with no network wait on the phone, survive a reload, and reach the
// server exactly once when the network returns, even when an answer is lost on the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hasChromium, launchBrowser, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { apiLogin, openPhone, openTable, tableOrderCount } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

async function orderOnePils(page: Page) {
  await page.locator('[data-product="pils"]').click();
  await page.getByRole("button", { name: "Prüfen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
}

/** The WiFi goes away (or comes back): the phone goes offline and its link to the server is cut. */
async function networkGone(context: BrowserContext, link: Link, gone: boolean) {
  link.setDown(gone);
  await context.setOffline(gone);
}

describe.skipIf(!hasChromium)("waiter app: outbox", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  /** The phones reach the server through this link, which the tests cut. */
  let link: Link;

  beforeAll(async () => {
    server = await startTestServer();
    link = await startLink(server.base);
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  it("queues an order while offline and delivers it once when back online", async () => {
    const { page, context, errors } = await openPhone(browser, link.base);
    await openTable(page, "A1", "Bier");
    await networkGone(context, link, true);
    await orderOnePils(page);
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");
    expect(await page.getByTestId("stage").first().textContent()).toMatch(/wartet|wird gesendet/);
    await page.getByTestId("offline-banner").waitFor();
    await page.waitForTimeout(1500);
    expect(await tableOrderCount(server.base, admin, "A1")).toBe(0);

    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached" });
    expect(await tableOrderCount(server.base, admin, "A1")).toBe(1);
    await page.getByText("an der Station").first().waitFor();
    await page.waitForTimeout(1500);
    expect(await tableOrderCount(server.base, admin, "A1")).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a queued order through a reload with no network and sends it once afterwards", async () => {
    const { page, context, errors } = await openPhone(browser, link.base);
    // The service worker must hold the app before the network goes away.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
    await openTable(page, "A2", "Bier");
    await networkGone(context, link, true);
    await orderOnePils(page);
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");

    await page.reload();
    await expect.poll(() => page.getByTestId("unsent").textContent(), { timeout: 15_000 }).toBe("1 ungesendet");
    expect(await tableOrderCount(server.base, admin, "A2")).toBe(0);

    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached", timeout: 20_000 });
    expect(await tableOrderCount(server.base, admin, "A2")).toBe(1);
    await page.waitForTimeout(1500);
    expect(await tableOrderCount(server.base, admin, "A2")).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sends the same id again when the server's answer is lost, and the server keeps one order", async () => {
    const { page, context } = await openPhone(browser, link.base);
    let posts = 0;
    // The first POST reaches the server, but its answer never reaches the phone.
    await page.route("**/api/v1/orders", async (route) => {
      posts++;
      if (posts === 1) {
        await route.fetch();
        await route.abort("connectionreset");
      } else await route.continue();
    });
    await openTable(page, "A3", "Bier");
    await orderOnePils(page);
    await page.getByText("an der Station").first().waitFor({ timeout: 20_000 });
    await page.getByTestId("unsent").waitFor({ state: "detached" });
    expect(posts).toBeGreaterThanOrEqual(2);
    expect(await tableOrderCount(server.base, admin, "A3")).toBe(1);
    await context.close();
  });
});
