// The cash desk (issue 22) online: the kitchen's current time, a sale with cash and change, the number shown large, "Nächster
// Gast" clearing the desk; vouchers sold with change; and the desk fitting a 320 px phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { VoucherSale } from "../../worker/protocol/counter.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hasChromium, launchBrowser, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money, pageWidth } from "./service-pay-helpers.ts";
import { counterOrder, deskSales, openDesk, tap, writeDeskConfig } from "./desk-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("cash desk: selling", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer(writeDeskConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sells with cash: the change and the number in large type, then Nächster Gast clears the desk", async () => {
    // The kitchen has finished a ticket: the desk shows its current preparation time (at least 1 min).
    const kitchen = await apiLogin(server.base, "Küche", PINS.station);
    const placed = await placeOrder(anna, "A1", [{ product: "schinkenweck", qty: 1 }]);
    for (const ticket of placed.tickets) expect((await kitchen.post(`/tickets/${ticket.id}/bump`, {})).status).toBe(200);

    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await openDesk(page);
    await expect.poll(() => page.getByTestId("desk-waits").textContent()).toBe("Küche ca. 1 Min.");
    await tap(page, "cola", 3);
    await page.getByRole("button", { name: "Cola eins weniger" }).click();
    await tap(page, "pils");
    expect(money(await page.getByTestId("desk-total").textContent())).toBe("10,00 €");
    await page.screenshot({ path: join(screenshotDir, "desk-phone.png") });

    await page.getByRole("button", { name: "Kassieren", exact: true }).click();
    const sheet = page.getByRole("dialog", { name: "Kassieren" });
    await expect.poll(() => sheet.locator("li").allTextContents()).toEqual(["2× Cola5,00 €", "1× Pils5,00 €"].map((s) => s.replace(" €", "\u00a0€")));
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "20,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 10,00 €");
    await sheet.getByRole("button", { name: "10,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });

    expect(money(await page.getByTestId("desk-change").textContent())).toBe("Rückgeld 10,00 €");
    const number = page.getByTestId("desk-number");
    await expect.poll(() => number.textContent()).toMatch(/^Nr\. \d+$/);
    // The receipt, as the pay sheet offers it, once the payment has reached the server.
    await page.getByTestId("show-receipt").waitFor();
    await page.screenshot({ path: join(screenshotDir, "desk-number.png") });
    // Very large type: readable across the counter.
    expect(await number.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(72);

    const { current } = await deskSales(page);
    const { order, payments } = await counterOrder(anna, current!.order);
    expect([order.counter, `Nr. ${order.number}`]).toEqual(["grill", await number.textContent()]);
    expect(order.tickets.flatMap((t) => t.items.map((i) => [i.product, i.qty]))).toEqual(expect.arrayContaining([["cola", 2], ["pils", 1]]));
    expect(payments.map((p) => [p.method, p.totalCents, p.tenderedCents, p.changeCents])).toEqual([["cash", 1000, 2000, 1000]]);
    // A counter order is never on the map.
    expect(await page.locator('[data-table^="#"]').count()).toBe(0);

    await page.getByRole("button", { name: "Nächster Gast" }).click();
    await page.getByTestId("desk-done").waitFor({ state: "detached" });
    expect(money(await page.getByTestId("desk-total").textContent())).toBe("0,00 €");
    expect(await page.getByTestId("desk-qty").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Kassieren", exact: true }).isDisabled()).toBe(true);
    // The next guest gets the next number.
    await tap(page, "cola");
    await page.getByRole("button", { name: "Kassieren", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Karte", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "2,50 € kassieren" }).click();
    await expect.poll(() => number.textContent()).toBe(`Nr. ${order.number + 1}`);
    expect(await page.getByTestId("desk-change").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sells vouchers for cash with the change, recorded once", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await openDesk(page);
    await page.getByRole("button", { name: "Wertmarken verkaufen" }).click();
    const sheet = page.getByRole("dialog", { name: "Wertmarken verkaufen" });
    // Typed on the keypad: 1, 2, ",", 5 → 12,50 €; then a quick amount replaces it.
    for (const key of ["1", "2", ",", "5"]) await sheet.getByRole("button", { name: key, exact: true }).click();
    expect(money(await sheet.getByTestId("voucher-amount").textContent())).toBe("12,50 €");
    await sheet.getByRole("group", { name: "Betrag" }).getByRole("button", { name: "20,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("voucher-amount").textContent())).toBe("20,00 €");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("group", { name: "Gegeben" }).getByRole("button", { name: "50,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 30,00 €");
    await page.screenshot({ path: join(screenshotDir, "desk-vouchers.png") });
    await sheet.getByRole("button", { name: "Wertmarken für 20,00 € verkaufen" }).click();
    await expect.poll(async () => money(await sheet.getByTestId("voucher-sold").textContent())).toContain("Wertmarken verkauft: 20,00 €");
    expect(money(await sheet.getByTestId("voucher-sold").textContent())).toContain("Rückgeld 30,00 €");

    await expect.poll(async () => (await anna.get<{ sales: VoucherSale[] }>("/voucher-sales")).sales.length).toBe(1);
    const { sales } = await anna.get<{ sales: VoucherSale[] }>("/voucher-sales");
    expect(sales.map((s) => [s.counter, s.method, s.amountCents, s.tenderedCents, s.waiter])).toEqual([["grill", "cash", 2000, 5000, "Anna"]]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("puts the menu beside the guest's lines on a tablet", async () => {
    const { page, context } = await openPhone(browser, server.base, "Anna");
    await page.setViewportSize({ width: 1024, height: 768 });
    await openDesk(page);
    await tap(page, "cola", 2);
    await tap(page, "schinkenweck");
    const menu = await page.locator('[data-testid="desk"] [data-product="cola"]').boundingBox();
    const lines = await page.getByRole("region", { name: "Dieser Gast" }).boundingBox();
    expect(lines!.x).toBeGreaterThan(menu!.x + menu!.width);
    await page.screenshot({ path: join(screenshotDir, "desk-tablet.png") });
    await context.close();
  });

  it("fits a 320 px phone without sideways scrolling, with big product buttons", async () => {
    const { page, context } = await openPhone(browser, server.base, "Anna");
    await page.setViewportSize({ width: 320, height: 640 });
    await openDesk(page);
    await tap(page, "hefeweizen", 2);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    const box = await page.locator('[data-testid="desk"] [data-product="cola"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(72);
    await context.close();
  });
});
