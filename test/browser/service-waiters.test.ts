// Drafts and queued orders belong to the waiter who made them, not to the phone: after "switch
// waiter" the next one starts empty, is told what the previous one left, and never sends it under
// their own name; the previous waiter's order goes out when she logs in again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, logIn, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { networkGone } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: drafts and the outbox per waiter", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  let link: Link;

  beforeAll(async () => {
    server = await startTestServer();
    link = await startLink(server.base);
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  const waitersOf = async (table: string) => {
    const res = await apiCall<{ orders: Order[] }>(server.base, admin, "GET", `/tables/${table}/orders`);
    expect(res.status).toBe(200);
    return res.body.orders.map((o) => o.waiter);
  };
  const switchWaiter = async (page: Page, from: string) => {
    await page.getByRole("button", { name: new RegExp(`^${from}`) }).click();
    await page.getByRole("button", { name: "Bedienung wechseln" }).click();
    await page.getByRole("heading", { name: "Anmelden für Bedienung" }).waitFor();
  };
  const order = async (page: Page) => {
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
  };

  it("keeps Anna's draft and queued order for Anna: Ben starts empty and sends only his own", async () => {
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    // Anna queues a Pils for A2 with no network, and starts a Radler for A3.
    await openTable(page, "A2", "Bier");
    await networkGone(context, link, true);
    await page.locator('[data-product="pils"]').click();
    await order(page);
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("1 ungesendet");
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    await openTable(page, "A3", "Bier");
    await page.locator('[data-product="radler"]').click();
    await page.locator('[data-line="radler"]').waitFor();

    await switchWaiter(page, "Anna");
    const left = page.getByTestId("left-behind");
    expect(await left.textContent()).toContain("Anna hat 1 Entwurf und 1 ungesendete Bestellung");
    expect(await left.textContent()).toContain("erst gesendet, wenn Anna sich wieder anmeldet");

    // The network is back while the login waits: nothing of Anna's goes out without her.
    await networkGone(context, link, false);
    await logIn(page, "Ben", PINS.waiter);
    // Ben is where Anna left off, at A3: her Radler is not his draft.
    await page.getByRole("button", { name: /^Ben/ }).waitFor();
    await page.locator('[data-product="radler"]').waitFor();
    expect(await page.locator("[data-line]").count()).toBe(0);
    expect(await page.getByTestId("unsent").count()).toBe(0);
    await page.locator('[data-product="pils"]').click();
    await order(page);
    await expect.poll(() => waitersOf("A3")).toEqual(["Ben"]);
    // Ben's outbox page still says whose the waiting order is.
    await page.goto("/service#/outbox");
    expect(await page.getByTestId("left-behind").textContent()).toContain("Anna hat 1 Entwurf und 1 ungesendete Bestellung");
    await page.waitForTimeout(1500);
    expect(await waitersOf("A2")).toEqual([]);

    // Anna again: her order goes out under her name and her draft is back.
    await page.goto("/service#/table/A3");
    await switchWaiter(page, "Ben");
    await logIn(page, "Anna", PINS.waiter);
    await expect.poll(() => waitersOf("A2"), { timeout: 15_000 }).toEqual(["Anna"]);
    expect(await waitersOf("A3")).toEqual(["Ben"]);
    await page.locator('[data-line="radler"]').waitFor();
    expect(await page.getByTestId("unsent").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
