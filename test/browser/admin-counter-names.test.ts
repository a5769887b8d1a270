// A counter order on /admin (issue 22): the payments list, the audit and a waiter's open tables name
// it by its cash desk and number ("Grill · Nr. 1"), never by its bill key "#<order id>".
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { counterBill, type Menu, type Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, type Client } from "./api-client.ts";
import { ADMIN, openAdmin, pay, plain, voidItem } from "./admin-helpers.ts";
import { writeDeskConfig } from "./desk-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("admin: a counter order named by its desk and number", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer(writeDeskConfig());
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Anna", PINS.waiter);
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("payments, audit and the settlement's open tables say 'Grill · Nr. …'", async () => {
    const menuVersion = (await waiter.get<Menu>("/menu")).version;
    const placed = await waiter.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), counter: "grill", menuVersion, items: [{ product: "cola", qty: 3 }] });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const order = placed.body.order;
    const key = counterBill(order.id);
    const name = `Grill · Nr. ${order.number}`;
    await voidItem(admin, order, 0, 1, false);
    await pay(waiter, key, { method: "cash", items: [{ order: order.id, line: 0, qty: 1 }] });

    const page = await openAdmin(screen, "#/payments");
    const row = page.getByTestId("payment").first();
    await row.waitFor();
    expect(plain(await row.getByTestId("payment-place").textContent())).toBe(name);
    expect(await row.textContent()).not.toContain("#");
    await row.getByRole("button", { name: "Zurückbuchen" }).click();
    expect(plain(await row.textContent())).toContain(`an ${name} zurückbuchen?`);

    await page.goto("/admin#/audit");
    const audit = page.getByTestId("audit-entry");
    await expect.poll(() => audit.count()).toBe(1);
    expect(plain(await audit.first().getByTestId("audit-place").textContent())).toBe(name);

    // One Cola is still open: Anna's shift lists it by its desk and number.
    await page.goto("/admin#/settlement");
    const shift = page.locator('[data-testid="waiter-shift"][data-waiter="Anna"]');
    await shift.waitFor();
    expect(plain(await shift.textContent())).toContain(`Offene Tische: ${name}`);
    expect(await shift.textContent()).not.toContain(key);
  });
});
