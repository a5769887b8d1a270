// A counter order the desk left unpaid (the guest walked off, the phone was switched off before
// "Kassieren") shows under "Meine Kasse" by its desk and number. Tapping it opens its bill like a
// table's: the waiter takes the money there (or voids it), and cannot order onto it or move it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { counterBill } from "../../worker/protocol/counter.ts";
import type { Menu, Order } from "../../worker/protocol.ts";
import { apiLogin, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money, payEverything } from "./service-pay-helpers.ts";
import { counterOrder, writeDeskConfig } from "./desk-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("cash desk: a bill it left open", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;

  beforeAll(async () => {
    server = await startTestServer(writeDeskConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens from Meine Kasse by its desk and number, is paid there, and offers no menu and no move", async () => {
    const menu = await anna.get<Menu>("/menu");
    const placed = await anna.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), counter: "grill", menuVersion: menu.version, items: [{ product: "cola", qty: 2 }] });
    expect(placed.status).toBe(201);
    const order = placed.body.order;
    const place = `Grill · Nr. ${order.number}`;

    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.getByRole("button", { name: /^Anna/ }).click();
    await page.getByRole("button", { name: "Meine Kasse" }).click();
    await page.getByRole("button", { name: place }).click();

    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(place);
    await expect.poll(async () => money(await page.getByTestId("bill-total").textContent())).toBe("5,00 €");
    expect(await page.getByRole("button", { name: "Verlauf" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Umsetzen" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Karte", exact: true }).count()).toBe(0);

    await payEverything(page, "Bar", "5,00 €");
    await expect.poll(async () => (await counterOrder(anna, order.id)).payments.map((p) => [p.table, p.method, p.totalCents])).toEqual([[counterBill(order.id), "cash", 500]]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
