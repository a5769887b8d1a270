// A phone loads what it works with (issue 23): its snapshot holds the map and its waiter's own
// orders; another waiter's orders at a table come when the phone opens that table, stay live while
// it is open (new orders, payments), and come again after a reconnect. The map shows other
// waiters' tables as open from the server's figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Bill, Order } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

/** What the phone keeps for a reload: the orders it holds (written at once when the page is left). */
async function heldOrders(page: Page): Promise<Order[]> {
  return page.evaluate(() => {
    dispatchEvent(new Event("pagehide"));
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("mini-pos.live.") && k.endsWith(".service"));
    return key ? (JSON.parse(sessionStorage.getItem(key)!) as { orders: Order[] }).orders : [];
  });
}

describe.skipIf(!hasChromium)("waiter app: a table's orders come when it is opened", () => {
  let server: TestServer;
  let browser: Browser;
  let ben: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    ben = await apiLogin(server.base, "Ben", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The table's open total as the server's bill has it, written as the phone shows it. */
  const openOf = async (table: string) => {
    const { openCents } = await ben.get<Bill>(`/tables/${table}/bill`);
    return `${(openCents / 100).toFixed(2).replace(".", ",")} €`;
  };

  it("shows Ben's table as open on Anna's map, loads its orders when she opens it and keeps them live", async () => {
    const first = await placeOrder(ben, "C3", [{ product: "pils", qty: 2 }]);
    await placeOrder(ben, "C4", [{ product: "cola", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    // The map knows C3 and C4 are open, though Anna's phone holds none of Ben's orders.
    await expect.poll(() => page.locator('[data-table="C3"]').getAttribute("class")).toContain("open");
    expect(await page.locator('[data-table="C4"]').getAttribute("class")).toContain("open");
    await expect.poll(async () => (await heldOrders(page)).length).toBe(0);

    await page.locator('[data-table="C3"]').click();
    const bill = page.getByTestId("bill");
    await bill.waitFor();
    expect(await bill.locator("[data-bill-row]").count()).toBe(1);
    expect(money(await page.getByTestId("bill-total").textContent())).toBe(await openOf("C3"));
    expect((await heldOrders(page)).map((o) => o.id)).toEqual([first.id]);

    // Ben orders again at C3 while Anna has it open: it shows at once.
    await placeOrder(ben, "C3", [{ product: "cola", qty: 1 }]);
    const total = await openOf("C3");
    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe(total);

    // After a reconnect that brings a fresh snapshot, the table's orders are read again.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await bill.waitFor();
    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe(total);

    // Back on the map, Ben's orders are let go; C3 stays open on the map.
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    await expect.poll(async () => (await heldOrders(page)).length).toBe(0);
    expect(await page.locator('[data-table="C3"]').getAttribute("class")).toContain("open");
    expect(errors).toEqual([]);
    await context.close();
  });
});
