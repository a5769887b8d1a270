// The organiser's settlement (issue 8, section 2): two waiters take cash and card with tips and a
// deposit return; the page shows each one's figures as the test computes them from what it sent;
// the organiser types float and counted cash, sees the difference, stores it, and the waiter's
// shift starts empty. Also the printable report; and a waiter with a card tip who hands in what
// "Meine Kasse" says settles at 0,00 € (issue 19 §6). Screenshots admin-settlement.png and
// admin-print.png (into docs/screenshots with `npm run screenshots`).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Menu, Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { addPayment, adminNav, allOf, cashUpConfig, euro, noFigures, openAdmin, pay, plain, voidItem, type Sent } from "./admin-helpers.ts";
import { openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

/** The float handed to Anna and the cash counted from her, as typed: "50,00" and "63.25". */
const FLOAT = 5000;
const COUNTED = 6325;

const FIGURES = {
  payments: "payments",
  cash: "cashCents",
  card: "cardCents",
  tips: "tipsCents",
  cardTips: "cardTipsCents",
  depositOut: "depositOutCents",
  depositBack: "depositBackCents",
  voided: "voidedCents",
  expectedCash: "expectedCashCents",
} as const;

async function shownFigures(page: Page, waiter: string): Promise<Record<string, string>> {
  const section = page.locator(`[data-testid="waiter-shift"][data-waiter="${waiter}"]`);
  const out: Record<string, string> = {};
  for (const name of Object.keys(FIGURES)) out[name] = plain(await section.locator(`[data-figure="${name}"]`).textContent());
  return out;
}

function expectedText(f: ReturnType<typeof noFigures>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, key] of Object.entries(FIGURES)) out[name] = key === "payments" ? String(f.payments) : plain(euro(f[key]));
  return out;
}

