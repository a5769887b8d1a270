// Payments and the audit list on /admin (issue 8, section 2): reversing a payment asks for a
// reason and a second tap, shows who reversed it, when and why, makes the table's bill open
// again, and appears in the audit list next to the voids.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import type { Bill } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { ADMIN, allOf, cashUpConfig, euro, itemAt, openAdmin, pay, plain, voidItem } from "./admin-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("admin: payments, reversal and the audit list", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer(cashUpConfig());
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Anna", PINS.waiter);
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("reversing a payment opens the table's bill again and the audit list shows it", async () => {
    const order = await placeOrder(waiter, "D1", [{ product: "pils", qty: 2 }, { product: "cola", qty: 2 }]);
    const other = await placeOrder(waiter, "D2", [{ product: "spezi", qty: 1 }]);
    // One Cola is voided before paying (it is in the audit list too).
    const cola = itemAt(order, 1);
    await voidItem(admin, order, 1, 1, false);
    const items = allOf(order).map((ref) => (ref.line === 1 ? { ...ref, qty: 1 } : ref));
    const payment = await pay(waiter, "D1", { method: "cash", items, tenderedCents: 5000 });
    await pay(waiter, "D2", { method: "card", items: allOf(other) });
    expect((await admin.get<Bill>("/tables/D1/bill")).openCents).toBe(0);
    const pils = itemAt(order, 0);
    const paidCents = 2 * (pils.unitCents + pils.depositCents) + cola.unitCents + cola.depositCents;
    expect(payment.totalCents).toBe(paidCents);

    const page = await openAdmin(screen, "#/payments");
    await page.getByRole("heading", { name: "Zahlungen" }).first().waitFor();
    const rows = page.getByTestId("payment");
    await expect.poll(() => rows.count()).toBe(2);
    // The filter narrows the list to one table.
    await page.getByLabel("Tisch").selectOption("D1");
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(plain(await row.getByTestId("payment-total").textContent())).toBe(plain(euro(paidCents)));

    await row.getByRole("button", { name: "Zurückbuchen" }).click();
    // Asked first: nothing happens without a reason and the second tap.
    expect(plain(await row.textContent())).toContain(`Zahlung ${plain(euro(paidCents))} an Tisch D1 zurückbuchen?`);
    await row.getByRole("button", { name: "Wirklich zurückbuchen" }).click();
    await row.getByRole("alert").getByText("Bitte einen Grund angeben").waitFor();
    expect((await admin.get<Bill>("/tables/D1/bill")).openCents).toBe(0);

    await row.getByLabel("Grund der Rückbuchung").fill("falsche Zahlart");
    await row.getByRole("button", { name: "Wirklich zurückbuchen" }).click();
    const reversal = row.getByTestId("reversal");
    await reversal.waitFor();
    expect(plain(await reversal.textContent())).toMatch(/^Zurückgebucht – um \d\d:\d\d von Chef: falsche Zahlart$/);
    expect(await row.getByRole("button", { name: "Zurückbuchen" }).count()).toBe(0);
    await page.getByLabel("Tisch").selectOption("");
    await expect.poll(() => rows.count()).toBe(2);
    await page.screenshot({ path: join(screenshotDir, "admin-payments.png"), fullPage: true });

    // The items are open on the bill again (the voided Cola stays voided).
    const bill = await admin.get<Bill>("/tables/D1/bill");
    expect(bill.openCents).toBe(paidCents);
    expect(bill.lines.map((l) => [l.line, l.openQty]).sort()).toEqual([
      [0, 2],
      [1, 1],
    ]);

    await page.getByRole("link", { name: "Protokoll" }).click();
    await page.getByRole("heading", { name: "Protokoll" }).waitFor();
    const entries = page.getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(2);
    // Newest first: the reversal, then the void.
    const [first, second] = [entries.nth(0), entries.nth(1)];
    expect(await first.getAttribute("data-kind")).toBe("reversal");
    const reversed = plain(await first.textContent());
    expect(reversed).toContain("Rückbuchung");
    expect(reversed).toContain("D1");
    expect(reversed).toContain("falsche Zahlart");
    // Worded in the event's language, not the server's English.
    expect(reversed).toMatch(/Zahlung von \S+ \((Bar|Karte)\)/);
    expect(reversed).toContain("Chef");
    expect(reversed).toContain(plain(euro(paidCents)));
    expect(await second.getAttribute("data-kind")).toBe("void");
    const voided = plain(await second.textContent());
    expect(voided).toContain("Storno");
    expect(voided).toContain("Falsch bestellt");
    expect(voided).toContain(plain(euro(cola.unitCents + cola.depositCents)));
    await page.screenshot({ path: join(screenshotDir, "admin-audit.png"), fullPage: true });
    await page.close();
  });
});
