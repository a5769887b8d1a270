// ui.menu_layout "list": one product per row with − / amount / + beside it, as mini_pos had it, on a
// 320 px phone: counting up and down changes the order that is sent, and nothing runs off the screen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, logIn, startTestServer, type TestServer } from "./harness.ts";
import { apiCall, apiLogin } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

const root = join(import.meta.dirname, "../..");

describe.skipIf(!hasChromium)("the waiter's menu as a list (ui.menu_layout: list)", () => {
  let server: TestServer;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-list-"));
  beforeAll(async () => {
    const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
    config.ui.menu_layout = "list";
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    server = await startTestServer(join(dir, "config.json"));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts a product up and down with − and + on a 320 px phone and sends what the row shows", async () => {
    const context = await browser.newContext({ baseURL: server.base, viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto("/service");
    await logIn(page, "Anna", PINS.waiter);
    await page.locator('[data-table="A1"]').click();
    const head = page.getByRole("button", { name: /^Bier/ });
    if ((await head.getAttribute("aria-expanded")) !== "true") await head.click();

    const row = page.locator('.row[data-product="pils"]');
    const plus = row.getByRole("button", { name: "Pils +1" });
    const minus = row.getByRole("button", { name: "Pils −1" });
    await expect.poll(() => minus.isDisabled()).toBe(true);
    await plus.click();
    await plus.click();
    await plus.click();
    await minus.click();
    await expect.poll(() => row.locator(".count").textContent()).toBe("2");
    // The row, its buttons and the page fit 320 px: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = (await plus.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(box.height).toBeGreaterThanOrEqual(44);

    await page.getByRole("button", { name: /^Prüfen/ }).click();
    await page.getByRole("button", { name: /^Bestellen/ }).click();
    const cookie = await apiLogin(server.base, "Chef", PINS.admin);
    await expect
      .poll(async () => (await apiCall<{ orders: { tickets: { items: { product: string; qty: number }[] }[] }[] }>(server.base, cookie, "GET", "/tables/A1/orders")).body.orders.length, { timeout: 15_000 })
      .toBe(1);
    const { body } = await apiCall<{ orders: { tickets: { items: { product: string; qty: number }[] }[] }[] }>(server.base, cookie, "GET", "/tables/A1/orders");
    expect(body.orders[0]!.tickets.flatMap((t) => t.items).map((i) => [i.product, i.qty])).toEqual([["pils", 2]]);
    await context.close();
  }, 120_000);
});
