// A payment taken offline and refused whole once the phone is back (someone else took some of its
// items meanwhile), while the guest's money is in the waiter's hand (issue 19, item 7): the phone
// says what of it is still open, records exactly that at one tap (same method, the cash handed over),
// says what goes back to the guest, and lets the waiter dismiss it only once the money is accounted for.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, screenshotDir, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { openPhone, type Phone } from "./service-helpers.ts";
import { billOf, money, networkGone, pageWidth, paymentsOf, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: a payment refused whole while the money is in hand", () => {
  let server: TestServer;
  let browser: Browser;
  let link: Link;
  let anna: Client;
  let ben: Client;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer(writePayConfig());
    link = await startLink(server.base);
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    ben = await apiLogin(server.base, "Ben", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  /**
   * Ben opens `table` online, loses the network, takes everything by `method` (with `extra` steps on
   * the sheet, such as the cash handed over); meanwhile Anna takes `annaItems` by card;
   * the network returns and the server refuses Ben's payment.
   */
  async function refusedOffline(phone: Phone, table: string, open: string, method: string, total: string, annaItems: { order: string; line: number; qty: number }[], extra?: (sheet: Locator) => Promise<void>) {
    const { page, context } = phone;
    await page.locator(`[data-table="${table}"]`).click();
    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe(open);
    await networkGone(context, link, true);
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    await sheet.getByRole("button", { name: method, exact: true }).click();
    await extra?.(sheet);
    await sheet.getByRole("button", { name: `${total} kassieren` }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");

    const other = await anna.post("/payments", { id: crypto.randomUUID(), table, method: "card", items: annaItems });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    await networkGone(context, link, false);
    await expect.poll(() => page.getByTestId("attention").textContent(), { timeout: 20_000 }).toBe("1 Prüfen nötig");
  }

  it("records what is still open at one tap, with the cash handed over, and says what goes back", async () => {
    const order = await placeOrder(ben, "C5", [{ product: "hefeweizen", qty: 2 }, { product: "wurstsalat", qty: 1 }, { product: "spezi", qty: 1 }]);
    const phone = await openPhone(browser, link.base, "Ben");
    const { page, context, errors } = phone;
    // 2 × (3,80 + 2,00 deposit) + 7,00 + 2,50; the guest hands over 50,00 and gets 28,90 back.
    await refusedOffline(phone, "C5", "21,10 €", "Bar", "21,10 €", [{ order: order.id, line: 1, qty: 1 }], async (sheet) => {
      await sheet.getByRole("button", { name: "50,00 €", exact: true }).click();
      expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 28,90 €");
    });
    // Every page says that money is in Ben's hand that no record holds.
    expect(money(await page.getByTestId("attention-money").textContent())).toBe("21,10 € nicht gebucht");

    await page.getByTestId("attention").click();
    await page.getByTestId("attention-title").waitFor();
    expect(await page.getByTestId("payment-problem").textContent()).toContain("Wurstsalat: nur noch 0 offen");
    const held = page.getByTestId("refused-money");
    expect(money(await held.getByTestId("rest-open").textContent())).toBe("Davon noch offen: 14,10 €");
    expect(money(await held.textContent())).toContain("2× Hefeweizen");
    expect(money(await held.textContent())).toContain("1× Spezi");
    expect(money(await held.getByTestId("give-back").textContent())).toBe("7,00 € zurückgeben");
    // Nothing dismisses it without saying what became of the money.
    expect(await page.getByRole("button", { name: "Ausblenden", exact: true }).count()).toBe(0);
    expect(await held.getByRole("button", { name: "Alles zurückgegeben (21,10 €) · ausblenden" }).isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(screenshotDir, "service-refused-payment.png") });
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 360, height: 640 });

    await held.getByRole("button", { name: "14,10 € buchen · Bar" }).click();
    expect(money(await held.getByTestId("rest-recorded").textContent())).toBe("✓ Gebucht: 14,10 € · Bar");
    // A new payment with the items still open, and the 50,00 handed over: the change recorded is
    // the 28,90 given at the table plus the 7,00 that goes back now.
    await expect.poll(async () => (await paymentsOf(ben, "C5")).length, { timeout: 20_000 }).toBe(1);
    const [rest] = await paymentsOf(ben, "C5");
    expect([rest!.method, rest!.totalCents, rest!.depositCents, rest!.tenderedCents, rest!.changeCents]).toEqual(["cash", 1410, 400, 5000, 3590]);
    expect(rest!.items.map((i) => [i.order, i.line, i.qty])).toEqual([
      [order.id, 0, 2],
      [order.id, 2, 1],
    ]);
    expect((await billOf(ben, "C5")).lines).toEqual([]);
    expect(money(await held.getByTestId("give-back").textContent())).toBe("7,00 € zurückgeben");
    expect(await held.getByRole("button", { name: /buchen/ }).count()).toBe(0);

    // What happened is kept through a reload; the alert elsewhere now names the 7,00 € in hand.
    await page.reload();
    await expect.poll(async () => money(await page.getByTestId("rest-recorded").textContent()), { timeout: 15_000 }).toBe("✓ Gebucht: 14,10 € · Bar");
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    await expect.poll(async () => money(await page.getByTestId("attention-money").textContent())).toBe("7,00 € nicht gebucht");
    await page.getByTestId("attention").click();
    await page.getByRole("button", { name: "7,00 € zurückgegeben · ausblenden" }).click();
    await page.getByTestId("attention-title").waitFor({ state: "detached" });
    expect(await page.getByTestId("attention").count()).toBe(0);

    // Recorded once each: Anna's Wurstsalat by card, Ben's rest in cash.
    const admin = await apiLogin(server.base, "Chef", PINS.admin);
    expect((await paymentsOf(admin, "C5")).map((p) => [p.waiter, p.method, p.totalCents]).sort()).toEqual([
      ["Anna", "card", 700],
      ["Ben", "cash", 1410],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("by card: the rest keeps the tip, and what goes back goes back to the card", async () => {
    const order = await placeOrder(ben, "C6", [{ product: "hefeweizen", qty: 1 }, { product: "wurstsalat", qty: 1 }]);
    const phone = await openPhone(browser, link.base, "Ben");
    const { page, context, errors } = phone;
    // 5,80 + 7,00 = 12,80, rounded up to 13,00 by card.
    await refusedOffline(phone, "C6", "12,80 €", "Karte", "13,00 €", [{ order: order.id, line: 1, qty: 1 }], async (sheet) => {
      await sheet.getByRole("button", { name: "auf 13,00 €" }).click();
    });
    await page.getByTestId("attention").click();
    const held = page.getByTestId("refused-money");
    expect(money(await held.getByTestId("rest-open").textContent())).toBe("Davon noch offen: 6,00 €");
    expect(money(await held.getByTestId("give-back").textContent())).toBe("7,00 € zurückgeben – auf die Karte (Erstattung am Kartengerät)");
    await held.getByRole("button", { name: "6,00 € buchen · Karte" }).click();
    await expect.poll(async () => (await paymentsOf(ben, "C6")).length, { timeout: 20_000 }).toBe(1);
    const [rest] = await paymentsOf(ben, "C6");
    expect([rest!.method, rest!.amountCents, rest!.depositCents, rest!.tipCents, rest!.totalCents, rest!.tenderedCents]).toEqual(["card", 380, 200, 20, 600, null]);
    await page.getByRole("button", { name: "7,00 € zurückgegeben · ausblenden" }).click();
    await page.getByTestId("attention-title").waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets the waiter give it all back instead: nothing is recorded, the rest stays open", async () => {
    const order = await placeOrder(ben, "C7", [{ product: "spezi", qty: 1 }, { product: "wurstsalat", qty: 1 }]);
    const phone = await openPhone(browser, link.base, "Ben");
    const { page, context, errors } = phone;
    await refusedOffline(phone, "C7", "9,50 €", "Bar", "9,50 €", [{ order: order.id, line: 0, qty: 1 }]);
    await page.getByTestId("attention").click();
    const held = page.getByTestId("refused-money");
    expect(money(await held.getByTestId("rest-open").textContent())).toBe("Davon noch offen: 7,00 €");
    expect(money(await held.getByTestId("give-back").textContent())).toBe("2,50 € zurückgeben");
    await held.getByRole("button", { name: "Alles zurückgegeben (9,50 €) · ausblenden" }).click();
    await page.getByTestId("attention-title").waitFor({ state: "detached" });
    await page.waitForTimeout(500);
    expect(await paymentsOf(ben, "C7")).toEqual([]);
    expect((await billOf(ben, "C7")).lines.map((l) => [l.product, l.openQty])).toEqual([["wurstsalat", 1]]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
