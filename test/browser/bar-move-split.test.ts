// A partial move on the screens (issue 19 item 11): 2 of 4 Hefeweizen moved from C5 to E1. The
// bar's ticket names both tables and says where each part goes, the pickup view lists it under
// both, and on the waiter's phone E1's page shows the 2 that lie on E1 with their sum, C5's page
// the 2 that stay, each naming where the rest of the order is.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hasChromium, launchBrowser, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { openPhone, type Phone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

const plain = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

describe.skipIf(!hasChromium)("a partial move on the station, pickup and phone screens", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let station: Client;
  let phone: Phone;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
    station = await apiLogin(server.base, "Tresen", PINS.station);
    phone = await openPhone(browser, server.base, "Anna");
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The order card on a table's page on the phone. */
  async function cardOn(page: Page, table: string, order: string) {
    await page.goto(`/service#/table/${table}`);
    const card = page.locator(`article.order[data-order="${order}"]`);
    await card.waitFor();
    return card;
  }

  test("2 of 4 Hefeweizen moved from C5 to E1 go to E1 on the bar, the pickup and E1's page", async () => {
    const bar = await openStation(screen, "/bar/bar");
    const pickup = await screen.newPage();
    await pickup.goto("/bar/pickup");
    await pickup.getByRole("heading", { name: "Abholung" }).waitFor();

    const order = await placeOrder(waiter, "C5", [{ product: "hefeweizen", qty: 4 }]);
    const ticket = order.tickets.find((t) => t.station === "bar")!;
    const card = bar.locator(`[data-testid="ticket-card"][data-ticket="${ticket.id}"]`);
    await card.waitFor();
    expect(plain(await card.getByTestId("ticket-tables").textContent())).toBe("C5");
    expect(await card.getByTestId("line-parts").count()).toBe(0);

    const moved = await waiter.post("/tables/C5/move", { id: crypto.randomUUID(), to: "E1", items: [{ order: order.id, line: 0, qty: 2 }] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);

    // The bar, without a reload: the ticket goes to both tables, the line says how many to each.
    await expect.poll(async () => plain(await card.getByTestId("ticket-tables").textContent())).toBe("C5 · E1");
    const parts = card.locator('li[data-line="0"] [data-testid="line-parts"] .part');
    expect((await parts.allTextContents()).map(plain)).toEqual(["2× → C5", "2× → E1"]);
    expect(plain(await card.locator('li[data-line="0"] .qty').textContent())).toBe("4×");
    await bar.screenshot({ path: join(screenshotDir, "bar-move-split.png") });

    // Ready: the runner sees it under both tables, each part named.
    expect((await station.post(`/tickets/${ticket.id}/bump`)).status).toBe(200);
    const entry = pickup.locator(`[data-testid="pickup-table"][data-table="C5 · E1"] [data-ticket="${ticket.id}"]`);
    await entry.waitFor();
    expect(plain(await entry.getByTestId("line-parts").textContent())).toBe("2× → C5 · 2× → E1");

    // The phone: E1's page shows the 2 on E1 and their sum (2 × 3,80 € + 2 × 2,00 € deposit), C5's the 2 that stay.
    const onE1 = await cardOn(phone.page, "E1", order.id);
    expect(plain(await onE1.locator('li[data-line="0"] .qty').textContent())).toBe("2×");
    expect(plain(await onE1.getByTestId("order-total").textContent())).toBe("11,60 €");
    expect(plain(await onE1.getByTestId("order-elsewhere").textContent())).toBe("Rest der Bestellung an C5");
    const onC5 = await cardOn(phone.page, "C5", order.id);
    expect(plain(await onC5.locator('li[data-line="0"] .qty').textContent())).toBe("2×");
    expect(plain(await onC5.getByTestId("order-total").textContent())).toBe("11,60 €");
    expect(plain(await onC5.getByTestId("order-elsewhere").textContent())).toBe("Rest der Bestellung an E1");
    expect(phone.errors).toEqual([]);
    await bar.close();
    await pickup.close();
  });
});
