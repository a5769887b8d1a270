// Ready notices on the phone (issue 10, item 8): several fold into one line that opens the list,
// so they do not take half the screen on every page; picking up and dismissing work from the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Ticket } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: ready notices", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;
  let station: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    station = await apiLogin(server.base, "Theke", PINS.station);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const heightOf = (page: Page) => page.getByTestId("ready-notices").evaluate((el) => el.getBoundingClientRect().height);

  it("folds four ready tickets into one line that opens the list; dismissing works from the list", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    // Four tickets of Anna's: A1 at the bar and in the kitchen, B2 at the bar, C3 in the kitchen.
    const orders = [
      await placeOrder(anna, "A1", [{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }]),
      await placeOrder(anna, "B2", [{ product: "cola", qty: 2 }]),
      await placeOrder(anna, "C3", [{ product: "wurstsalat", qty: 1 }]),
    ];
    const tickets: Ticket[] = orders.flatMap((o) => o.tickets);
    expect(tickets).toHaveLength(4);
    for (const ticket of tickets) {
      const res = await station.post(`/tickets/${encodeURIComponent(ticket.id)}/bump`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const summary = page.getByRole("button", { name: /^4 fertig:/ });
    await summary.waitFor();
    expect(await summary.getAttribute("aria-expanded")).toBe("false");
    for (const part of ["A1 Getränke", "A1 Küche", "B2 Getränke", "C3 Küche"]) expect(await summary.textContent()).toContain(part);
    // One line on the map and on a table page, not half the screen.
    expect(await heightOf(page)).toBeLessThanOrEqual(56);
    expect(await page.getByTestId("ready-notice").count()).toBe(0);
    await page.locator('[data-table="D4"]').click();
    await page.getByRole("heading", { name: "Karte" }).waitFor();
    expect(await heightOf(page)).toBeLessThanOrEqual(56);

    // Opened: all four, each with its buttons.
    await summary.click();
    expect(await summary.getAttribute("aria-expanded")).toBe("true");
    const rows = page.getByTestId("ready-notice");
    await expect.poll(() => rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    for (const want of ["Tisch A1 bei Getränke", "Tisch A1 bei Küche", "Tisch B2 bei Getränke", "Tisch C3 bei Küche"]) expect(texts.some((t) => t.includes(want))).toBe(true);

    // Dismissed from the list: it goes, the rest stay and the line counts them.
    await rows.filter({ hasText: "Tisch B2" }).getByRole("button", { name: "Ausblenden" }).click();
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole("button", { name: /^3 fertig:/ }).waitFor();
    expect((await rows.allTextContents()).some((t) => t.includes("Tisch B2"))).toBe(false);
    // Picked up from the list: the bar's screen learns it too.
    const c3 = tickets.find((t) => t.table === "C3")!;
    await rows.filter({ hasText: "Tisch C3" }).getByRole("button", { name: "Abgeholt" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await expect
      .poll(async () => (await station.get<{ tickets: Ticket[] }>("/tickets?station=kitchen")).tickets.find((t) => t.id === c3.id)?.pickedUpAt ?? null)
      .not.toBeNull();

    // Down to one: a single line with its own buttons, no list to open.
    await rows.filter({ hasText: "Tisch A1 bei Küche" }).getByRole("button", { name: "Ausblenden" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByRole("button", { name: /fertig:/ }).count()).toBe(0);
    expect(await rows.textContent()).toContain("Fertig: Tisch A1 bei Getränke");
    expect(await heightOf(page)).toBeLessThanOrEqual(56);

    // A reload keeps what was dismissed.
    await page.reload();
    await page.getByTestId("ready-notice").waitFor();
    expect(await page.getByTestId("ready-notice").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
