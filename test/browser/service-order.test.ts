// The waiter's whole order flow on a phone: login, map, table page, review, send, and the order
// arriving at the bar; the amount field; notes shown as text everywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hasChromium, launchBrowser, logIn, startTestServer, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable, tableOrderCount } from "./service-helpers.ts";
import type { Ticket } from "../../worker/protocol.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: ordering", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  let station: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
    station = await apiLogin(server.base, "Theke", PINS.station);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("takes an order from login to the bar's ticket list", async () => {
    const { page, context, errors } = await openPhone(browser, server.base);
    await openTable(page, "A1", "Bier");
    await page.locator('[data-product="pils"]').click();
    await page.locator('[data-product="pils"]').click();
    await page.getByRole("button", { name: /^Alkoholfrei/ }).click();
    await page.locator('[data-product="cola"]').click();
    await page.getByRole("button", { name: "mit Zitrone" }).click();
    // 2 × (3,00 + 2,00 deposit) + 2,50: the total the bill will show, deposit included.
    await expect.poll(() => page.getByTestId("draft-total").textContent()).toContain("12,50");
    await page.getByRole("button", { name: "Prüfen" }).click();
    const sheet = page.getByRole("dialog");
    await expect.poll(() => sheet.textContent()).toMatch(/2×\s*Pils/);
    expect(await page.getByTestId("review-total").textContent()).toContain("12,50");
    expect(await page.getByTestId("review-deposit").textContent()).toContain("davon Pfand 4,00");
    await sheet.getByRole("button", { name: "Bestellen" }).click();
    // The order shows on the table page and reaches the station.
    await page.getByText("an der Station").first().waitFor();
    const bar = await apiCall<{ tickets: Ticket[] }>(server.base, station, "GET", "/tickets?station=bar");
    expect(bar.status).toBe(200);
    expect(bar.body.tickets).toHaveLength(1);
    const items = bar.body.tickets[0]!.items.map((i) => [i.product, i.qty, i.options]);
    expect(items).toEqual([
      ["pils", 2, []],
      ["cola", 1, ["mit Zitrone"]],
    ]);
    expect(await tableOrderCount(server.base, admin, "A1")).toBe(1);
    // Back on the map, A1 is highlighted as open.
    await page.getByRole("button", { name: "Zurück" }).click();
    await expect.poll(() => page.locator('[data-table="A1"]').getAttribute("class")).toContain("open");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a typed amount a whole number from 1 to 999", async () => {
    const { page, context } = await openPhone(browser, server.base);
    await openTable(page, "A2", "Bier");
    await page.locator('[data-product="pils"]').click();
    const amount = page.getByRole("textbox", { name: "Anzahl Pils" });
    const typed = async (text: string) => {
      await amount.fill(text);
      await amount.press("Tab");
      return amount.inputValue();
    };
    expect(await typed("5")).toBe("5");
    expect(await typed("1e3")).toBe("1");
    expect(await typed("7")).toBe("7");
    expect(await typed("-5")).toBe("7");
    expect(await typed("2.5")).toBe("2");
    expect(await typed("0x10")).toBe("1");
    expect(await typed("")).toBe("1");
    expect(await typed("999999")).toBe("999");
    expect(await typed("0")).toBe("1");
    expect(await typed("abc")).toBe("1");
    // The plus button stops at 999, the minus button at 1.
    expect(await typed("999")).toBe("999");
    expect(await page.getByRole("button", { name: "+" }).isDisabled()).toBe(true);
    expect(await typed("1")).toBe("1");
    expect(await page.getByRole("button", { name: "−" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "+" }).click();
    expect(await amount.inputValue()).toBe("2");
    expect(await page.getByTestId("draft-total").textContent()).toContain("10,00");
    await context.close();
  });

  it("shows a note that looks like HTML as text on every page that shows notes", async () => {
    const { page, context, dialogs } = await openPhone(browser, server.base);
    const note = "<img src=x onerror=alert(1)>";
    await openTable(page, "A3", "Essen");
    await page.locator('[data-product="pommes"]').click();
    await page.getByRole("button", { name: "Notiz" }).click();
    await page.getByRole("textbox", { name: "Notiz zu Pommes" }).fill(note);
    await page.getByRole("button", { name: "Prüfen" }).click();
    expect(await page.getByRole("dialog").getByTestId("note").textContent()).toBe(note);
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    // Table page (open orders), history, and the kitchen's ticket all carry the text unchanged.
    await page.getByText("an der Station").first().waitFor();
    expect(await page.getByTestId("note").first().textContent()).toBe(note);
    await page.getByRole("button", { name: "Verlauf" }).click();
    await page.getByRole("heading", { name: "Verlauf Tisch A3" }).waitFor();
    await expect.poll(() => page.getByTestId("note").first().textContent()).toBe(note);
    expect(await page.locator("main img").count()).toBe(0);
    const kitchen = await apiCall<{ tickets: Ticket[] }>(server.base, station, "GET", "/tickets?station=kitchen");
    expect(kitchen.body.tickets.at(-1)!.items[0]!.note).toBe(note);
    // The kitchen's station screen shows it as text too.
    const screen = await browser.newContext({ baseURL: server.base, viewport: { width: 1280, height: 800 } });
    const kitchenPage = await screen.newPage();
    kitchenPage.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await kitchenPage.goto("/bar/kitchen");
    await logIn(kitchenPage, "Küche", PINS.station);
    await kitchenPage.getByText(note, { exact: true }).first().waitFor();
    expect(await kitchenPage.locator('img[src="x"]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await screen.close();
    await context.close();
  });
});
