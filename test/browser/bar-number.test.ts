// The order number on the station screens (issue 22): a table order's card shows "Nr. n" beside its
// table, a counter order's card its number and the cash desk's name (never its "#…" bill key), and
// the runners' pickup view lists the counter order under its number, where "Abgeholt" clears it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, logIn, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { COUNTER, placeCounterOrder, writeCounterConfig } from "./display-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("the order number on the station screens", () => {
  let server: TestServer;
  let browser: Browser;
  let waiter: Client;

  beforeAll(async () => {
    server = await startTestServer(writeCounterConfig("de"));
    browser = await launchBrowser();
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a table order shows its number beside the table, a counter order its number and desk", { timeout: 90_000 }, async () => {
    const tableOrder = await placeOrder(waiter, "A1", [{ product: "cola", qty: 1 }]);
    const counterOrder = await placeCounterOrder(waiter, [{ product: "spezi", qty: 2 }]);
    expect(tableOrder.number).toBeGreaterThan(0);
    expect(counterOrder.number).toBe(tableOrder.number + 1);

    const screen = await screenContext(browser, server.base);
    const bar = await openStation(screen, "/bar/bar");
    const tableCard = bar.locator(`[data-testid="ticket-card"][data-ticket="${tableOrder.tickets[0]!.id}"]`);
    const counterCard = bar.locator(`[data-testid="ticket-card"][data-ticket="${counterOrder.tickets[0]!.id}"]`);
    await expect.poll(() => tableCard.getByTestId("ticket-tables").textContent()).toBe("A1");
    expect(await tableCard.getByTestId("ticket-number").textContent()).toBe(`Nr. ${tableOrder.number}`);
    await expect.poll(() => counterCard.getByTestId("ticket-tables").textContent()).toBe(COUNTER.de);
    expect(await counterCard.getByTestId("ticket-number").textContent()).toBe(`Nr. ${counterOrder.number}`);
    expect(await counterCard.textContent()).not.toContain("#");

    // Done at the bar by key (the second card, then Enter): the toast names the desk and the number.
    await counterCard.locator("header").click();
    await expect.poll(() => counterCard.getAttribute("aria-current")).toBe("true");
    await bar.keyboard.press("Enter");
    await expect.poll(() => bar.getByText(`Fertig: ${COUNTER.de} · Nr. ${counterOrder.number}`).count()).toBeGreaterThan(0);
    await expect.poll(() => bar.locator('[data-testid="done-ticket"]').filter({ hasText: `Nr. ${counterOrder.number}` }).count()).toBe(1);

    const runnerContext = await screenContext(browser, server.base);
    const runner = await runnerContext.newPage();
    await runner.goto("/bar/pickup");
    await logIn(runner, "Runner", PINS.waiter);
    const group = runner.locator(`[data-testid="pickup-table"][data-number="${counterOrder.number}"]`);
    await group.waitFor();
    expect((await group.locator("h2").textContent())!.replace(/\s+/g, " ").trim()).toBe(`Nr. ${counterOrder.number} ${COUNTER.de}`);
    expect(await group.textContent()).not.toContain("#");
    await group.getByRole("button", { name: "Abgeholt" }).click();
    await expect.poll(() => group.count()).toBe(0);
    const stored = await waiter.get<{ order: Order }>(`/orders/${counterOrder.id}`);
    expect(stored.order.tickets.every((t) => t.pickedUpAt !== null)).toBe(true);
    await runnerContext.close();
    await screen.close();
  });
});
