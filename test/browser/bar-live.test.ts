// Station screens (issue #4), continued: the keypad as a bump bar, resuming after a dropped
// socket with nothing missed and nothing twice, the history search, and 300 open tickets.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Order, Ticket } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { openStation } from "./station-helpers.ts";
import { PINS } from "../pins.ts";


const barTicket = (order: Order) => order.tickets.find((t) => t.station === "bar")!;

/**
 * Chromium's offline emulation (context.setOffline) leaves open WebSockets alone, so the tests
 * drop the socket themselves: every WebSocket the page makes is recorded, and while `block` is
 * set new ones go to a path that refuses the upgrade, as if the WiFi were gone. (Same origin:
 * the app's CSP, connect-src 'self', would block another port without a close event.)
 */
function instrumentSockets() {
  const Native = window.WebSocket;
  const state = { block: false, urls: [] as string[], sockets: [] as WebSocket[] };
  (window as unknown as { __ws: unknown }).__ws = {
    state,
    drop(block: boolean) {
      state.block = block;
      for (const s of state.sockets) s.close();
    },
  };
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(state.block ? `ws://${location.host}/api/v1/test-offline` : url, protocols);
      if (!state.block) state.urls.push(String(url));
      state.sockets.push(this);
    }
  };
}


const cards = (page: Page) => page.getByTestId("ticket-card");
const cardIds = (page: Page) => cards(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")!));
const openTicketIds = async (client: Client) =>
  (await client.get<{ tickets: Ticket[] }>("/tickets?station=bar&state=open&limit=1000")).tickets.map((t) => t.id).sort();

describe.skipIf(!hasChromium)("station screens: keypad, reconnect, history, scale", () => {
  let server: TestServer;
  let browser: Browser;
  let screen: BrowserContext;
  let waiter: Client;
  let station: Client;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    screen = await screenContext(browser, server.base);
    await screen.addInitScript(instrumentSockets);
    waiter = await apiLogin(server.base, "Clara", PINS.waiter);
    station = await apiLogin(server.base, "Tresen", PINS.station);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a keypad selects a ticket with a number key, bumps it with Enter and undoes with U", async () => {
    const page = await openStation(screen, "/bar/bar");
    const k1 = barTicket(await placeOrder(waiter, "D1", [{ product: "pils", qty: 1 }]));
    const k2 = barTicket(await placeOrder(waiter, "D2", [{ product: "spezi", qty: 2 }]));
    const k3 = barTicket(await placeOrder(waiter, "D3", [{ product: "cola", qty: 1 }]));
    await expect.poll(() => cardIds(page)).toEqual([k1.id, k2.id, k3.id]);
    const selected = () => page.locator('[data-testid="ticket-card"][aria-current="true"]').getAttribute("data-ticket");

    // The oldest ticket is selected to begin with; arrows and numbers move the selection.
    expect(await selected()).toBe(k1.id);
    await page.keyboard.press("ArrowRight");
    await expect.poll(selected).toBe(k2.id);
    await page.keyboard.press("3");
    await expect.poll(selected).toBe(k3.id);
    await page.keyboard.press("2");
    await expect.poll(selected).toBe(k2.id);

    await page.keyboard.press("Enter");
    await expect.poll(() => cardIds(page)).toEqual([k1.id, k3.id]);
    // The selection moves on to the next ticket, ready for the next Enter.
    await expect.poll(selected).toBe(k3.id);

    await page.keyboard.press("u");
    await expect.poll(() => cardIds(page)).toEqual([k1.id, k2.id, k3.id]);

    // The help lists the keys.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog");
    await help.waitFor();
    expect(await help.textContent()).toContain("Rücktaste, U oder −");
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);

    for (const id of [k1.id, k2.id, k3.id]) expect((await station.post(`/tickets/${id}/bump`)).status).toBe(200);
    await page.close();
  });

  test("after the socket drops, the screen resumes from its last sequence number with nothing missed and nothing twice", async () => {
    const page = await openStation(screen, "/bar/bar");
    const r1 = barTicket(await placeOrder(waiter, "E1", [{ product: "pils", qty: 1 }]));
    const r2 = barTicket(await placeOrder(waiter, "E2", [{ product: "radler", qty: 1 }, { product: "cola", qty: 1 }]));
    await expect.poll(async () => (await cardIds(page)).sort()).toEqual(await openTicketIds(waiter));

    // The WiFi goes: the banner shows.
    await page.evaluate(() => (window as unknown as { __ws: { drop(block: boolean): void } }).__ws.drop(true));
    await page.getByTestId("connection-banner").waitFor();

    // Meanwhile the waiter orders twice and another screen bumps R1 and an item of R2.
    const r3 = barTicket(await placeOrder(waiter, "E3", [{ product: "spezi", qty: 3 }]));
    const r4 = barTicket(await placeOrder(waiter, "E4", [{ product: "hefeweizen", qty: 1 }]));
    expect((await station.post(`/tickets/${r1.id}/bump`)).status).toBe(200);
    expect((await station.post(`/tickets/${r2.id}/items/1/bump`)).status).toBe(200);
    await page.waitForTimeout(500);
    expect(await cards(page).count()).toBe(2);

    // The WiFi comes back.
    await page.evaluate(() => ((window as unknown as { __ws: { state: { block: boolean } } }).__ws.state.block = false));
    await expect.poll(() => page.getByTestId("connection-banner").count(), { timeout: 15_000 }).toBe(0);
    const expected = await openTicketIds(waiter);
    expect(expected).toEqual([r2.id, r3.id, r4.id].sort());
    await expect.poll(async () => (await cardIds(page)).sort()).toEqual(expected);
    // Each ticket once, in order, with the item bumped while away shown as done.
    expect(await cardIds(page)).toEqual([r2.id, r3.id, r4.id]);
    expect(await page.locator(`[data-ticket="${r2.id}"] .item[aria-pressed="true"]`).allTextContents()).toEqual([expect.stringContaining("Cola")]);
    expect(await page.locator(`[data-testid="completed"] [data-ticket="${r1.id}"]`).count()).toBe(1);

    // It resumed (since=<last seq>) rather than starting over.
    const urls = await page.evaluate(() => (window as unknown as { __ws: { state: { urls: string[] } } }).__ws.state.urls);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(urls.at(-1)).toMatch(/[?&]since=\d+/);

    // A second drop and a quick reconnect replays nothing twice either.
    await page.evaluate(() => (window as unknown as { __ws: { drop(block: boolean): void } }).__ws.drop(false));
    await expect.poll(() => page.getByTestId("connection-banner").count(), { timeout: 15_000 }).toBe(0);
    const r5 = barTicket(await placeOrder(waiter, "E5", [{ product: "pils", qty: 2 }]));
    await expect.poll(() => cardIds(page)).toEqual([r2.id, r3.id, r4.id, r5.id]);

    for (const id of [r2.id, r3.id, r4.id, r5.id]) await station.post(`/tickets/${id}/bump`);
    await expect.poll(() => cards(page).count()).toBe(0);
    await page.close();
  });

  test("the history page finds tickets by table and by product", async () => {
    const h1 = barTicket(await placeOrder(waiter, "B7", [{ product: "pils", qty: 1 }]));
    const h2 = barTicket(await placeOrder(waiter, "B8", [{ product: "gin-tonic", qty: 2, note: "extra Gurke" }]));
    await station.post(`/tickets/${h1.id}/bump`);

    const page = await openStation(screen, "/bar/bar");
    await page.getByRole("link", { name: "Verlauf" }).click();
    await page.getByRole("heading", { name: "Verlauf" }).waitFor();
    const rows = page.getByTestId("history-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    // Newest first.
    expect(await rows.first().getAttribute("data-ticket")).toBe(h2.id);

    await page.getByRole("searchbox").fill("Gin Tonic");
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")))).toEqual([h2.id]);
    expect(await rows.first().textContent()).toContain("extra Gurke");

    await page.getByRole("searchbox").fill("B7");
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")))).toEqual([h1.id]);
    expect(await rows.first().locator(".state").textContent()).toBe("fertig");

    // Reopen from the history; back on the screen it is open again.
    await rows.first().getByRole("button", { name: "Zurückholen" }).click();
    await expect.poll(() => rows.first().locator(".state").textContent()).toBe("offen");
    await page.getByRole("link", { name: /Getränke/ }).click();
    await expect.poll(async () => (await cardIds(page)).includes(h1.id)).toBe(true);

    for (const id of [h1.id, h2.id]) await station.post(`/tickets/${id}/bump`);
    await page.close();
  });

  test("300 open tickets render, and a new one is added without re-rendering the others", { timeout: 180_000 }, async () => {
    const products = ["pils", "radler", "cola", "spezi", "apfelschorle", "hefeweizen"];
    for (let i = 0; i < 300; i += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          placeOrder(waiter, `F${((i + j) % 9) + 1}`, [
            { product: products[(i + j) % products.length]!, qty: 1 + ((i + j) % 3) },
            { product: "pils", qty: 1 },
          ]),
        ),
      );
    const page = await openStation(screen, "/bar/bar");
    expect((await openTicketIds(waiter)).length).toBe(300);
    await expect.poll(() => cards(page).count(), { timeout: 30_000 }).toBe(300);
    expect(await page.getByTestId("open-count").textContent()).toBe("300 offen");

    // Watch the grid: a new order must add one card and touch no other card (except the ticking ages).
    await page.evaluate(() => {
      const grid = document.querySelector('[data-testid="ticket-card"]')!.parentElement!;
      const w = window as unknown as { __mutations: string[] };
      w.__mutations = [];
      new MutationObserver((list) => {
        for (const m of list) {
          const el = m.target instanceof Element ? m.target : m.target.parentElement;
          if (el?.closest(".age")) continue;
          const card = el?.closest('[data-testid="ticket-card"]');
          w.__mutations.push(card ? `card:${card.getAttribute("data-ticket")}` : `grid:${m.type}:${m.addedNodes.length}`);
        }
      }).observe(grid, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const started = Date.now();
    const extra = barTicket(await placeOrder(waiter, "F1", [{ product: "radler", qty: 1 }]));
    await expect.poll(() => cards(page).count(), { interval: 50 }).toBe(301);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await cards(page).last().getAttribute("data-ticket")).toBe(extra.id);
    const mutations = await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations);
    expect(mutations.filter((m) => m.startsWith("card:") && m !== `card:${extra.id}`)).toEqual([]);

    // The all-day panel counts every open item.
    const pils = await page.locator('[data-testid="all-day"] li[data-product="pils"] .qty').textContent();
    // Every order has one Pils line; every sixth also ordered 1–3 Pils as its first line.
    expect(Number(pils)).toBe(300 + pilsOnly());
    await page.close();
  });
});

/** Pils in the first lines of the 300 orders (order k asked for 1 + k % 3 of products[k % 6]). */
function pilsOnly(): number {
  let n = 0;
  for (let k = 0; k < 300; k++) if (k % 6 === 0) n += 1 + (k % 3);
  return n;
}