describe.skipIf(!hasChromium)("admin: waiter settlement and the printed report", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let anna: Client;
  let ben: Client;
  const orders: Order[] = [];
  const expected = { Anna: noFigures(), Ben: noFigures() };
  let depositOf: (product: string) => number;
  /** Anna's figures as settled by the first test. */
  let firstAnnaShift: ReturnType<typeof noFigures> | undefined;

  beforeAll(async () => {
    server = await startTestServer(cashUpConfig());
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    await screen.addInitScript(() => {
      // The print dialog would block a headless page: count the calls instead.
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => void (window as unknown as { __printed: number }).__printed++;
    });
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    ben = await apiLogin(server.base, "Ben", PINS.waiter);
    const menu = await anna.get<Menu>("/menu");
    depositOf = (id) => menu.products.find((p) => p.id === id)!.depositCents;
    expect(depositOf("pils"), "the test config gives Pils a deposit").toBeGreaterThan(0);
    mkdirSync(screenshotDir, { recursive: true });

    async function paid(waiter: Client, name: "Anna" | "Ben", table: string, sent: Sent) {
      await pay(waiter, table, sent);
      addPayment(expected[name], orders, sent, depositOf);
    }
    // Anna: a table pays everything in cash with a tip; another pays by card with a tip and
    // brings back two glasses.
    const a1 = await placeOrder(anna, "A1", [{ product: "pils", qty: 2 }, { product: "cola", qty: 1 }]);
    const a2 = await placeOrder(anna, "A2", [{ product: "pils", qty: 1 }]);
    orders.push(a1, a2);
    await paid(anna, "Anna", "A1", { method: "cash", items: allOf(a1), tipCents: 150, tenderedCents: 2000 });
    await paid(anna, "Anna", "A2", { method: "card", items: allOf(a2), tipCents: 100, depositReturns: [{ product: "pils", qty: 2 }] });
    // Ben: one Cola is voided (with the admin PIN typed on his phone), the rest paid by card,
    // the Pils in cash with one glass back.
    const b1 = await placeOrder(ben, "B1", [{ product: "cola", qty: 3 }, { product: "pils", qty: 1 }]);
    orders.push(b1);
    const cola = b1.tickets.flatMap((t) => t.items).find((i) => i.product === "cola")!;
    const pils = b1.tickets.flatMap((t) => t.items).find((i) => i.product === "pils")!;
    await voidItem(ben, b1, cola.line, 1, true);
    expected.Ben.voidedCents += cola.unitCents + cola.depositCents;
    await paid(ben, "Ben", "B1", { method: "card", items: [{ order: b1.id, line: cola.line, qty: 2 }] });
    await paid(ben, "Ben", "B1", { method: "cash", items: [{ order: b1.id, line: pils.line, qty: 1 }], tenderedCents: 1000, depositReturns: [{ product: "pils", qty: 1 }] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("shows each waiter's figures, the live difference, and stores the settlement", async () => {
    const page = await openAdmin(screen, "#/settlement");
    await page.getByRole("heading", { name: "Kellnerabrechnung" }).waitFor();
    for (const name of ["Anna", "Ben"] as const) await expect.poll(() => shownFigures(page, name)).toEqual(expectedText(expected[name]));
    await page.screenshot({ path: join(screenshotDir, "admin-settlement.png"), fullPage: true });
    // The organiser may settle on a phone: nothing scrolls sideways at 360 px.
    await page.setViewportSize({ width: 360, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 800 });

    const section = page.locator('[data-testid="waiter-shift"][data-waiter="Anna"]');
    const float = section.getByLabel("Wechselgeld ausgegeben");
    const counted = section.getByLabel("Bargeld gezählt (mit Wechselgeld)");
    const store = section.getByRole("button", { name: "Abrechnung speichern" });

    // A malformed amount is refused with a message, and nothing can be stored.
    await float.fill("12,345");
    await section.getByRole("alert").getByText("Bitte einen Betrag wie 123,50 eingeben").waitFor();
    expect(await store.isDisabled()).toBe(true);

    // "50,00" and "63.25" both read as amounts: the difference shows while typing.
    const floatCents = FLOAT;
    const countedCents = COUNTED;
    await float.fill("50,00");
    await counted.fill("63.25");
    const differenceCents = countedCents - (floatCents + expected.Anna.expectedCashCents);
    await expect.poll(async () => plain(await section.getByTestId("difference").textContent())).toBe(plain(euro(differenceCents)));
    expect(plain(await section.getByTestId("expected-with-float").textContent())).toBe(plain(euro(floatCents + expected.Anna.expectedCashCents)));

    await store.click();
    const stored = section.getByTestId("stored");
    await stored.waitFor();
    expect(plain(await stored.textContent())).toMatch(new RegExp(`^Gespeichert um \\d\\d:\\d\\d: Differenz ${plain(euro(differenceCents)).replace(/[-+]/g, "\\$&")}$`));

    // Anna's new shift is empty; Ben's is untouched; the settlement is in the list.
    await expect.poll(() => shownFigures(page, "Anna")).toEqual(expectedText(noFigures()));
    expect(await shownFigures(page, "Ben")).toEqual(expectedText(expected.Ben));
    const row = page.locator('[data-testid="settlement-row"][data-waiter="Anna"]');
    await row.waitFor();
    expect(plain(await row.locator('[data-figure="difference"]').textContent())).toBe(plain(euro(differenceCents)));

    // A payment taken afterwards starts the new shift, and shows without a reload.
    const later = await placeOrder(anna, "A3", [{ product: "cola", qty: 2 }]);
    await pay(anna, "A3", { method: "cash", items: allOf(later), tenderedCents: 500 });
    const next = noFigures();
    addPayment(next, [later], { method: "cash", items: allOf(later) }, depositOf);
    await expect.poll(() => shownFigures(page, "Anna")).toEqual(expectedText(next));
    firstAnnaShift = expected.Anna;
    expected.Anna = next;
    await page.close();
  });

  test("the printable report lists every waiter and the totals, and Drucken opens the print dialog", async () => {
    const page = await openAdmin(screen, "#/print");
    const report = page.getByTestId("report");
    await report.getByRole("heading", { name: /Abschlussbericht · Sommerfest/ }).waitFor();
    await page.getByTestId("report-totals").waitFor();
    expect(plain(await report.textContent())).toMatch(/Gedruckt am \d/);
    // Anna: one settled shift and the current one; Ben: his current shift.
    await expect.poll(() => page.locator('[data-testid="report-waiter"][data-waiter="Anna"] [data-testid="report-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="report-waiter"][data-waiter="Ben"] [data-testid="report-row"]').count()).toBe(1);

    // Totals over every shift of tonight, settled or not, computed from what the test sent; the cash
    // figures like with like: settled shifts against what was counted, open ones apart (issue 20).
    const shifts = [firstAnnaShift!, expected.Anna, expected.Ben];
    const sum = (key: keyof ReturnType<typeof noFigures>) => shifts.reduce((n, f) => n + f[key], 0);
    const totals = page.getByTestId("report-totals");
    const totalOf = async (f: string, row = "all") => plain(await totals.locator(`[data-total="${row}"] [data-figure="${f}"]`).innerText());
    expect(await totalOf("payments")).toBe(String(sum("payments")));
    for (const [figure, key] of [["cash", "cashCents"], ["card", "cardCents"], ["voucher", "voucherCents"], ["free", "freeCents"], ["depositOut", "depositOutCents"], ["depositBack", "depositBackCents"], ["voided", "voidedCents"]] as const)
      expect(await totalOf(figure), figure).toBe(plain(euro(sum(key))));
    expect(await totalOf("tips")).toBe(plain(`${euro(sum("tipsCents"))} (${euro(sum("cardTipsCents"))})`));
    expect(await totalOf("expected", "settled")).toBe(plain(euro(FLOAT + firstAnnaShift!.expectedCashCents)));
    expect(await totalOf("float", "settled")).toBe(plain(euro(FLOAT)));
    expect(await totalOf("counted", "settled")).toBe(plain(euro(COUNTED)));
    expect(await totalOf("difference", "settled")).toBe(plain(euro(COUNTED - (FLOAT + firstAnnaShift!.expectedCashCents))));
    expect(await totalOf("expected", "open")).toBe(plain(euro(expected.Anna.expectedCashCents + expected.Ben.expectedCashCents)));
    expect(plain(await page.getByTestId("report-to-settle").textContent())).toBe("Noch abzurechnen: 2 von 2 Bedienungen (Anna, Ben).");

    await page.getByRole("button", { name: "Drucken" }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    // In print the menu and the button are gone.
    // A4 landscape at 96 dpi, less the 12 mm margins: the report must fit its width.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 1032, height: 704 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1032);
    expect(await adminNav(page).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Drucken" }).isVisible()).toBe(false);
    await page.screenshot({ path: join(screenshotDir, "admin-print.png"), fullPage: true });
    await page.close();
  });

  test("a waiter who takes the card tip from the cash and hands in what Meine Kasse says settles at 0,00 €", async () => {
    const carla = await apiLogin(server.base, "Carla", PINS.waiter);
    const order = await placeOrder(carla, "C1", [{ product: "pils", qty: 2 }, { product: "cola", qty: 4 }]);
    const pils = order.tickets.flatMap((t) => t.items).find((i) => i.product === "pils")!;
    const cola = order.tickets.flatMap((t) => t.items).find((i) => i.product === "cola")!;
    // One guest pays the Pils in cash with a 0,70 tip, the other the Colas by card with a 0,50 tip.
    await pay(carla, "C1", { method: "cash", items: [{ order: order.id, line: pils.line, qty: 2 }], tipCents: 70, tenderedCents: 2000 });
    await pay(carla, "C1", { method: "card", items: [{ order: order.id, line: cola.line, qty: 4 }], tipCents: 50 });
    // By hand: her bag holds the Pils with their deposit and the 0,70 tip. The tips are hers: she
    // keeps the 0,70 and takes the 0,50 the card guest gave her out of the bag.
    const cashTaken = 2 * (pils.unitCents + pils.depositCents);
    const handsIn = cashTaken + 70 - 70 - 50;

    const phone = await openPhone(browser, server.base, "Carla");
    await phone.page.getByRole("button", { name: /^Carla/ }).click();
    await phone.page.getByRole("button", { name: "Meine Kasse" }).click();
    const said = phone.page.getByTestId("expected-cash");
    await expect.poll(async () => plain(await said.locator("strong").textContent())).toBe(plain(euro(handsIn)));
    expect(plain(await phone.page.getByTestId("cash-rule").textContent())).toBe(plain(`= Bar ${euro(cashTaken)} − Trinkgeld per Karte ${euro(50)}: das nimmst du dir aus der Kasse`));
    expect(phone.errors).toEqual([]);
    await phone.context.close();

    // The organiser gave her 30,00 € and counts the float plus what the phone told her.
    const page = await openAdmin(screen, "#/settlement");
    const section = page.locator('[data-testid="waiter-shift"][data-waiter="Carla"]');
    await expect.poll(async () => plain(await section.locator('[data-figure="expectedCash"]').textContent())).toBe(plain(euro(handsIn)));
    await section.getByLabel("Wechselgeld ausgegeben").fill("30,00");
    await section.getByLabel("Bargeld gezählt (mit Wechselgeld)").fill(((3000 + handsIn) / 100).toFixed(2).replace(".", ","));
    await expect.poll(async () => plain(await section.getByTestId("difference").textContent())).toBe(plain(euro(0)));
    await section.getByRole("button", { name: "Abrechnung speichern" }).click();
    await section.getByTestId("stored").waitFor();
    expect(plain(await section.getByTestId("stored").textContent())).toMatch(new RegExp(`^Gespeichert um \\d\\d:\\d\\d: Differenz ${plain(euro(0))}$`));
    const row = page.locator('[data-testid="settlement-row"][data-waiter="Carla"]');
    await row.waitFor();
    expect(plain(await row.locator('[data-figure="difference"]').textContent())).toBe(plain(euro(0)));
    await page.close();
  });
});
