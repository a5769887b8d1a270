// Payments through the phone's outbox: pay right after ordering (ui.pay_after_order), a payment
// made with no network delivered exactly once, and a payment refused because someone else paid
// first, which needs the waiter's attention instead of waiting as "unsent".
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, screenshotDir, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { openPhone, openTable } from "./service-helpers.ts";
import { billOf, money, networkGone, payEverything, paymentsOf, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: payments in the outbox", () => {
  let server: TestServer;
  let browser: Browser;
  let link: Link;
  let anna: Client;
  let bert: Client;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer(writePayConfig({ pay_after_order: true }));
    link = await startLink(server.base);
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    bert = await apiLogin(server.base, "Bert", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  it("opens the pay sheet with the items just ordered when the event pays after ordering", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await openTable(page, "A5", "Bier");
    await page.locator('[data-product="pils"]').click();
    await page.locator('[data-product="pils"]').click();
    await page.getByRole("button", { name: "Prüfen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();

    const sheet = page.getByRole("dialog", { name: "Kassieren Tisch A5" });
    await sheet.waitFor();
    await expect.poll(() => sheet.locator('[data-row="Pils"] [data-testid="picked"]').textContent()).toBe("2/2");
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("10,00 €");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "20,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 10,00 €");
    await sheet.getByRole("button", { name: "10,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await paymentsOf(anna, "A5")).length).toBe(1);
    const [payment] = await paymentsOf(anna, "A5");
    expect([payment!.method, payment!.totalCents, payment!.tenderedCents, payment!.changeCents]).toEqual(["cash", 1000, 2000, 1000]);
    expect((await billOf(anna, "A5")).lines).toEqual([]);
    await expect.poll(() => page.locator('[data-table="A5"]').getAttribute("class")).not.toContain("open");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("pays right after ordering with no network: the order goes first, then its payment, each once", async () => {
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    await openTable(page, "A7", "Bier");
    await networkGone(context, link, true);
    await page.locator('[data-product="pils"]').click();
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    const sheet = page.getByRole("dialog", { name: "Kassieren Tisch A7" });
    await expect.poll(() => sheet.locator('[data-row="Pils"] [data-testid="picked"]').textContent()).toBe("1/1");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "5,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("2 ungesendet");

    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached", timeout: 20_000 });
    const [payment] = await paymentsOf(anna, "A7");
    const { orders } = await anna.get<{ orders: { id: string }[] }>("/tables/A7/orders");
    expect(orders).toHaveLength(1);
    expect(payment!.items.map((i) => [i.order, i.line, i.qty])).toEqual([[orders[0]!.id, 0, 1]]);
    await page.waitForTimeout(1000);
    expect(await paymentsOf(anna, "A7")).toHaveLength(1);
    expect((await billOf(anna, "A7")).lines).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a payment made offline through a reload and records it once when the network returns", async () => {
    await placeOrder(anna, "A3", [{ product: "pils", qty: 1 }, { product: "cola", qty: 2 }]);
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    // The service worker must hold the app before the network goes away.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
    await page.locator('[data-table="A3"]').click();
    await expect.poll(() => page.getByTestId("bill-total").textContent()).toContain("10,00");

    await networkGone(context, link, true);
    await payEverything(page, "Karte", "10,00 €");
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");
    expect(await page.getByTestId("attention").count()).toBe(0);
    // The table shows the items as being paid; they cannot be picked again.
    await page.locator('[data-table="A3"]').click();
    await expect.poll(() => page.getByTestId("being-paid").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Kassieren" }).count()).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByTestId("unsent").textContent(), { timeout: 15_000 }).toBe("1 ungesendet");
    expect(await paymentsOf(anna, "A3")).toEqual([]);

    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached", timeout: 20_000 });
    expect((await paymentsOf(anna, "A3")).map((p) => [p.method, p.totalCents])).toEqual([["card", 1000]]);
    await page.waitForTimeout(1500);
    expect(await paymentsOf(anna, "A3")).toHaveLength(1);
    expect((await billOf(anna, "A3")).lines).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a payment refused because someone else paid meanwhile as needing attention, not unsent", async () => {
    const order = await placeOrder(anna, "A4", [{ product: "pils", qty: 2 }]);
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    await page.locator('[data-table="A4"]').click();
    await expect.poll(() => page.getByTestId("bill-total").textContent()).toContain("10,00");

    await networkGone(context, link, true);
    await payEverything(page, "Bar", "10,00 €");
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");

    // Meanwhile Bert takes the money for the same Pils at his phone.
    const other = await bert.post("/payments", { id: crypto.randomUUID(), table: "A4", method: "card", items: [{ order: order.id, line: 0, qty: 2 }] });
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    await networkGone(context, link, false);
    await expect.poll(() => page.getByTestId("attention").textContent(), { timeout: 20_000 }).toBe("1 Prüfen nötig");
    expect(await page.getByTestId("unsent").count()).toBe(0);

    // With something unsent as well, both badges still fit a 320 px phone's top bar.
    await networkGone(context, link, true);
    await openTable(page, "A6", "Bier");
    await page.locator('[data-product="pils"]').click();
    // exact: the badge "1 Prüfen nötig" contains "Prüfen" too.
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByRole("dialog", { name: "Kassieren Tisch A6" }).getByRole("button", { name: "Schließen" }).click();
    await page.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => page.getByTestId("unsent").getAttribute("aria-label")).toBe("1 ungesendet");
    expect(await page.getByTestId("attention").getAttribute("aria-label")).toBe("1 Prüfen nötig");
    const name = await page.getByRole("button", { name: /^Anna/ }).boundingBox();
    expect(name!.x + name!.width).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 360, height: 640 });
    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached", timeout: 20_000 });

    await page.getByTestId("attention").click();
    await page.getByTestId("attention-title").waitFor();
    const problem = page.getByTestId("payment-problem");
    expect(await problem.textContent()).toContain("Pils: nur noch 0 offen");
    expect(await page.getByTestId("payment-stage").textContent()).toBe("Prüfen nötig");
    await page.screenshot({ path: join(screenshotDir, "service-needs-attention.png") });
    // Only Bert's payment is recorded (a waiter sees only their own payments: ask as admin).
    const admin = await apiLogin(server.base, "Chef", PINS.admin);
    expect((await paymentsOf(admin, "A4")).map((p) => p.waiter)).toEqual(["Bert"]);

    // Nothing of it is open any more: Anna holds 10,00 € that no record has, and it goes back to the
    // guest; only saying so dismisses it.
    expect(money(await page.getByTestId("give-back").textContent())).toBe("10,00 € zurückgeben");
    expect(await page.getByTestId("rest-open").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Ausblenden", exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "10,00 € zurückgegeben · ausblenden" }).click();
    await page.getByTestId("attention-title").waitFor({ state: "detached" });
    expect(await page.getByTestId("attention").count()).toBe(0);
    // After the reconnect the phone knows Bert's payment: A4 is free on the map.
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    await expect.poll(() => page.locator('[data-table="A4"]').getAttribute("class")).not.toContain("open");
    expect(errors).toEqual([]);
    await context.close();
  });
});
