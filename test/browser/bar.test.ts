// Station screens (issue #4): live tickets per station, item and ticket bumps with undo,
// auto_close, all-day counts, and the runners' pickup view. A waiter places orders through the
// API (as the phone would); the station screen is a 1280×800 browser page.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { hasChromium, launchBrowser, logIn, phoneContext, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { PINS } from "../pins.ts";



const card = (page: Page, table: string) => page.getByTestId("ticket-card").filter({ has: page.locator(".table", { hasText: new RegExp(`^${table}$`) }) });
const doneEntry = (page: Page, table: string) => page.getByTestId("done-ticket").filter({ has: page.locator(".table", { hasText: new RegExp(`^${table}$`) }) });
const allDay = (page: Page, name: string) => page.getByTestId("all-day").locator("li").filter({ has: page.locator(".name", { hasText: new RegExp(`^${name}$`) }) }).locator(".qty");
/**
 * Taps an item as the bartender does once it is no longer dimmed: its state can arrive over the
 * stream before the tap's own request has returned, and a tap meanwhile counts as a double tap.
 */
async function tap(item: Locator) {
  await expect.poll(() => item.getAttribute("aria-busy")).toBe("false");
  await item.click();
}

describe.skipIf(!hasChromium)("station screens", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Anna", PINS.waiter);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a new order appears on each station without a reload, with only that station's items", async () => {
    const bar = await openStation(screen, "/bar/bar");
    const kitchen = await screen.newPage();
    await kitchen.goto("/bar/kitchen");
    await kitchen.getByTestId("open-count").waitFor();

    await placeOrder(waiter, "A1", [
      { product: "pils", qty: 2 },
      { product: "schnitzelweck", qty: 1, note: "<b>ohne</b> Senf", options: ["mit Mayo"] },
      { product: "cola", qty: 1, options: ["ohne Eis"] },
    ]);

    const barCard = card(bar, "A1");
    await expect.poll(() => barCard.count()).toBe(1);
    await expect.poll(() => barCard.locator(".item .name").allTextContents()).toEqual(["Pils", "Cola"]);
    expect(await barCard.textContent()).toContain("Anna");
    expect(await barCard.locator(".options").textContent()).toBe("ohne Eis");
    // The sibling ticket at the kitchen is shown on the card.
    expect(await barCard.locator(".sibling").textContent()).toBe("Küche: in Arbeit");

    const kitchenCard = card(kitchen, "A1");
    await expect.poll(() => kitchenCard.count()).toBe(1);
    await expect.poll(() => kitchenCard.locator(".item .name").allTextContents()).toEqual(["Schnitzelweck"]);
    // A note is text, never markup.
    expect(await kitchenCard.locator(".note").textContent()).toBe("<b>ohne</b> Senf");
    expect(await kitchenCard.locator(".note b").count()).toBe(0);

    await expect.poll(() => allDay(bar, "Pils").textContent()).toBe("2");
    await expect.poll(() => allDay(kitchen, "Schnitzelweck").textContent()).toBe("1");
    expect(await allDay(bar, "Schnitzelweck").count()).toBe(0);

    // The bar finishes first: its ticket waits for the kitchen ("partly done").
    await barCard.getByRole("button", { name: "Fertig" }).click();
    await expect.poll(() => barCard.count()).toBe(0);
    await expect.poll(() => bar.getByTestId("partly-done").getByTestId("done-ticket").filter({ hasText: "A1" }).count()).toBe(1);
    expect(await bar.getByTestId("partly-done").textContent()).toContain("Küche arbeitet noch");
    // The kitchen card shows that the bar is done.
    await expect.poll(() => kitchenCard.locator(".sibling").textContent()).toBe("Getränke: fertig");

    await kitchenCard.getByRole("button", { name: "Fertig" }).click();
    await expect.poll(() => bar.getByTestId("partly-done").count()).toBe(0);
    await expect.poll(() => doneEntry(bar, "A1").count()).toBe(1);
    await kitchen.close();
    await bar.close();
  });

  test("bumps items and tickets, closes a ticket with its last item (auto_close), undoes, and keeps the all-day counts live", async () => {
    const bar = await openStation(screen, "/bar/bar");
    await placeOrder(waiter, "A2", [
      { product: "pils", qty: 3 },
      { product: "cola", qty: 1 },
    ]);
    const a2 = card(bar, "A2");
    await expect.poll(() => a2.count()).toBe(1);
    const pilsBefore = Number(await allDay(bar, "Pils").textContent());
    expect(pilsBefore).toBeGreaterThanOrEqual(3);

    // Bump one item: it is struck through and leaves the all-day count.
    await tap(a2.locator(".item", { hasText: "Cola" }));
    await expect.poll(() => a2.locator(".item", { hasText: "Cola" }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => allDay(bar, "Cola").count()).toBe(0);

    // Undo the item with a second tap.
    await tap(a2.locator(".item", { hasText: "Cola" }));
    await expect.poll(() => a2.locator(".item", { hasText: "Cola" }).getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => allDay(bar, "Cola").textContent()).toBe("1");

    // Bumping both items closes the ticket (auto_close is on in config.json).
    await tap(a2.locator(".item", { hasText: "Cola" }));
    await expect.poll(() => a2.locator(".item", { hasText: "Cola" }).getAttribute("aria-pressed")).toBe("true");
    await tap(a2.locator(".item", { hasText: "Pils" }));
    await expect.poll(() => a2.count()).toBe(0);
    await expect.poll(() => doneEntry(bar, "A2").count()).toBe(1);
    await expect.poll(async () => Number((await allDay(bar, "Pils").count()) ? await allDay(bar, "Pils").textContent() : 0)).toBe(pilsBefore - 3);

    // One tap in the recall list reopens it, with all its items open again.
    await doneEntry(bar, "A2").getByRole("button", { name: "Zurückholen" }).click();
    await expect.poll(() => a2.count()).toBe(1);
    await expect.poll(() => a2.locator('.item[aria-pressed="true"]').count()).toBe(0);
    await expect.poll(() => allDay(bar, "Pils").textContent()).toBe(String(pilsBefore));

    // Bump the whole ticket, then undo with the key.
    await a2.getByRole("button", { name: "Fertig" }).click();
    await expect.poll(() => a2.count()).toBe(0);
    await bar.keyboard.press("Backspace");
    await expect.poll(() => a2.count()).toBe(1);
    await a2.getByRole("button", { name: "Fertig" }).click();
    await expect.poll(() => a2.count()).toBe(0);
    await bar.close();
  });

  test("the pickup view lists a ready ticket by table until a runner marks it picked up", async () => {
    const bar = await openStation(screen, "/bar/bar");
    const order = await placeOrder(waiter, "C3", [{ product: "radler", qty: 2 }]);
    const ticketId = order.tickets.find((t) => t.station === "bar")!.id;

    // The runner uses a phone with a waiter login.
    const phone = await phoneContext(browser, server.base);
    const runner = await phone.newPage();
    await runner.goto("/bar/pickup");
    await logIn(runner, "Ben", PINS.waiter);
    await runner.getByRole("heading", { name: "Abholung" }).waitFor();
    const entry = runner.locator(`[data-testid="pickup-ticket"][data-ticket="${ticketId}"]`);
    expect(await entry.count()).toBe(0);

    await card(bar, "C3").getByRole("button", { name: "Fertig" }).click();
    await expect.poll(() => entry.count()).toBe(1);
    expect(await runner.locator('[data-testid="pickup-table"][data-table="C3"] h2').textContent()).toBe("Tisch C3");
    expect(await entry.textContent()).toContain("2× Radler");

    await entry.getByRole("button", { name: "Abgeholt" }).click();
    await expect.poll(() => entry.count()).toBe(0);
    const stored = await waiter.get<{ tickets: { id: string; pickedUpAt: number | null }[] }>("/tickets?station=bar&q=C3");
    expect(stored.tickets.find((t) => t.id === ticketId)?.pickedUpAt).toEqual(expect.any(Number));
    await phone.close();
    await bar.close();
  });

  test("a waiter login on a station screen gets a clear message and can switch user", async () => {
    const phone = await phoneContext(browser, server.base);
    const page = await phone.newPage();
    await page.goto("/bar/bar");
    await logIn(page, "Ben", PINS.waiter);
    await page.getByText("Die Stationsbildschirme brauchen die Stations-PIN").waitFor();
    await page.getByRole("button", { name: "Benutzer wechseln" }).click();
    await logIn(page, "Theke", PINS.station);
    await page.getByTestId("open-count").waitFor();
    await phone.close();
  });

  test("/bar lists the stations and opens the chosen one", async () => {
    const page = await screen.newPage();
    await page.goto("/bar");
    await page.getByRole("heading", { name: "Station wählen" }).waitFor();
    await page.getByRole("link", { name: /Küche/ }).click();
    await page.getByRole("heading", { name: "Küche" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/bar/kitchen");
    await page.goBack();
    await page.getByRole("heading", { name: "Station wählen" }).waitFor();
    await page.close();
  });
});
