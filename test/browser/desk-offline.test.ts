// The cash desk (issue 22) with no network: a guest pays, the desk says the number follows, the next
// guest is served meanwhile, a reload keeps it all; when the WiFi is back each order and each payment
// is recorded exactly once, and the numbers show on the desk. A sale the server refuses goes back to the desk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiCall, apiLogin, loginCookie, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money, networkGone } from "./service-pay-helpers.ts";
import { counterOrder, deskSales, openDesk, tap, writeDeskConfig } from "./desk-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("cash desk: offline", () => {
  let server: TestServer;
  let browser: Browser;
  let link: Link;
  let anna: Client;

  beforeAll(async () => {
    server = await startTestServer(writeDeskConfig());
    link = await startLink(server.base);
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  it("sells with no network: the number follows, the next guest is served, each order and payment arrives once", async () => {
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    // The service worker must hold the app (and the desk, a lazily loaded part) before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
    await openDesk(page);
    await networkGone(context, link, true);

    await tap(page, "cola", 2);
    await page.getByRole("button", { name: "Kassieren", exact: true }).click();
    let sheet = page.getByRole("dialog", { name: "Kassieren" });
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "10,00 €", exact: true }).click();
    await sheet.getByRole("button", { name: "5,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    expect(money(await page.getByTestId("desk-change").textContent())).toBe("Rückgeld 5,00 €");
    await expect.poll(() => page.getByTestId("desk-number-waiting").textContent()).toBe("Nummer folgt, sobald das Netz wieder da ist");
    expect(await page.getByTestId("desk-number").count()).toBe(0);

    // The next guest is served meanwhile; the first one's number is still to come.
    await page.getByRole("button", { name: "Nächster Gast" }).click();
    await expect.poll(() => page.getByTestId("desk-earlier").textContent()).toContain("Nummer folgt");
    await tap(page, "pils");
    await page.getByRole("button", { name: "Kassieren", exact: true }).click();
    sheet = page.getByRole("dialog", { name: "Kassieren" });
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    await sheet.getByRole("button", { name: "5,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("unsent").textContent()).toBe("4 ungesendet");

    // A reload with no network keeps the screen and what waits.
    await page.reload();
    await expect.poll(() => page.getByTestId("desk-number-waiting").textContent(), { timeout: 15_000 }).toBe("Nummer folgt, sobald das Netz wieder da ist");
    expect(await page.getByTestId("desk-earlier").textContent()).toContain("Nummer folgt");
    const { current, earlier } = await deskSales(page);
    const ids = [earlier[0]!.order, current!.order];
    // Nothing has reached the server yet.
    for (const id of ids) expect((await apiCall(server.base, anna.cookie, "GET", `/orders/${id}`)).status).toBe(404);

    await networkGone(context, link, false);
    await page.getByTestId("unsent").waitFor({ state: "detached", timeout: 20_000 });
    const number = page.getByTestId("desk-number");
    await expect.poll(() => number.textContent(), { timeout: 10_000 }).toMatch(/^Nr\. \d+$/);
    const [first, second] = [await counterOrder(anna, ids[0]!), await counterOrder(anna, ids[1]!)];
    // Sent in the order they were made: the first guest has the lower number.
    expect([first.order.counter, second.order.number]).toEqual(["grill", first.order.number + 1]);
    expect(await number.textContent()).toBe(`Nr. ${second.order.number}`);
    await expect.poll(() => page.getByTestId("desk-earlier").textContent()).toContain(`Nr. ${first.order.number}`);
    expect(first.payments.map((p) => [p.method, p.totalCents, p.tenderedCents])).toEqual([["cash", 500, 1000]]);
    expect(second.payments.map((p) => [p.method, p.totalCents])).toEqual([["card", 500]]);

    // Nothing arrives twice, however the retries went.
    await page.waitForTimeout(1500);
    for (const id of ids) expect((await counterOrder(anna, id)).payments).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("takes a refused sale back to the desk: the sold-out line is dropped, its payment needs attention, nothing is recorded", async () => {
    const admin = await loginCookie(server.base, "Chefin", PINS.admin);
    const { page, context, errors } = await openPhone(browser, link.base, "Bert");
    await openDesk(page);
    await networkGone(context, link, true);
    await tap(page, "radler");
    await tap(page, "cola");
    await page.getByRole("button", { name: "Kassieren", exact: true }).click();
    const sheet = page.getByRole("dialog", { name: "Kassieren" });
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    await sheet.getByRole("button", { name: "7,50 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    const { current } = await deskSales(page);

    // Meanwhile the Radler runs out; then the network returns.
    const res = await apiCall(server.base, admin, "PUT", "/products/radler/availability", { soldOut: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await networkGone(context, link, false);
    await expect.poll(() => page.getByTestId("attention").textContent(), { timeout: 20_000 }).toBe("2 Prüfen nötig");
    expect(await page.getByTestId("desk-done").getByRole("alert").textContent()).toContain("abgelehnt");
    expect((await apiCall(server.base, admin, "GET", `/orders/${current!.order}`)).status).toBe(404);

    // "Anpassen" under "Prüfen nötig" brings the order back to the desk, without the Radler.
    await page.getByRole("button", { name: "Nächster Gast" }).click();
    await page.getByTestId("attention").click();
    // The refused payment names the desk, not the order's own bill.
    expect(await page.locator("[data-payment] .time").textContent()).toMatch(/· Kasse Grill$/);
    await page.getByRole("button", { name: "Anpassen" }).click();
    await page.getByTestId("desk").waitFor();
    expect(page.url()).toContain("#/counter/grill");
    expect(await page.getByTestId("desk").getByRole("alert").textContent()).toContain("Radler");
    await expect.poll(() => page.locator("[data-line]").evaluateAll((els) => els.map((e) => e.getAttribute("data-line")))).toEqual(["Cola"]);
    expect(money(await page.getByTestId("desk-total").textContent())).toBe("2,50 €");
    expect(errors).toEqual([]);
    await context.close();
  });
});
