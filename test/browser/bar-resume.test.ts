// A station screen keeps its live state and last seq across a reload: the new socket resumes
// with `since` (a catch-up, no snapshot) and the screen is right at once and stays live.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { PINS } from "../pins.ts";

const kitchenTicket = (order: Order) => order.tickets.find((t) => t.station === "kitchen")!;
const cardIds = (page: Page) => page.getByTestId("ticket-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")!));

/** Every stream socket the page opens, with the frames it received. */
function recordSockets(page: Page) {
  const sockets: { url: string; frames: string[] }[] = [];
  page.on("websocket", (ws) => {
    const entry = { url: ws.url(), frames: [] as string[] };
    sockets.push(entry);
    ws.on("framereceived", (f) => entry.frames.push(String(f.payload)));
  });
  return sockets;
}

describe.skipIf(!hasChromium)("a station screen across a reload", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("resumes with a catch-up instead of a snapshot and shows the same tickets, then the next one", async () => {
    let sockets: ReturnType<typeof recordSockets> = [];
    const page = await openStation(screen, "/bar/kitchen", undefined, async (p) => {
      sockets = recordSockets(p);
    });
    const first = kitchenTicket(await placeOrder(waiter, "B1", [{ product: "pommes", qty: 2 }, { product: "pils", qty: 1 }]));
    const second = kitchenTicket(await placeOrder(waiter, "B2", [{ product: "bratwurst", qty: 1 }]));
    await expect.poll(() => cardIds(page)).toEqual([first.id, second.id]);
    expect(JSON.parse(sockets[0]!.frames[0]!)).toMatchObject({ type: "snapshot", station: "kitchen" });

    await page.reload();
    await page.getByTestId("open-count").waitFor();
    await expect.poll(() => page.getByTestId("connection-banner").count()).toBe(0);
    const resumed = sockets.at(-1)!;
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(new URL(resumed.url).searchParams.get("since")).toMatch(/^[0-9]+$/);
    expect(await cardIds(page)).toEqual([first.id, second.id]);

    const third = kitchenTicket(await placeOrder(waiter, "B3", [{ product: "pommes", qty: 1 }]));
    await expect.poll(() => cardIds(page)).toEqual([first.id, second.id, third.id]);
    const types = resumed.frames.filter((f) => f.startsWith("{")).map((f) => (JSON.parse(f) as { type: string }).type);
    expect(types).not.toContain("snapshot");
    expect(types).toContain("order.placed");
    await page.close();
  });
});
