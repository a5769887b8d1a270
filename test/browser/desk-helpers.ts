// Shared steps of the cash desk's browser tests (desk-*.test.ts, issue 22): a config with a desk,
// opening it on a phone, what the desk stored about its sales, and the API's view of a counter order.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { counterBill } from "../../worker/protocol/counter.ts";
import type { Menu, Order, OrderLine, Payment } from "../../worker/protocol.ts";
import type { Client } from "./api-client.ts";

const root = join(import.meta.dirname, "../..");

/** config.json with the desk "Grill", every category unfolded, cash/card/voucher; Pils 3.00 + 2.00 deposit, Cola 2.50. */
export function writeDeskConfig(): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  config.counters = [{ id: "grill", name: "Grill" }];
  config.ui = { ...config.ui, fold_categories: false };
  config.payment = { methods: ["cash", "card", "voucher"], tips: false };
  const path = join(mkdtempSync(join(tmpdir(), "mini-pos-desk-")), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** From the map: "Kasse Grill"; resolves once its product buttons are there (the menu has arrived). */
export async function openDesk(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Kasse Grill" }).first().click();
  await page.getByTestId("desk").waitFor();
  // On a slow machine the desk can show before the menu came over the stream: a test that cuts
  // the network next would find no products (a waiter would see them appear first).
  await page.locator('[data-testid="desk"] [data-product]').first().waitFor();
}

/** Taps a product's big button `times` times. */
export async function tap(page: Page, product: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator(`[data-testid="desk"] [data-product="${product}"]`).click();
}

interface StoredSale {
  order: string;
  payment: string;
}
/** The desk's own record of its sales (localStorage): the guest on screen and earlier ones. */
export async function deskSales(page: Page): Promise<{ current?: StoredSale; earlier: StoredSale[] }> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("mini-pos.desk."));
    return key ? JSON.parse(localStorage.getItem(key)!) : { earlier: [] };
  });
}

/** A counter order as the server has it, and the payments on its own bill (counterBill(id)). */
export async function counterOrder(client: Client, orderId: string): Promise<{ order: Order; payments: Payment[] }> {
  const { order } = await client.get<{ order: Order }>(`/orders/${orderId}`);
  const { payments } = await client.get<{ payments: Payment[] }>(`/payments?table=${encodeURIComponent(counterBill(orderId))}`);
  return { order, payments };
}

/** A counter order placed at the desk "grill" through the API and left unpaid (no "Kassieren"). */
export async function unpaidCounterOrder(client: Client, items: OrderLine[]): Promise<Order> {
  client.menuVersion ??= (await client.get<Menu>("/menu")).version;
  const placed = await client.post<{ order: Order }>("/orders", { id: crypto.randomUUID(), counter: "grill", menuVersion: client.menuVersion, items });
  if (placed.status !== 201) throw new Error(`counter order: ${placed.status} ${JSON.stringify(placed.body)}`);
  return placed.body.order;
}
