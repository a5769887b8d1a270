// Station screens (issue #4) with the English three-station example and auto_close off: the
// station chooser, a ticket whose items are all done staying open until bumped, the English
// strings, and the screenshots (into docs/screenshots with `npm run screenshots`). The ages on a card compare the server's
// createdAt with the browser's clock, so faking the browser clock ages every ticket alike; to show
// all three colours at once this config uses thresholds of seconds (warn 8 s, crit 16 s) and the
// test waits. One more picture then fast-forwards the page clock by 20 minutes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order, OrderLine } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenshotDir, logIn, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation as openSharedStation } from "./station-helpers.ts";
import { ENGLISH_PINS } from "../pins.ts";

const root = join(import.meta.dirname, "../..");
const shots = screenshotDir;


const barTicket = (order: Order) => order.tickets.find((t) => t.station === "bar")!;

/** The English example's station PIN. */
const openStation = (context: BrowserContext, path: string, install?: (page: Page) => Promise<void>) =>
  openSharedStation(context, path, { name: "Counter", pin: ENGLISH_PINS.station }, install);

async function openPickup(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/bar/pickup");
  await logIn(page, "Runner", ENGLISH_PINS.waiter);
  await page.getByRole("heading", { name: "Pickup" }).waitFor();
  return page;
}

const card = (page: Page, table: string) => page.getByTestId("ticket-card").filter({ has: page.locator(".table", { hasText: new RegExp(`^${table}$`) }) });

