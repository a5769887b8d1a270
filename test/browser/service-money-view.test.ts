// What the waiter sees while taking money (issue 19, items 8-10): each guest starts at the event's
// first method; the review, the draft bar and the bill show one total with its deposit part; the
// order card strikes voided items through and leaves them out of its sum, as the bill does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone, openTable } from "./service-helpers.ts";
import { ADMIN, voidItem } from "./admin-helpers.ts";
import { money, pageWidth, paymentsOf, pick, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: what the waiter sees while taking money", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer(writePayConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("starts each guest at the event's first method, after a card payment and when the sheet opens again", async () => {
    await placeOrder(anna, "E1", [{ product: "cola", qty: 3 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="E1"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    const pressed = (name: string) => sheet.getByRole("button", { name, exact: true }).getAttribute("aria-pressed");
    expect(await pressed("Bar")).toBe("true");

    // Guest 1 pays by card.
    await pick(page, "Cola");
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    await sheet.getByRole("button", { name: "2,50 € kassieren" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    // Guest 2 starts at cash again and pays so.
    await pick(page, "Cola");
    expect(await pressed("Bar")).toBe("true");
    expect(await pressed("Karte")).toBe("false");
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    await sheet.getByRole("button", { name: "Schließen" }).click();
    // Guest 3, the sheet opened anew: cash.
    await page.getByRole("button", { name: "Kassieren" }).click();
    await pick(page, "Cola");
    expect(await pressed("Bar")).toBe("true");
    await sheet.getByRole("button", { name: "2,50 € kassieren" }).click();
    await expect.poll(async () => (await paymentsOf(anna, "E1")).map((p) => p.method).sort()).toEqual(["card", "cash"]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the same total with its deposit part in the draft bar, the review, the order card and the bill", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await openTable(page, "E2", "Bier");
    // 3 Pils at 3,00 + 2,00 deposit.
    for (let i = 0; i < 3; i++) await page.locator('[data-product="pils"]').click();
    const essen = page.getByRole("button", { name: /^Essen/ });
    if ((await essen.getAttribute("aria-expanded")) !== "true") await essen.click();
    await page.locator('[data-product="wurstsalat"]').click();
    await page.locator('[data-product="pommes"]').click();
    // 3 × 5,00 + 7,00 + 3,50
    await expect.poll(async () => money(await page.getByTestId("draft-total").textContent())).toBe("25,50 €");
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    const review = page.getByRole("dialog");
    expect(money(await review.getByTestId("review-total").textContent())).toBe("25,50 €");
    expect(money(await review.getByTestId("review-deposit").textContent())).toBe("davon Pfand 6,00 €");
    expect(money(await review.locator('[data-review-line="pils"]').textContent())).toContain("+ Pfand 3 × 2,00 €");
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await review.getByRole("button", { name: "Bestellen" }).click();
    await review.waitFor({ state: "detached" });

    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe("25,50 €");
    expect(money(await page.getByTestId("bill").textContent())).toContain("davon Pfand 6,00 €");
    const card = page.locator("[data-order]");
    await expect.poll(async () => money(await card.getByTestId("order-total").textContent())).toBe("25,50 €");
    expect(money(await card.locator("footer").textContent())).toContain("davon Pfand 6,00 €");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("strikes a voided item through on the order card at once and leaves it out of the sum", async () => {
    const order = await placeOrder(anna, "E3", [{ product: "pommes", qty: 2 }, { product: "wurstsalat", qty: 1 }, { product: "pils", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="E3"]').click();
    const card = page.locator(`[data-order="${order.id}"]`);
    const pommes = card.locator('li[data-line="0"]');
    // 2 × 3,50 + 7,00 + 3,00 + 2,00 deposit
    await expect.poll(async () => money(await card.getByTestId("order-total").textContent())).toBe("19,00 €");
    expect(money(await pommes.locator(".qty").textContent())).toBe("2×");

    // The organiser voids one Pommes elsewhere: the stream's frame updates the card, no reload.
    await voidItem(admin, order, 0, 1, true);
    await expect.poll(async () => money(await pommes.locator(".qty").textContent())).toBe("2 1×");
    expect(await pommes.locator(".qty s").textContent()).toBe("2");
    expect(money(await pommes.getByTestId("void-mark").textContent())).toBe("Storno −1");
    expect(money(await pommes.locator(".sum").textContent())).toBe("3,50 €");
    expect(money(await card.getByTestId("order-total").textContent())).toBe("15,50 €");
    // The bill says the same: 3,50 + 7,00 + 5,00 open.
    expect(money(await page.getByTestId("bill-total").textContent())).toBe("15,50 €");

    // The Pils voided whole: struck through, its deposit gone from the sum too.
    await voidItem(admin, order, 2, 1, true);
    const pils = card.locator('li[data-line="2"]');
    await expect.poll(() => pils.getAttribute("class")).toContain("voided");
    expect(await pils.locator(".name").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
    expect(money(await card.getByTestId("order-total").textContent())).toBe("10,50 €");
    expect(money(await card.locator("footer").textContent())).not.toContain("Pfand");
    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe("10,50 €");
    expect(errors).toEqual([]);
    await context.close();
  });
});
