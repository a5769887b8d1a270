// The festival way: a guest pays when ordering, so the order closes the moment the bar finishes it,
// before anyone has carried it out. The waiter must still be told it is ready, and the pickup
// screen must still list it, until it is picked up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Ticket } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, screenContext, logIn, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("a paid order that becomes ready", () => {
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

  it("stays ready on the waiter's phone and the runners' screen after it closed, until it is picked up", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    const runners = await (await screenContext(browser, server.base)).newPage();
    await runners.goto("/bar/pickup");
    await logIn(runners, "Lena", PINS.station);

    const order = await placeOrder(anna, "B4", [{ product: "cola", qty: 2 }]);
    const ticket: Ticket = order.tickets[0]!;
    const paid = await anna.post("/payments", { id: crypto.randomUUID(), table: "B4", method: "cash", items: [{ order: order.id, line: 0, qty: 2 }] });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect((await station.post(`/tickets/${encodeURIComponent(ticket.id)}/bump`)).status).toBe(200);
    // Paid and done: the server has closed it.
    const stored = await anna.get<{ order: { closedAt: number | null } }>(`/orders/${order.id}`);
    expect(stored.order.closedAt).not.toBeNull();

    const notice = page.getByTestId("ready-notices");
    await expect.poll(() => notice.textContent()).toContain("B4");
    // The table is free (nothing to pay) but marked: something is ready there.
    const runnerEntry = runners.locator(`[data-testid="pickup-ticket"][data-ticket="${ticket.id}"]`);
    await runnerEntry.waitFor();

    await notice.getByRole("button", { name: "Abgeholt" }).click();
    await expect.poll(async () => (await anna.get<{ tickets: Ticket[] }>(`/tickets?station=bar&state=done&q=B4`)).tickets[0]?.pickedUpAt ?? null).not.toBeNull();
    await expect.poll(() => page.getByTestId("ready-notices").count()).toBe(0);
    await runnerEntry.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
    await runners.close();
  });
});