describe.skipIf(!hasChromium)("station screens in English, auto_close off, screenshots", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let station: Client;
  let dir: string;

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(join(root, "examples/config.en.json"), "utf8"));
    config.ui.auto_close = false;
    config.ui.timeout = { warn: 8, crit: 16 };
    dir = mkdtempSync(join(tmpdir(), "mini-pos-bar-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    server = await startTestServer(join(dir, "config.json"));
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Sam", ENGLISH_PINS.waiter);
    station = await apiLogin(server.base, "Pass", ENGLISH_PINS.station);
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("with auto_close off, a ticket whose items are all done stays open until it is bumped", async () => {
    const page = await screen.newPage();
    await page.goto("/bar");
    await logIn(page, "Counter", ENGLISH_PINS.station);
    await page.getByRole("heading", { name: "Choose a station" }).waitFor();
    expect(await page.locator(".station-link .name").allTextContents()).toEqual(["Drinks", "Grill", "Cake Stall", "All stations", "Pickup (runners)"]);
    await page.getByRole("link", { name: /Drinks/ }).click();
    await page.getByTestId("open-count").waitFor();

    await placeOrder(waiter, "7", [
      { product: "tea", qty: 2, options: ["milk"] },
      { product: "water", qty: 1 },
    ]);
    const seven = card(page, "7");
    await expect.poll(() => seven.count()).toBe(1);
    await seven.locator(".item", { hasText: "Tea" }).click();
    await expect.poll(() => seven.locator('.item[aria-pressed="true"]').count()).toBe(1);
    await seven.locator(".item", { hasText: "Still water" }).click();
    await expect.poll(() => seven.locator('.item[aria-pressed="true"]').count()).toBe(2);
    await page.waitForTimeout(300);
    expect(await seven.count()).toBe(1);
    expect(await seven.locator(".all-done").textContent()).toBe("All items done – close the ticket");
    expect(await page.getByTestId("all-day").count()).toBe(0);

    await seven.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => seven.count()).toBe(0);
    await page.getByTestId("completed").getByRole("button", { name: "Reopen" }).click();
    await expect.poll(() => seven.count()).toBe(1);
    await seven.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => seven.count()).toBe(0);
    await page.close();
  });

  test("screenshots: the station screen with warn and crit ages, the pickup view and the history", { timeout: 120_000 }, async () => {
    const page = await openStation(screen, "/bar/bar", (p) => p.clock.install());
    await page.clock.resume();
    const place = async (table: string, items: OrderLine[]) => {
      const order = await placeOrder(waiter, table, items);
      await expect.poll(() => card(page, table).count()).toBeGreaterThan(0);
      return order;
    };
    // Oldest: past ui.timeout.crit by the time of the picture.
    await place("1", [
      { product: "cola", qty: 4, options: ["no ice"] },
      { product: "burger", qty: 2, options: ["cheese"] },
    ]);
    await place("Long table 1", [
      { product: "coffee", qty: 3, options: ["milk", "sugar"] },
      { product: "tea", qty: 1, note: "very weak, bag on the side" },
    ]);
    await page.waitForTimeout(8_500);
    // Past ui.timeout.warn.
    await place("4", [{ product: "apple-juice", qty: 2 }, { product: "brownie", qty: 2 }]);
    await place("5", [{ product: "hot-chocolate", qty: 2, options: ["cream"] }]);
    await page.waitForTimeout(8_500);
    const six = await place("6", [
      { product: "water", qty: 2, options: ["sparkling"] },
      { product: "orange-squash", qty: 1 },
      { product: "cola", qty: 1, note: "for the birthday girl" },
    ]);
    await place("8", [{ product: "coffee", qty: 2 }, { product: "chips", qty: 1 }]);
    const nine = await place("9", [{ product: "tea", qty: 2 }, { product: "victoria-sponge", qty: 1 }]);
    const ten = await place("10", [{ product: "cola", qty: 2 }]);
    await station.post(`/tickets/${barTicket(six).id}/items/0/bump`);
    await station.post(`/tickets/${barTicket(nine).id}/bump`);
    await station.post(`/tickets/${barTicket(ten).id}/bump`);
    await expect.poll(() => card(page, "10").count()).toBe(0);
    await expect.poll(() => page.locator(".card.level-crit").count()).toBe(2);
    await expect.poll(() => page.locator(".card.level-warn").count()).toBe(2);
    await expect.poll(() => page.getByTestId("connection-banner").count(), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, "bar-station.png") });

    // Twenty minutes later (page clock only): everything is overdue.
    await page.clock.fastForward("20:00");
    await expect.poll(() => page.locator(".card.level-crit").count()).toBe(await page.getByTestId("ticket-card").count());
    await page.screenshot({ path: join(shots, "bar-station-overdue.png") });

    await page.keyboard.press("?");
    await page.getByRole("dialog").waitFor();
    await page.screenshot({ path: join(shots, "bar-help.png") });
    await page.keyboard.press("Escape");

    // Runners: two ready tickets for table 9 (drinks and cakes), one for table 10.
    const desserts = nine.tickets.find((t) => t.station === "desserts")!;
    await station.post(`/tickets/${desserts.id}/bump`);
    // (Table 7 from the test before was never picked up; a runner takes it now.)
    const seven = (await station.get<{ tickets: { id: string }[] }>("/tickets?station=bar&q=7")).tickets[0]!;
    expect((await waiter.post(`/tickets/${seven.id}/pickup`)).status).toBe(200);
    // A context without the fake clock, so the "ready for" ages are real.
    const runnerContext = await screenContext(browser, server.base);
    const runner = await openPickup(runnerContext);
    await expect.poll(() => runner.getByTestId("pickup-ticket").count()).toBe(3);
    await runner.screenshot({ path: join(shots, "bar-pickup.png") });
    await runnerContext.close();

    await page.getByRole("link", { name: "History" }).click();
    await expect.poll(() => page.getByTestId("history-row").count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(shots, "bar-history.png") });
    await page.getByRole("searchbox").fill("cola");
    await expect.poll(() => page.getByTestId("history-row").count()).toBe(4);
    await page.close();

    // The big screen: 1920×1080.
    const big = await browser.newContext({ baseURL: server.base, viewport: { width: 1920, height: 1080 } });
    const wide = await openStation(big, "/bar/bar");
    const drinks = ["tea", "coffee", "cola", "water", "apple-juice", "hot-chocolate"];
    for (const [i, table] of ["2", "3", "Long table 2", "1", "4", "5"].entries())
      await placeOrder(waiter, table, [
        { product: drinks[i]!, qty: 1 + (i % 3) },
        { product: drinks[(i + 2) % drinks.length]!, qty: 1, ...(i % 2 ? { note: "to the terrace" } : {}) },
      ]);
    await expect.poll(() => wide.getByTestId("ticket-card").count()).toBe(12);
    await wide.screenshot({ path: join(shots, "bar-station-1920.png") });
    await big.close();
  });
});
