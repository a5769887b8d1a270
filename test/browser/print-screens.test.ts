// Printing as people see it (issue 21), against the real server and a fake ESC/POS printer: a
// printer outage (and paper out) on the station screen and /admin, gone when the printer is back and the waiting
// ticket printed once (with its printer mark); Nachdrucken from the station screen and from /admin
// reaching the printer. Screenshots of the banner and the printer list go to docs/screenshots with
// `npm run screenshots`.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { FakePrinter } from "../fakePrinter.ts";
import { hasChromium, launchBrowser, logIn, screenContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { ADMIN, adminNav } from "./admin-helpers.ts";
import { openStation } from "./station-helpers.ts";
import { flat, newSlips, writePrintConfig } from "./print-helpers.ts";
import { PINS } from "../pins.ts";

const barTicket = (order: Order) => order.tickets.find((t) => t.station === "bar")!;
const card = (page: Page, ticket: string) => page.locator(`[data-testid="ticket-card"][data-ticket="${ticket}"]`);

describe.skipIf(!hasChromium)("printing on the station screen and /admin", () => {
  let printer: FakePrinter;
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let office: BrowserContext;
  let waiter: Client;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    server = await startTestServer(writePrintConfig(printer.port));
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    office = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await printer?.stop();
  });

  async function openAdmin(hash: string): Promise<Page> {
    const page = await office.newPage();
    await page.goto(`/admin${hash}`);
    await page.getByLabel(/^Name/).or(adminNav(page)).first().waitFor();
    if (await page.getByLabel(/^Name/).count()) await logIn(page, ADMIN.name, ADMIN.pin);
    await adminNav(page).waitFor();
    return page;
  }

  test("an outage shows on the station screen and /admin; when the printer is back the ticket prints once, the banner goes and the ticket is marked", async () => {
    const page = await openStation(screen, "/bar/bar");
    const admin = await openAdmin("#/printers");
    await printer.setMode("refuse");
    const before = printer.received.length;

    const order = await placeOrder(waiter, "B3", [{ product: "cola", qty: 2 }]);
    const ticket = barTicket(order);
    await card(page, ticket.id).waitFor();

    const banner = page.getByTestId("printer-banner");
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain("Drucker Theke: keine Verbindung – 1 Bon wartet");
    const row = admin.locator('[data-testid="printer"][data-printer="theke"]');
    await expect.poll(() => row.getByTestId("printer-state").textContent(), { timeout: 20_000 }).toBe("keine Verbindung");
    expect(await row.getByTestId("printer-waiting").textContent()).toBe("1 Bon wartet");
    const job = row.locator('[data-testid="print-job"][data-state="waiting"]');
    await expect.poll(() => job.count()).toBe(1);
    expect(await job.textContent()).toContain("B3");
    expect(await card(page, ticket.id).getByTestId("printed-mark").count()).toBe(0);
    // Another admin page says it too, with the way to the printers.
    const other = await openAdmin("#/availability");
    await expect.poll(() => other.getByTestId("admin-printer-banner").textContent()).toContain("Drucker Theke: keine Verbindung – 1 Bon wartet");
    await other.close();

    await page.screenshot({ path: join(screenshotDir, "bar-printer-banner.png") });
    await expect.poll(() => job.textContent()).toContain("keine Verbindung");
    await admin.screenshot({ path: join(screenshotDir, "admin-printers.png"), fullPage: true });

    await printer.setMode("ok");
    const printed = await newSlips(printer, before);
    expect(printed).toHaveLength(1);
    expect(flat(printed[0]!)).toContain("B3");
    expect(flat(printed[0]!)).toContain("Cola");
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await card(page, ticket.id).getByTestId("printed-mark").waitFor({ timeout: 20_000 });
    await expect.poll(() => row.getByTestId("printer-state").textContent()).toBe("bereit");
    await expect.poll(() => row.locator('[data-testid="print-job"][data-state="printed"]').first().textContent()).toContain("B3");
    // Once: nothing more arrives.
    await new Promise((r) => setTimeout(r, 1500));
    expect(printer.received.length).toBe(before + 1);
    await admin.close();
    await page.close();
  });

  test("paper out shows in words on the station screen until a new roll is in; then the ticket prints", async () => {
    const page = await openStation(screen, "/bar/bar");
    await printer.setMode("paper_out");
    const before = printer.received.length;
    const order = await placeOrder(waiter, "F6", [{ product: "wasser-medium", qty: 1 }]);
    await card(page, barTicket(order).id).waitFor();
    const banner = page.getByTestId("printer-banner");
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain("Drucker Theke: Papier leer – 1 Bon wartet");

    await printer.setMode("ok");
    await expect.poll(() => banner.count(), { timeout: 40_000 }).toBe(0);
    await card(page, barTicket(order).id).getByTestId("printed-mark").waitFor({ timeout: 20_000 });
    const printed = (await newSlips(printer, before)).map(flat).filter((text) => text.includes("F6"));
    expect(printed).toHaveLength(1);
    await page.close();
  });

  test("Nachdrucken on a station card prints that ticket again", async () => {
    const page = await openStation(screen, "/bar/bar");
    const order = await placeOrder(waiter, "C4", [{ product: "spezi", qty: 1 }]);
    const ticket = barTicket(order);
    await card(page, ticket.id).getByTestId("printed-mark").waitFor({ timeout: 30_000 });
    const before = printer.received.length;

    await card(page, ticket.id).getByTestId("reprint").click();
    const again = await newSlips(printer, before);
    expect(again).toHaveLength(1);
    expect(flat(again[0]!)).toContain("NACHDRUCK");
    expect(flat(again[0]!)).toContain("C4");
    expect(flat(again[0]!)).toContain("Spezi");
    await expect.poll(() => page.locator(".toast").last().textContent()).toContain(`Nachdruck für C4 · Nr. ${order.number} geschickt`);
    // Done, it keeps its mark in the side list.
    await card(page, ticket.id).getByRole("button", { name: "Fertig" }).click();
    await page.locator(`[data-testid="done-ticket"][data-ticket="${ticket.id}"]`).getByTestId("printed-mark").waitFor();
    await page.close();
  });

  test("a reprint from /admin's job list reaches the printer", async () => {
    const order = await placeOrder(waiter, "D5", [{ product: "apfelschorle", qty: 3 }]);
    const admin = await openAdmin("#/printers");
    const job = admin.locator('[data-testid="print-job"][data-state="printed"]', { hasText: "D5" });
    await job.first().waitFor({ timeout: 30_000 });
    const before = printer.received.length;
    await job.first().getByTestId("job-reprint").click();
    const again = await newSlips(printer, before);
    expect(flat(again[0]!)).toContain("D5");
    expect(flat(again[0]!)).toContain("Apfelschorle");
    await expect.poll(() => admin.getByTestId("printer-message").textContent()).toContain("Nachdruck geschickt");
    // The new job shows in the list as printed too: two printed jobs for D5.
    await expect.poll(() => admin.locator('[data-testid="print-job"][data-state="printed"]', { hasText: "D5" }).count(), { timeout: 30_000 }).toBe(2);
    expect(order.table).toBe("D5");
    await admin.close();
  });
});
