// The live statistics page (issue 9 §3, issue 19 §5): an organiser keeps /admin#/stats open; a
// waiter's order moves orders and open, the payment moves sales (goods only) and money in (with
// the tip), the waiter's sales and the top products, without a reload; the charts are drawn, and
// a phone shows it without sideways scrolling. Screenshot report-live-stats.png (into
// docs/screenshots with UPDATE_SCREENSHOTS=1).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import type { Payment } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, phoneContext, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder } from "./api-client.ts";
import { allOf, euro, openAdmin, pay, plain } from "./admin-helpers.ts";
import { PINS } from "../pins.ts";

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

  test("an order moves what is open, its payment moves sales and money in, the waiter's sales and the top products without a reload", async () => {
    const page = await openAdmin(screen, "#/stats");
    const figure = (name: string) => page.locator(`[data-testid="report-summary"] [data-figure="${name}"]`);
    const shown = async (name: string) => plain(await figure(name).textContent());
    await expect.poll(() => shown("sales"), { timeout: 10_000 }).toBe(plain(euro(0)));
    await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    // The treasurer's words, and none of the old ones.
    const text = plain(await page.getByTestId("stats").textContent());
    for (const word of ["Umsatz (bezahlt mit Bar, Karte oder Wertmarke)", "Geld eingenommen (Bar + Karte)", "Frei ausgegeben", "Wertmarken eingelöst", "Offen", "Storniert"]) expect(text).toContain(word);
    expect(text).not.toContain("Einnahmen");

    const anna = await apiLogin(server.base, "Anna", PINS.waiter);
    const order = await placeOrder(anna, "A3", [{ product: "schnitzelweck", qty: 2 }, { product: "apfelschorle", qty: 2 }]);
    const goods = order.tickets.flatMap((t) => t.items).reduce((s, i) => s + i.qty * i.unitCents, 0);
    await expect.poll(() => shown("orders"), { timeout: 10_000 }).toBe("1");
    // Ordered and not paid: open, not sales.
    await expect.poll(() => shown("open"), { timeout: 10_000 }).toBe(plain(euro(goods)));
    expect(await shown("sales")).toBe(plain(euro(0)));
    const payment: Payment = await pay(anna, "A3", { method: "cash", items: allOf(order), tipCents: 100 });
    expect(payment.amountCents).toBe(goods);
    // Sales are the goods; money in is what came into the till, the tip included.
    await expect.poll(() => shown("sales"), { timeout: 10_000 }).toBe(plain(euro(goods)));
    expect(await shown("moneyIn")).toBe(plain(euro(payment.totalCents)));
    expect(await shown("open")).toBe(plain(euro(0)));
    expect(await shown("items")).toBe("4");
    expect(plain(await page.getByTestId("goods-check").textContent())).toContain("stimmt");
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    const annaRow = page.locator('[data-testid="stats-waiters"] tr[data-waiter="Anna"]');
    await expect.poll(async () => plain(await annaRow.textContent()), { timeout: 10_000 }).toBe(plain(`Anna1${euro(goods)}${euro(100)}`));
    const top = page.locator('[data-testid="stats-products"] tbody tr').first();
    const schnitzel = order.tickets.flatMap((t) => t.items).find((i) => i.product === "schnitzelweck")!;
    await expect.poll(async () => plain(await top.textContent()), { timeout: 10_000 }).toBe(plain(`${schnitzel.name}22${euro(2 * schnitzel.unitCents)}`));
    // The charts with data have their place and title (no ticket is done yet: no preparation chart).
    await expect.poll(() => page.locator("figure[data-chart] figcaption").allTextContents(), { timeout: 10_000 }).toEqual(["Bestellt (Warenwert) je 15 Minuten", "Bestellungen je 15 Minuten (Bons je Station)", "Umsatz je Produkt (Top 2)"]);
    // Drawn as SVG under the page's Content-Security-Policy (no eval), with the products as bar labels.
    await expect.poll(() => page.locator("figure[data-chart] .plot svg").count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId("chart-unavailable").count()).toBe(0);
    await expect.poll(() => page.locator('figure[data-chart="topProducts"] svg').textContent(), { timeout: 10_000 }).toContain(schnitzel.name);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, "report-live-stats.png"), fullPage: true });
    await page.close();
  });

  test("on a busy evening, with each answer 2 s on its way, keeps one request under way and ends on the last order's figures", async () => {
    const page = await openAdmin(screen, "#/stats");
    const orders = async () => plain(await page.locator('[data-testid="report-summary"] [data-figure="orders"]').textContent());
    await expect.poll(orders, { timeout: 10_000 }).toMatch(/^\d+$/);
    const before = Number(await orders());
    // The report as the server pauses it while orders come in (worker/report/pacedReads.ts): slow.
    let underWay = 0;
    let most = 0;
    let requests = 0;
    await page.route("**/api/v1/report", async (route) => {
      requests++;
      most = Math.max(most, ++underWay);
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.fulfill({ response });
      underWay--;
    });
    const ben = await apiLogin(server.base, "Ben", PINS.waiter);
    for (let i = 0; i < 12; i++) {
      await placeOrder(ben, "B1", [{ product: "pils", qty: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await expect.poll(orders, { timeout: 20_000 }).toBe(String(before + 12));
    // Asked again on every change, but never twice at once: the evening's D1 is the waiters'.
    expect(most).toBe(1);
    expect(requests).toBeLessThan(12);
    await page.close();
  });

  test("fits a phone: no sideways scrolling", async () => {
    const phone = await phoneContext(browser, server.base);
    const page = await openAdmin(phone, "#/stats");
    await page.getByTestId("report-summary").waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await phone.close();
  });
});
