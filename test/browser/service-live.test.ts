// What the stream brings to the waiter's phone: sold out while the table is open, a refused order
// that explains what changed in the menu, and the notice when the bar has an order ready.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hasChromium, launchBrowser, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { networkGone } from "./service-pay-helpers.ts";
import { apiCall, apiLogin, openPhone, openTable, tableOrderCount } from "./service-helpers.ts";
import type { Order, Ticket } from "../../worker/protocol.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: live changes", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  let station: string;
  let link: Link;

  beforeAll(async () => {
    server = await startTestServer();
    link = await startLink(server.base);
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
    station = await apiLogin(server.base, "Theke", PINS.station);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  const setSoldOut = async (product: string, soldOut: boolean) => {
    const res = await apiCall(server.base, admin, "PUT", `/products/${product}/availability`, { soldOut });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it("strikes a product through the moment it is sold out, and brings it back", async () => {
    const { page, context } = await openPhone(browser, server.base);
    await openTable(page, "A4", "Bier");
    const tile = page.locator('[data-product="hefeweizen"]');
    expect(await tile.isDisabled()).toBe(false);
    await setSoldOut("hefeweizen", true);
    await expect.poll(() => tile.isDisabled()).toBe(true);
    expect(await tile.getAttribute("class")).toContain("soldout");
    expect(await tile.textContent()).toContain("ausverkauft");
    await setSoldOut("hefeweizen", false);
    await expect.poll(() => tile.isDisabled()).toBe(false);
    await context.close();
  });

  it("explains a refused order (menu changed: sold out) and sends the rest after review", async () => {
    const { page, context, errors } = await openPhone(browser, link.base);
    await openTable(page, "A5", "Bier");
    await page.locator('[data-product="pils"]').click();
    await page.locator('[data-product="radler"]').click();
    // Ordered with no network; the Radler sells out before the phone is back: the server refuses it.
    // (A sold-out line the phone knows of cannot be ordered at all: service-review-problems.test.ts.)
    await networkGone(context, link, true);
    await page.getByRole("button", { name: "Prüfen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByTestId("stage").first().waitFor();
    await setSoldOut("radler", true);
    await networkGone(context, link, false);

    const problem = page.getByTestId("problem");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("Radler: ausverkauft");
    expect(await page.getByTestId("stage").first().textContent()).toBe("abgelehnt");
    expect(await tableOrderCount(server.base, admin, "A5")).toBe(0);
    // A refused order waits for the waiter, not for the network.
    // It needs attention: it is counted apart and never shown as merely unsent.
    expect(await page.getByTestId("attention").textContent()).toBe("1 Prüfen nötig");
    expect(await page.getByTestId("unsent").count()).toBe(0);

    await page.getByRole("button", { name: "Anpassen" }).click();
    await expect.poll(() => page.locator("[data-line]").count()).toBe(1);
    expect(await page.locator('[data-line="pils"]').count()).toBe(1);
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByText("an der Station").first().waitFor();
    const orders = await apiCall<{ orders: Order[] }>(server.base, admin, "GET", "/tables/A5/orders");
    expect(orders.body.orders).toHaveLength(1);
    expect(orders.body.orders[0]!.tickets.flatMap((t) => t.items.map((i) => i.product))).toEqual(["pils"]);
    await setSoldOut("radler", false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells the waiter when the bar has the order ready, and flags the table", async () => {
    const { page, context } = await openPhone(browser, server.base);
    await openTable(page, "B1", "Bier");
    await page.locator('[data-product="pils"]').click();
    await page.getByRole("button", { name: "Prüfen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByText("an der Station").first().waitFor();

    // Another waiter's order becomes ready too: no notice for Anna.
    const menu = await apiCall<{ version: number }>(server.base, admin, "GET", "/menu");
    const other = await apiCall(server.base, admin, "POST", "/orders", { id: crypto.randomUUID(), table: "B2", menuVersion: menu.body.version, items: [{ product: "cola", qty: 1 }] });
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    const { body } = await apiCall<{ tickets: Ticket[] }>(server.base, station, "GET", "/tickets?station=bar&state=open");
    for (const ticket of body.tickets.filter((t) => t.table === "B1" || t.table === "B2")) {
      const res = await apiCall(server.base, station, "POST", `/tickets/${encodeURIComponent(ticket.id)}/bump`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const notice = page.getByTestId("ready-notice");
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    expect(await notice.textContent()).toContain("Fertig: Tisch B1 bei Getränke");
    expect(await page.getByText("fertig", { exact: true }).count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Zurück" }).click();
    await expect.poll(() => page.locator('[data-table="B1"]').getAttribute("class")).toContain("ready");

    await notice.getByRole("button", { name: "Abgeholt" }).click();
    await notice.waitFor({ state: "detached" });
    const ticket = body.tickets.find((t) => t.table === "B1")!;
    await expect
      .poll(async () => (await apiCall<{ tickets: Ticket[] }>(server.base, station, "GET", "/tickets?station=bar")).body.tickets.find((t) => t.id === ticket.id)?.pickedUpAt)
      .not.toBeNull();
    await context.close();
  });
});
