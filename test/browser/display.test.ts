// The guests' pickup display /display (issue 22), in German and in English: a counter order's
// number stands under "In Zubereitung", moves to "Abholbereit" (highlighted, with a chime) when
// the station bumps its ticket, stays there through a reload, and leaves when it is picked up.
// Table orders are not on it, and it never shows a product, a table, a waiter or a price.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hasChromium, launchBrowser, screenshotDir, startLink, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { placeCounterOrder, writeCounterConfig } from "./display-helpers.ts";
import { ENGLISH_PINS, PINS } from "../pins.ts";

const SETUPS = {
  de: { pins: PINS, preparing: "In Zubereitung", ready: "Abholbereit", sound: "Ton einschalten", table: "A1", drink: { product: "spezi", name: "Spezi" }, food: { product: "schinkenweck", name: "Schinkenweck" } },
  en: { pins: ENGLISH_PINS, preparing: "Preparing", ready: "Ready", sound: "Turn sound on", table: "Long table 1", drink: { product: "cola", name: "Cola" }, food: { product: "burger", name: "Burger" } },
} as const;

/** Counts the chime's tones: each starts an oscillator on the page's AudioContext. */
async function countTones(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { tones: number };
    w.tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.tones++;
      return create.call(this);
    };
  });
}
const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number }).tones);

/** The numbers in a column, top to bottom. */
const column = (page: Page, kind: "preparing" | "ready") =>
  page.getByTestId(`display-${kind}`).locator('[data-testid="display-number"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-number"))));

for (const language of ["de", "en"] as const) {
  const setup = SETUPS[language];

  describe.skipIf(!hasChromium)(`the pickup display (${language})`, () => {
    let server: TestServer;
    let browser: Browser;
    let waiter: Client;
    let station: Client;

    beforeAll(async () => {
      server = await startTestServer(writeCounterConfig(language));
      browser = await launchBrowser();
      waiter = await apiLogin(server.base, "Clara", setup.pins.waiter);
      station = await apiLogin(server.base, "Theke", setup.pins.station);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const bump = async (order: Order) => {
      for (const t of order.tickets) expect((await station.post(`/tickets/${t.id}/bump`)).status).toBe(200);
    };
    const pickUp = async (order: Order) => {
      for (const t of order.tickets) expect((await station.post(`/tickets/${t.id}/pickup`)).status).toBe(200);
    };

    test("a number goes from preparing to ready to gone, through a reload, and nothing but numbers shows", { timeout: 120_000 }, async () => {
      // No login: the display is public. A TV in landscape.
      const context = await browser.newContext({ baseURL: server.base, viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await countTones(page);
      await page.goto("/display");
      await expect.poll(() => page.getByTestId("display-preparing").locator("h2").textContent()).toBe(setup.preparing);
      expect(await page.getByTestId("display-ready").locator("h2").textContent()).toBe(setup.ready);
      await expect.poll(() => page.getByTestId("display-offline").count()).toBe(0);
      // Browsers play sound only after a tap: the one-time button (its pointerdown already turns it on).
      const soundButton = (await page.getByRole("button", { name: setup.sound }).boundingBox())!;
      await page.mouse.click(soundButton.x + soundButton.width / 2, soundButton.y + soundButton.height / 2);
      await expect.poll(() => page.getByRole("button", { name: setup.sound }).count()).toBe(0);

      const tableOrder = await placeOrder(waiter, setup.table, [{ product: setup.drink.product, qty: 1 }]);
      const first = await placeCounterOrder(waiter, [
        { product: setup.drink.product, qty: 2 },
        { product: setup.food.product, qty: 1 },
      ]);
      const second = await placeCounterOrder(waiter, [{ product: setup.drink.product, qty: 1 }]);
      await expect.poll(() => column(page, "preparing")).toEqual([first.number, second.number]);
      expect(await column(page, "ready")).toEqual([]);

      // The first order is done at both stations: ready, highlighted, chimed.
      const before = await tones(page);
      await bump(first);
      await expect.poll(() => column(page, "ready")).toEqual([first.number]);
      expect(await column(page, "preparing")).toEqual([second.number]);
      expect(await page.locator(`[data-testid="display-ready"] [data-number="${first.number}"]`).getAttribute("class")).toContain("fresh");
      await expect.poll(() => tones(page)).toBeGreaterThan(before);
      // The README's picture of a TV at the food stand: one number preparing, one just ready.
      if (language === "de") {
        mkdirSync(screenshotDir, { recursive: true });
        await page.screenshot({ path: join(screenshotDir, "display-tv.png") });
      }
      // The newest ready stands on top.
      await bump(second);
      await expect.poll(() => column(page, "ready")).toEqual([second.number, first.number]);

      // Through a reload: the same numbers, and the page is live again (it follows the next change).
      await page.reload();
      await expect.poll(() => column(page, "ready")).toEqual([second.number, first.number]);
      await expect.poll(() => page.getByTestId("display-offline").count()).toBe(0);
      await pickUp(first);
      await expect.poll(() => column(page, "ready")).toEqual([second.number]);
      await pickUp(second);
      await expect.poll(() => column(page, "ready")).toEqual([]);
      expect(await column(page, "preparing")).toEqual([]);

      // Never a product, table, waiter or price (the table order's number was never in a column either).
      const text = await page.locator("body").innerText();
      for (const word of [setup.drink.name, setup.food.name, setup.table, "Clara", "€", "£", "#"]) expect(text, word).not.toContain(word);
      expect(tableOrder.number).toBeGreaterThan(0);
      await context.close();
    });

    // Once is enough (German): the reconnecting is the same in both languages.
    if (language === "de")
      test("through a WiFi drop it keeps the numbers, shows that it reconnects, and catches up", { timeout: 120_000 }, async () => {
      const link = await startLink(server.base);
      const context = await browser.newContext({ baseURL: link.base, viewport: { width: 1024, height: 768 } });
      const page = await context.newPage();
      const order = await placeCounterOrder(waiter, [{ product: setup.drink.product, qty: 1 }]);
      await page.goto("/display");
      await expect.poll(() => column(page, "preparing")).toEqual([order.number]);
      await expect.poll(() => page.getByTestId("display-offline").count()).toBe(0);

      link.setDown(true);
      await expect.poll(() => page.getByTestId("display-offline").textContent()).toBe("Verbindung …");
      expect(await column(page, "preparing")).toEqual([order.number]);
      await bump(order);

      link.setDown(false);
      await expect.poll(() => column(page, "ready"), { timeout: 30_000 }).toEqual([order.number]);
      await expect.poll(() => page.getByTestId("display-offline").count()).toBe(0);
      expect(await column(page, "preparing")).toEqual([]);
      await pickUp(order);
      await expect.poll(() => column(page, "ready")).toEqual([]);
      await context.close();
      await link.close();
    });
  });
}
