// A phone reloaded in the middle of a payment (a battery saver, a tap on the wrong tab): the pay sheet
// opens again with what was picked, the method, the cash given and the tip, like a draft order; the
// payment goes out once; a closed sheet forgets the selection.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money, paymentsOf, pick, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("the pay sheet across a reload", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;
  beforeAll(async () => {
    server = await startTestServer(writePayConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("keeps what was picked, the method and the cash given, and records the payment once", async () => {
    await placeOrder(anna, "B2", [{ product: "pils", qty: 2 }, { product: "pommes", qty: 1 }]);
    const { page, context } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="B2"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    let sheet = page.getByRole("dialog");
    await pick(page, "Pils");
    await pick(page, "Pommes");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "10,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("8,50 €");

    await page.reload();
    sheet = page.getByRole("dialog");
    await sheet.waitFor();
    await expect.poll(() => sheet.getByTestId("pay-total").textContent().then(money), { timeout: 15_000 }).toBe("8,50 €");
    expect(await sheet.locator('[data-row="Pils"] [data-testid="picked"]').textContent()).toBe("1/2");
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 1,50 €");
    await sheet.getByRole("button", { name: "8,50 € kassieren" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    await expect.poll(async () => (await paymentsOf(anna, "B2")).length, { timeout: 15_000 }).toBe(1);
    expect((await paymentsOf(anna, "B2"))[0]!.totalCents).toBe(850);

    // Recorded: a reload now starts with nothing picked; and closing the sheet forgets a selection.
    await pick(page, "Pils");
    await sheet.getByRole("button", { name: "Schließen", exact: true }).click();
    await sheet.waitFor({ state: "detached" });
    await page.reload();
    await page.getByRole("button", { name: "Kassieren" }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    await context.close();
  }, 120_000);
});
