// The live statistics page (issue 9 §3): an organiser keeps /admin#/stats open; a waiter's order
// and payment through the API move the revenue, orders, the waiter's takings and the top products
// on the page without a reload, the charts are drawn, and a phone shows it without sideways
// scrolling. Screenshot report-live-stats.png (into docs/screenshots with UPDATE_SCREENSHOTS=1).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import type { Payment } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, phoneContext, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder } from "./api-client.ts";
import { allOf, euro, openAdmin, pay, plain } from "./admin-helpers.ts";

describe.skipIf(!hasChromium)("admin: live statistics", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a payment on a phone moves the revenue figure, the waiter's takings and the top products without a reload", async () => {
    const page = await openAdmin(screen, "#/stats");
    const revenue = page.getByTestId("stats-revenue");
    await expect.poll(async () => plain(await revenue.textContent()), { timeout: 10_000 }).toBe(plain(euro(0)));
    await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

    const anna = await apiLogin(server.base, "Anna", "1111");
    const order = await placeOrder(anna, "A3", [{ product: "schnitzelweck", qty: 2 }, { product: "apfelschorle", qty: 2 }]);
    await expect.poll(async () => plain(await page.getByTestId("stats-orders").textContent()), { timeout: 10_000 }).toBe("1");
    const payment: Payment = await pay(anna, "A3", { method: "cash", items: allOf(order), tipCents: 100 });
    const taken = payment.amountCents + payment.depositCents - payment.depositReturnCents;
    await expect.poll(async () => plain(await revenue.textContent()), { timeout: 10_000 }).toBe(plain(euro(taken)));
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    const annaRow = page.locator('[data-testid="stats-waiters"] tr[data-waiter="Anna"]');
    await expect.poll(async () => plain(await annaRow.textContent()), { timeout: 10_000 }).toBe(plain(`Anna1${euro(taken)}${euro(100)}`));
    const top = page.locator('[data-testid="stats-products"] tbody tr').first();
    const schnitzel = order.tickets.flatMap((t) => t.items).find((i) => i.product === "schnitzelweck")!;
    await expect.poll(async () => plain(await top.textContent()), { timeout: 10_000 }).toBe(plain(`${schnitzel.name}2${euro(2 * schnitzel.unitCents)}`));
    // The charts with data have their place and title (no ticket is done yet: no preparation chart).
    await expect.poll(() => page.locator("figure[data-chart] figcaption").allTextContents(), { timeout: 10_000 }).toEqual(["Umsatz je 15 Minuten", "Bestellungen je 15 Minuten (Bons je Station)", "Umsatz je Produkt (Top 2)"]);
    // Drawn as SVG under the page's Content-Security-Policy (no eval), with the products as bar labels.
    await expect.poll(() => page.locator("figure[data-chart] .plot svg").count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId("chart-unavailable").count()).toBe(0);
    await expect.poll(() => page.locator('figure[data-chart="topProducts"] svg').textContent(), { timeout: 10_000 }).toContain(schnitzel.name);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, "report-live-stats.png"), fullPage: true });
    await page.close();
  });

  test("fits a phone: no sideways scrolling", async () => {
    const phone = await phoneContext(browser, server.base);
    const page = await openAdmin(phone, "#/stats");
    await page.getByTestId("stats-revenue").waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await phone.close();
  });
});
