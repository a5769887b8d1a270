// The review before sending (issue 10, item 5): a line the server would refuse — sold out, or more
// than its quota has left — is marked there too, and "Bestellen" stays off until it is fixed, since
// one such line gets the whole order refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: review of a draft the server would refuse", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const setAvailability = async (product: string, body: { soldOut?: boolean; quota?: number | null }) => {
    const res = await apiCall(server.base, admin, "PUT", `/products/${product}/availability`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const ordersOf = async (table: string) => (await apiCall<{ orders: Order[] }>(server.base, admin, "GET", `/tables/${table}/orders`)).body.orders;

  it("marks a line sold out while it was in the draft and keeps Bestellen off until it is removed", async () => {
    const { page, context, errors } = await openPhone(browser, server.base);
    await openTable(page, "C1", "Bier");
    await page.locator('[data-product="pils"]').click();
    await page.locator('[data-product="colaweizen"]').click();
    // The admin marks it sold out while it sits in the waiter's draft.
    await setAvailability("colaweizen", { soldOut: true });
    await page.getByText("ausverkauft – bitte entfernen").waitFor();

    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    const review = page.getByRole("dialog", { name: "Bestellung für Tisch C1" });
    await review.waitFor();
    const line = review.locator('[data-review-line="colaweizen"]');
    expect(await line.getByTestId("review-problem").textContent()).toBe("ausverkauft – bitte entfernen");
    expect(await review.locator('[data-review-line="pils"] [data-testid="review-problem"]').count()).toBe(0);
    const send = review.getByRole("button", { name: "Bestellen" });
    expect(await send.isDisabled()).toBe(true);
    expect(await review.getByRole("alert").textContent()).toContain("Erst die markierten Zeilen entfernen");

    // Removed in the review: the rest can go.
    await line.getByRole("button", { name: "Colaweizen entfernen" }).click();
    await expect.poll(() => review.locator("[data-review-line]").count()).toBe(1);
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await page.getByText("an der Station").first().waitFor();
    const orders = await ordersOf("C1");
    expect(orders.flatMap((o) => o.tickets.flatMap((t) => t.items.map((i) => i.product)))).toEqual(["pils"]);
    await setAvailability("colaweizen", { soldOut: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("marks more than the quota has left and lets the order go once the amount fits", async () => {
    const { page, context, errors } = await openPhone(browser, server.base);
    await openTable(page, "C2", "Bier");
    for (let i = 0; i < 3; i++) await page.locator('[data-product="radler"]').click();
    await setAvailability("radler", { quota: 2 });
    await page.locator('[data-product="radler"]').getByText("noch 2").waitFor();
    await page.locator('[data-line="radler"]').getByText("nur noch 2 da – bitte anpassen").waitFor();

    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    const review = page.getByRole("dialog", { name: "Bestellung für Tisch C2" });
    await review.waitFor();
    expect(await review.locator('[data-review-line="radler"]').getByTestId("review-problem").textContent()).toBe("nur noch 2 da – bitte anpassen");
    const send = review.getByRole("button", { name: "Bestellen" });
    expect(await send.isDisabled()).toBe(true);
    await review.getByRole("button", { name: "Zurück" }).click();

    // Down to what is left: the review lets it go.
    await page.getByLabel("Anzahl Radler").fill("2");
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await review.waitFor();
    expect(await review.getByTestId("review-problem").count()).toBe(0);
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await page.getByText("an der Station").first().waitFor();
    const orders = await ordersOf("C2");
    expect(orders.flatMap((o) => o.tickets.flatMap((t) => t.items.map((i) => [i.product, i.qty])))).toEqual([["radler", 2]]);
    await setAvailability("radler", { quota: null });
    expect(errors).toEqual([]);
    await context.close();
  });
});
