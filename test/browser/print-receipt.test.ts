// A guest receipt from the pay sheet (issue 21): after the table is paid, "Beleg" prints the
// receipt on the event's receipt printer (the fake ESC/POS printer) and "Beleg anzeigen" shows the
// same receipt as a page; "Bewirtungsbeleg" prints the variant with the lines a guest fills in.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { FakePrinter } from "../fakePrinter.ts";
import { hasChromium, launchBrowser, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder } from "./api-client.ts";
import { openPhone } from "./service-helpers.ts";
import { payEverything, pick } from "./service-pay-helpers.ts";
import { flat, newSlips, writePrintConfig } from "./print-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("guest receipts from the pay sheet", () => {
  let printer: FakePrinter;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    server = await startTestServer(writePrintConfig(printer.port));
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await printer?.stop();
  });

  test("Beleg prints the payment's receipt, Bewirtungsbeleg its business variant, and Beleg anzeigen shows it as a page", async () => {
    const clara = await apiLogin(server.base, "Clara", PINS.waiter);
    await placeOrder(clara, "E2", [{ product: "cola", qty: 2 }, { product: "apfelschorle", qty: 1 }]);
    const { page, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="E2"]').click();
    await payEverything(page, "Bar", "8,00 €");

    // The table is paid: the map offers the receipt.
    const offer = page.getByTestId("receipt-offer");
    await expect.poll(() => offer.textContent(), { timeout: 20_000 }).toContain("Tisch E2 bezahlt: 8,00");
    const before = printer.received.length;
    await offer.getByTestId("print-receipt").click();
    const [receipt] = await newSlips(printer, before);
    const text = flat(receipt!);
    expect(text).toContain("TSV Musterdorf e.V.");
    expect(text).toContain("Cola");
    expect(text).toContain("Apfelschorle");
    expect(text).toContain("8,00");
    expect(text).not.toContain("BEWIRTUNGSBELEG");
    await expect.poll(() => offer.getByTestId("receipt-message").textContent()).toBe("Beleg geht an den Drucker");

    await offer.getByTestId("print-business-receipt").click();
    const [business] = await newSlips(printer, before + 1);
    expect(flat(business!)).toContain("BEWIRTUNGSBELEG");

    await offer.getByTestId("show-receipt").click();
    const shown = page.getByTestId("receipt-lines");
    await shown.waitFor();
    const lines = (await shown.textContent())!;
    expect(lines).toContain("TSV Musterdorf e.V.");
    expect(lines).toContain("Cola");
    expect(lines).toContain("8,00");
    // The page fits the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(screenshotDir, "service-receipt.png") });
    await page.getByRole("button", { name: "Schließen" }).click();
    await offer.getByRole("button", { name: "Ausblenden" }).click();
    await expect.poll(() => offer.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test("the pay sheet offers the receipt of a guest who paid part of the table, for that payment only", async () => {
    const clara = await apiLogin(server.base, "Clara", PINS.waiter);
    await placeOrder(clara, "E3", [{ product: "cola", qty: 1 }, { product: "apfelschorle", qty: 1 }]);
    const { page, context } = await openPhone(browser, server.base, "Berta");
    await page.locator('[data-table="E3"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await pick(page, "Cola");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "2,50 € kassieren" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    const before = printer.received.length;
    await sheet.getByTestId("receipt-offer").getByTestId("print-receipt").click({ timeout: 20_000 });
    const [receipt] = await newSlips(printer, before);
    expect(flat(receipt!)).toContain("Cola");
    expect(flat(receipt!)).not.toContain("Apfelschorle");
    await context.close();
  });
});
