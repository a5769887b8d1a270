// An order queued with no network that the server refuses when the network returns (a product
// sold out meanwhile) needs the waiter: it is never shown as merely unsent, an alert says so on
// every page, the phone buzzes, and the outbox says what to do instead of "sent automatically".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hasChromium, launchBrowser, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable, tableOrderCount } from "./service-helpers.ts";
import { networkGone } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: a queued order refused when the network returns", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
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

  it("marks it as needing attention on the map, the table and the outbox, with an alert and a buzz", async () => {
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    await openTable(page, "A5", "Bier");
    // Count what the phone is asked to buzz (headless Chromium has no motor).
    await page.evaluate(() => {
      const calls: unknown[] = [];
      (window as unknown as { buzzes: unknown[] }).buzzes = calls;
      Object.defineProperty(Navigator.prototype, "vibrate", { configurable: true, value: (pattern: unknown) => calls.push(pattern) > 0 });
    });
    await networkGone(context, link, true);
    await page.locator('[data-product="pils"]').click();
    await page.locator('[data-product="radler"]').click();
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");

    // Meanwhile the bar runs out of Radler; then the network returns.
    const res = await apiCall(server.base, admin, "PUT", "/products/radler/availability", { soldOut: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await networkGone(context, link, false);

    // Top bar: counted apart, never as unsent; an alert on the page; the phone buzzed.
    await expect.poll(() => page.getByTestId("attention").textContent(), { timeout: 20_000 }).toBe("1 Prüfen nötig");
    expect(await page.getByTestId("unsent").count()).toBe(0);
    const alert = page.getByTestId("attention-alert");
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await alert.textContent()).toContain("1 vom Server abgelehnt – wird nie gesendet.");
    expect(await page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes)).toEqual([[300, 100, 300]]);

    // The table page: refused, with the reason, never "waiting to be sent".
    expect(await page.getByTestId("stage").first().textContent()).toBe("abgelehnt");
    expect(await page.getByTestId("problem").first().textContent()).toContain("Radler: ausverkauft");
    expect(await page.locator("main").textContent()).not.toMatch(/wartet|wird gesendet/);

    // The map: the table needs attention, it does not wait for the network.
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    const table = page.locator('[data-table="A5"]');
    expect(await table.getAttribute("class")).toContain("attention");
    expect(await table.getAttribute("class")).not.toContain("queued");
    expect(await table.locator(".flag").textContent()).toBe("!");
    expect(await page.getByTestId("attention-alert").count()).toBe(1);

    // The outbox says what the waiter has to do, and nothing about sending it automatically.
    await page.getByRole("button", { name: "Ansehen" }).click();
    await page.getByTestId("attention-title").waitFor();
    const outbox = (await page.locator("main").textContent()) ?? "";
    expect(outbox).toContain("Theke und Küche haben sie nicht");
    expect(outbox).toContain("„Anpassen“ tippen, prüfen und neu bestellen");
    expect(outbox).toContain("Nichts wartet auf das Netz.");
    expect(outbox).not.toContain("automatisch gesendet");
    expect(outbox).not.toContain("Alles gesendet");
    expect(await page.getByRole("button", { name: "Jetzt senden" }).count()).toBe(0);
    expect(await page.getByTestId("attention-alert").count()).toBe(0);
    expect(await tableOrderCount(server.base, admin, "A5")).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
