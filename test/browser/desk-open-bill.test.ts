// A counter order the desk left unpaid (the guest walked off, the phone was switched off before
// "Kassieren") shows under "Meine Kasse" by its desk and number. Tapping it opens its bill like a
// table's: the waiter takes the money there (or voids it), and cannot order onto it or move it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { counterBill } from "../../worker/protocol/counter.ts";
import { apiLogin, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { money, payEverything } from "./service-pay-helpers.ts";
import { counterOrder, unpaidCounterOrder, writeDeskConfig } from "./desk-helpers.ts";
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
    const order = await unpaidCounterOrder(anna, [{ product: "cola", qty: 2 }]);
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

    await page.getByRole("button", { name: "Kassieren" }).click();
    await page.getByRole("dialog", { name: `Kassieren ${place}` }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Schließen" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await payEverything(page, "Bar", "5,00 €");
    await expect.poll(async () => (await counterOrder(anna, order.id)).payments.map((p) => [p.table, p.method, p.totalCents])).toEqual([[counterBill(order.id), "cash", 500]]);
    await expect.poll(() => page.getByTestId("receipt-offer").textContent()).toContain(`${place} bezahlt: 5,00`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is voided there with Storno and the admin PIN, by its desk and number", async () => {
    const order = await unpaidCounterOrder(anna, [{ product: "cola", qty: 1 }]);
    const place = `Grill · Nr. ${order.number}`;
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.goto(`${server.base}/service#/table/${encodeURIComponent(counterBill(order.id))}`);
    await page.getByRole("button", { name: "Storno" }).click();
    const sheet = page.getByRole("dialog", { name: `Storno ${place}` });
    await sheet.getByRole("button", { name: /1× Cola/ }).click();
    await sheet.getByRole("button", { name: "Gast storniert" }).click();
    await sheet.getByPlaceholder("Admin-PIN").fill(PINS.admin);
    await sheet.getByRole("button", { name: "1× stornieren" }).click();
    await expect.poll(async () => (await counterOrder(anna, order.id)).order.tickets.flatMap((t) => t.items).map((i) => i.voidedQty)).toEqual([1]);
    await expect.poll(async () => (await anna.get<{ openCents: number }>(`/tables/${encodeURIComponent(counterBill(order.id))}/bill`)).openCents).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
