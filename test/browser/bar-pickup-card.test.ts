// The pickup view and the login pages of the station screens (issue 20, items 4 and 5): a ready
// ticket's card shows its options and notes inside the card (never under the "Abgeholt" button),
// and ages in colour by ui.timeout like the station cards; the login pages of /bar and
// /bar/pickup are dark from the very top (no light band above them).
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, logIn, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";

const barTicket = (order: Order) => order.tickets.find((t) => t.station === "bar")!;
const inside = (outer: { x: number; y: number; width: number; height: number }, inner: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!hasChromium)("pickup cards and the station login pages", () => {
  let server: TestServer;
  let browser: Browser;
  let waiter: Client;
  let station: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    waiter = await apiLogin(server.base, "Clara", server.config.access!.waiterPin);
    station = await apiLogin(server.base, "Tresen", server.config.access!.stationPin);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Where the page's own dark background begins: 0 when nothing lighter shows above it. */
  async function darkFromTop(page: Page) {
    return page.evaluate(() => {
      const app = document.querySelector(".bar-app")!;
      const top = document.elementFromPoint(innerWidth / 2, 2);
      return { top: app.getBoundingClientRect().top, covered: !!top && (top === app || app.contains(top)) };
    });
  }

  test("the login pages of /bar and /bar/pickup have no light band at the top", async () => {
    for (const path of ["/bar", "/bar/pickup"]) {
      const context = await screenContext(browser, server.base);
      const page = await context.newPage();
      await page.goto(path);
      await page.getByLabel(/^PIN/).waitFor();
      expect(await darkFromTop(page), path).toEqual({ top: 0, covered: true });
      await context.close();
    }
  });

  test("a ready ticket shows options and a long note inside its card, and ages warn then crit", { timeout: 60_000 }, async () => {
    const note = "bitte im Glas mit Henkel, das Geburtstagskind am Fenster bekommt die große Portion";
    const order = await placeOrder(waiter, "B3", [
      { product: "cola", qty: 2, options: ["ohne Eis", "mit Zitrone"] },
      { product: "spezi", qty: 1, note },
    ]);
    expect((await station.post(`/tickets/${barTicket(order).id}/bump`)).status).toBe(200);

    const context: BrowserContext = await browser.newContext({ baseURL: server.base, viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto("/bar/pickup");
    await logIn(page, "Runner", server.config.access!.waiterPin);
    const entry = page.locator(`[data-testid="pickup-ticket"][data-ticket="${barTicket(order).id}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain("ohne Eis · mit Zitrone");
    const box = (await entry.boundingBox())!;
    const noteBox = (await entry.locator(".note").boundingBox())!;
    const button = (await entry.getByRole("button", { name: "Abgeholt" }).boundingBox())!;
    expect(await entry.locator(".note").textContent()).toBe(note);
    expect(inside(box, noteBox), "the note stays inside the card").toBe(true);
    expect(overlaps(noteBox, button), "the note does not run under the button").toBe(false);
    expect(await entry.getAttribute("data-level")).toBe("normal");

    const { warn, crit } = server.config.ui.timeout;
    await page.clock.fastForward((warn + 5) * 1000);
    await expect.poll(() => entry.getAttribute("data-level")).toBe("warn");
    await page.clock.fastForward((crit - warn) * 1000);
    await expect.poll(() => entry.getAttribute("data-level")).toBe("crit");
    // In colour, as on the station cards: not the white of a fresh ticket.
    expect(await entry.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: join(screenshotDir, "bar-pickup-aged.png") });
    await context.close();
  });
});
