// What a waiter claims on the phone is bounded or approved (issue 19 items 1–3): "Pfand zurück"
// says per deposit group how many glasses went out and have not come back, and more needs the admin
// PIN (issue 20, item 11); giving items away and a tip above
// the payment's amount ask for the admin PIN, a wrong PIN records nothing, and the admin's audit
// list shows what was given away.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { openAdmin, plain } from "./admin-helpers.ts";
import { openPhone } from "./service-helpers.ts";
import { money, paymentsOf, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: claims bounded or approved", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;

  beforeAll(async () => {
    server = await startTestServer(writePayConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('"Pfand zurück" says how many glasses of each group can come back', async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="D1"]').click();
    await page.getByRole("button", { name: "Pfandrückgabe" }).click();
    const sheet = page.getByRole("dialog");
    // A new evening: no glass is out, so none can come back.
    await sheet.getByText("Es ist kein Pfand ausgegeben, das zurückkommen kann.").waitFor();
    const glas = sheet.locator('[data-testid="deposit-return"][data-group="Glas 0,5 l"]');
    await expect.poll(async () => plain(await glas.textContent())).toContain("noch 0 offen");
    await sheet.getByRole("button", { name: "Schließen" }).click();

    // Two Pils are paid (their deposit came in) on another phone.
    const order = await placeOrder(anna, "A1", [{ product: "pils", qty: 2 }]);
    expect((await anna.post("/payments", { id: crypto.randomUUID(), table: "A1", method: "cash", items: [{ order: order.id, line: 0, qty: 2 }] })).status).toBe(201);

    await page.getByRole("button", { name: "Pfandrückgabe" }).click();
    const plus = sheet.getByRole("button", { name: "+ Pfand zurück: Glas 0,5 l", exact: true });
    await plus.waitFor();
    await expect.poll(async () => plain(await glas.textContent())).toContain("noch 2 offen");
    // The bottles carry a deposit too, but none went out.
    expect(plain(await sheet.locator('[data-group="Flasche 0,75 l"]').textContent())).toContain("noch 0 offen");
    await plus.click();
    await plus.click();
    // Both fit: no admin PIN is asked for.
    expect(await sheet.getByLabel("Admin-PIN").count()).toBe(0);
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("-4,00 €");
    await sheet.getByRole("button", { name: "4,00 € auszahlen" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    await expect.poll(async () => (await paymentsOf(anna, "D1")).map((p) => p.depositReturnCents)).toEqual([400]);
    // Both are back: nothing more is offered.
    await sheet.getByText("Es ist kein Pfand ausgegeben, das zurückkommen kann.").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('choosing "Frei" asks for the admin PIN; a wrong one records nothing; the audit list shows it', async () => {
    await placeOrder(anna, "D3", [{ product: "cola", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="D3"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    expect(await sheet.getByLabel("Admin-PIN").count()).toBe(0);
    await sheet.getByRole("button", { name: "Frei", exact: true }).click();
    await sheet.getByLabel("Grund (für wen?)").fill("Band");
    await sheet.getByText("Ausgeben ohne Bezahlung braucht die Admin-PIN.").waitFor();
    const pay = sheet.getByRole("button", { name: "2,50 € kassieren" });
    expect(await pay.isDisabled()).toBe(true);

    await sheet.getByLabel("Admin-PIN").fill("1234");
    await pay.click();
    expect(await sheet.getByTestId("pay-error").textContent()).toBe("Falsche Admin-PIN.");
    expect(await paymentsOf(anna, "D3")).toEqual([]);

    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await pay.click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await paymentsOf(anna, "D3")).map((p) => [p.method, p.reason, p.approvedBy])).toEqual([["free", "Band", "admin PIN"]]);
    expect(errors).toEqual([]);
    await context.close();

    const screen = await screenContext(browser, server.base);
    const admin = await openAdmin(screen, "#/audit");
    const entry = admin.locator('[data-testid="audit-entry"][data-kind="free"]');
    await entry.waitFor();
    const text = plain(await entry.textContent());
    for (const part of ["Ausgegeben", "D3", "1× Cola", "Band", "Anna", "Admin-PIN", "2,50"]) expect(text).toContain(part);
    await screen.close();
  });

  it("asks for the admin PIN for a tip above the payment's amount, not for one up to it", async () => {
    await placeOrder(anna, "D4", [{ product: "cola", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="D4"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    // 2,50 € to 5,00 €: a tip of 2,50 €, the amount itself.
    await sheet.getByRole("button", { name: "auf 5,00 €" }).click();
    expect(await sheet.getByLabel("Admin-PIN").count()).toBe(0);
    await sheet.getByRole("button", { name: "auf 10,00 €" }).click();
    await sheet.getByText("Trinkgeld über 2,50 € braucht die Admin-PIN.").waitFor();
    const pay = sheet.getByRole("button", { name: "10,00 € kassieren" });
    expect(await pay.isDisabled()).toBe(true);
    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await pay.click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await paymentsOf(anna, "D4")).map((p) => [p.tipCents, p.approvedBy])).toEqual([[750, "admin PIN"]]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
