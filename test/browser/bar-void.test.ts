// Voids on the station screen (issue 8): a voided quantity is struck through at once, without a
// reload, and not counted in the all-day panel; a wholly voided line is struck through entirely.
// A paid and done order leaves live state, but its ticket stays in the "recently done" list.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { ADMIN, allOf, pay, plain, voidItem } from "./admin-helpers.ts";
import { PINS } from "../pins.ts";

const barTicket = (order: Order) => order.tickets.find((t) => t.station === "bar")!;
const line = (page: Page, ticket: string, n: number) => page.locator(`[data-testid="ticket-card"][data-ticket="${ticket}"] li[data-line="${n}"]`);
const allDay = (page: Page, product: string) => page.locator(`[data-testid="all-day"] li[data-product="${product}"] .qty`);

describe.skipIf(!hasChromium)("station screen: voids and closed orders", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let admin: Client;
  let station: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
    admin = await apiLogin(server.base, ADMIN.name, ADMIN.pin);
    station = await apiLogin(server.base, "Tresen", PINS.station);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a void of 1 of 2 shows struck through at once, and the whole line when the rest goes too", async () => {
    const page = await openStation(screen, "/bar/bar");
    const order = await placeOrder(waiter, "C1", [{ product: "pils", qty: 2 }, { product: "cola", qty: 1 }]);
    const ticket = barTicket(order);
    const pils = line(page, ticket.id, 0);
    await pils.waitFor();
    expect(plain(await pils.locator(".qty").textContent())).toBe("2×");
    await expect.poll(async () => plain(await allDay(page, "pils").textContent())).toBe("2");

    await voidItem(admin, order, 0, 1, false);
    // No reload: the frame strikes the ordered 2 through and shows the 1 still to make.
    await expect.poll(async () => plain(await pils.locator(".qty").textContent())).toBe("2 1×");
    expect(await pils.locator(".qty s").textContent()).toBe("2");
    expect(plain(await pils.getByTestId("void-mark").textContent())).toBe("Storno −1");
    expect(await pils.locator("button").isDisabled()).toBe(false);
    await expect.poll(async () => plain(await allDay(page, "pils").textContent())).toBe("1");
    await page.screenshot({ path: join(screenshotDir, "bar-void.png") });

    await voidItem(admin, order, 0, 1, false);
    await expect.poll(() => pils.locator("button.voided").count()).toBe(1);
    const struck = await pils.locator(".name").evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(struck).toContain("line-through");
    expect(await pils.locator("button").isDisabled()).toBe(true);
    expect(plain(await pils.getByTestId("void-mark").textContent())).toBe("Storno −2");
    // Nothing of the Pils is left to make; the Cola still is.
    await expect.poll(() => allDay(page, "pils").count()).toBe(0);
    expect(plain(await allDay(page, "cola").textContent())).toBe("1");
    expect(await line(page, ticket.id, 1).getByTestId("void-mark").count()).toBe(0);

    expect((await station.post(`/tickets/${ticket.id}/bump`)).status).toBe(200);
    await page.close();
  });

  test("a ticket voided whole leaves the open tickets at once and is listed as voided", async () => {
    const page = await openStation(screen, "/bar/bar");
    const order = await placeOrder(waiter, "C4", [{ product: "radler", qty: 1 }]);
    const ticket = barTicket(order);
    const card = page.locator(`[data-testid="ticket-card"][data-ticket="${ticket.id}"]`);
    await card.waitFor();
    await voidItem(admin, order, 0, 1, false);
    await card.waitFor({ state: "detached" });
    const done = page.locator(`[data-testid="completed"] [data-ticket="${ticket.id}"]`);
    await done.waitFor();
    expect(plain(await done.textContent())).toContain("alles storniert");
    expect(await allDay(page, "radler").count()).toBe(0);
    await page.close();
  });

  test("an order paid before it is made closes at the bump, and the runners still see it until picked up", async () => {
    const pickup = await screen.newPage();
    await pickup.goto("/bar/pickup");
    await pickup.getByRole("heading", { name: "Abholung" }).waitFor();
    const order = await placeOrder(waiter, "C3", [{ product: "cola", qty: 2 }]);
    await pay(waiter, "C3", { method: "card", items: allOf(order) });
    const ticket = barTicket(order);
    expect((await station.post(`/tickets/${ticket.id}/bump`)).status).toBe(200);
    // Paid and done: the order has closed (GET /tables shows C3 free) ...
    await expect.poll(async () => (await admin.get<{ tables: { name: string; openOrders: number }[] }>("/tables")).tables.find((t) => t.name === "C3")!.openOrders).toBe(0);
    // ... yet the glass is still on the counter: the pickup view shows it until a runner takes it.
    const entry = pickup.locator(`[data-testid="pickup-ticket"][data-ticket="${ticket.id}"]`);
    await entry.waitFor();
    expect(plain(await entry.textContent())).toContain("2× Cola");
    await entry.getByRole("button", { name: "Abgeholt" }).click();
    await entry.waitFor({ state: "detached" });
    await pickup.close();
  });

  test("a paid and done order leaves live state, and its ticket stays in the done list", async () => {
    const page = await openStation(screen, "/bar/bar");
    const order = await placeOrder(waiter, "C2", [{ product: "spezi", qty: 1 }]);
    const ticket = barTicket(order);
    await page.locator(`[data-testid="ticket-card"][data-ticket="${ticket.id}"]`).waitFor();
    expect((await station.post(`/tickets/${ticket.id}/bump`)).status).toBe(200);
    const done = page.locator(`[data-testid="completed"] [data-ticket="${ticket.id}"]`);
    await done.getByRole("button", { name: "Zurückholen" }).waitFor();

    // The guest pays: the order closes and leaves the stream's live state.
    await pay(waiter, "C2", { method: "cash", items: allOf(order), tenderedCents: 1000 });
    await done.getByText("abgeschlossen").waitFor();
    expect(await done.getByRole("button", { name: "Zurückholen" }).count()).toBe(0);
    expect(plain(await done.textContent())).toContain("1× Spezi");

    // The history (from GET /tickets) still lists it.
    await page.getByRole("link", { name: "Verlauf" }).click();
    await page.getByRole("searchbox").fill("C2");
    await expect.poll(() => page.getByTestId("history-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")))).toEqual([ticket.id]);
    await page.close();
  });
});
