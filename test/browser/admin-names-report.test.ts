// Two things an organiser met on /admin (issue 20, items 6 and 7): a product name that reaches the
// 60 characters config.json takes says so where it is typed; and the "Abschlussbericht" fits a
// 1366 px laptop without sideways scrolling, sums settled cash against settled cash only, and says
// how many waiters are still to settle.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { hasChromium, launchBrowser, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { ADMIN, allOf, cashUpConfig, euro, openAdmin, pay, plain } from "./admin-helpers.ts";

describe.skipIf(!hasChromium)("admin: name limit and the end-of-night report", () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer(cashUpConfig());
    browser = await launchBrowser();
    laptop = await browser.newContext({ baseURL: server.base, viewport: { width: 1366, height: 768 } });
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a product name at 60 characters says that the name is full, where it is typed", async () => {
    const page = await openAdmin(laptop, "#/menu");
    const long = "Flammkuchen Elsässer Art mit Speck, Zwiebeln und Crème fraîche";
    expect(long.length).toBeGreaterThan(60);
    // Adding a product.
    const add = page.getByRole("form", { name: "Produkt hinzufügen" });
    await add.getByLabel("Name").fill("Flammkuchen");
    expect(await add.getByTestId("name-limit").count()).toBe(0);
    await add.getByLabel("Name").fill(long.slice(0, 50));
    expect(plain(await add.getByTestId("name-limit").textContent())).toBe("50 / 60 Zeichen");
    await add.getByLabel("Name").fill(long);
    expect(await add.getByLabel("Name").inputValue()).toBe(long.slice(0, 60));
    expect(plain(await add.getByTestId("name-limit").textContent())).toContain("60 / 60 Zeichen · Ein Name hat höchstens 60 Zeichen");
    // Editing one.
    await page.getByRole("button", { name: "Bearbeiten: Cola", exact: true }).click();
    const row = page.locator(".menu-row.open");
    await row.getByLabel("Name").fill(long);
    expect(plain(await row.getByTestId("name-limit").textContent())).toContain("Ein Name hat höchstens 60 Zeichen");
    await page.screenshot({ path: join(screenshotDir, "admin-name-limit.png") });
    await page.close();
  });

  test("the report fits 1366 px, sums settled against settled, and says who is still to settle", async () => {
    const waiters: Record<string, Client> = {};
    const cash: Record<string, number> = {};
    for (const [name, table] of [["Anna", "A1"], ["Ben", "A2"], ["Carla", "A3"]] as const) {
      const waiter = (waiters[name] = await apiLogin(server.base, name, server.config.access!.waiterPin));
      const order = await placeOrder(waiter, table, [{ product: "cola", qty: 2 }, { product: "pils", qty: 1 }]);
      const payment = await pay(waiter, table, { method: "cash", items: allOf(order), tenderedCents: 5000 });
      cash[name] = payment.totalCents;
    }
    // Only Anna is settled: float 50,00 €, counted 1,00 € short of what she should hand in.
    const counted = 5000 + cash.Anna! - 100;
    const stored = await admin.post("/settlements", { id: crypto.randomUUID(), waiter: "Anna", floatCents: 5000, countedCents: counted });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);

    const page = await openAdmin(laptop, "#/print");
    const totals = page.getByTestId("report-totals");
    await totals.waitFor();
    const figure = async (row: string, f: string) => plain(await totals.locator(`[data-total="${row}"] [data-figure="${f}"]`).innerText());
    // Settled against settled: Anna's expected cash (float included) against what was counted from her.
    await expect.poll(() => figure("settled", "expected")).toBe(plain(euro(5000 + cash.Anna!)));
    expect(await figure("settled", "counted")).toBe(plain(euro(counted)));
    expect(await figure("settled", "difference")).toBe(plain(euro(-100)));
    // The others' cash stands apart, with no counted cash set against it.
    expect(await figure("open", "expected")).toBe(plain(euro(cash.Ben! + cash.Carla!)));
    expect(await figure("open", "counted")).toBe("–");
    expect(plain(await page.getByTestId("report-to-settle").textContent())).toBe("Noch abzurechnen: 2 von 3 Bedienungen (Ben, Carla).");
    // Every sale of the evening is still in the overall cash figure.
    expect(await figure("all", "cash")).toBe(plain(euro(cash.Anna! + cash.Ben! + cash.Carla!)));

    // 1366 px: no sideways scrolling, neither the page nor the table.
    await page.screenshot({ path: join(screenshotDir, "admin-print-1366.png"), fullPage: true });
    const widths = await page.evaluate(() => {
      const scroller = document.querySelector('[data-testid="report"] .scroll') as HTMLElement;
      return { page: document.documentElement.scrollWidth, table: scroller.scrollWidth, box: scroller.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(1366);
    expect(widths.table).toBeLessThanOrEqual(widths.box);
    await page.close();
  });
});
