// Shared steps of the waiter-app payment tests (service-pay*.test.ts): a config with deposits, tips
// and all methods, the bill and payments as the API tells them, and a phone that loses its network.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { Bill, Payment } from "../../worker/protocol.ts";
import type { Client } from "./api-client.ts";
import type { Link } from "./harness.ts";

const root = join(import.meta.dirname, "../..");

/** config.json with Pils at 3.00 + 2.00 deposit, every method, tips on; `ui` merged in. Returns its path. */
export function writePayConfig(ui: Record<string, unknown> = {}): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  for (const p of config.products) if (p.id === "pils") Object.assign(p, { price: 3, deposit: 2 });
  config.payment = { methods: ["cash", "card", "voucher", "free"], tips: true };
  config.ui = { ...config.ui, order_overview: true, ...ui };
  const path = join(mkdtempSync(join(tmpdir(), "mini-pos-pay-")), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

export const billOf = (client: Client, table: string) => client.get<Bill>(`/tables/${table}/bill`);
export const paymentsOf = async (client: Client, table: string) => (await client.get<{ payments: Payment[] }>(`/payments?table=${table}`)).payments;

/** The WiFi goes away (or comes back): the phone goes offline and its link to the server is cut. */
export async function networkGone(context: BrowserContext, link: Link, gone: boolean): Promise<void> {
  link.setDown(gone);
  await context.setOffline(gone);
}

/** Taps + on the pay sheet's (or move sheet's) row of `name` `times` times. */
export async function pick(page: Page, name: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByRole("dialog").getByRole("button", { name: `+ ${name}`, exact: true }).click();
}

/** On a table page: Kassieren, everything, `method`, pay `total`; the sheet closes (nothing left). */
export async function payEverything(page: Page, method: string, total: string): Promise<void> {
  await page.getByRole("button", { name: "Kassieren" }).click();
  const sheet = page.getByRole("dialog");
  await sheet.getByRole("button", { name: "alles", exact: true }).click();
  await sheet.getByRole("button", { name: method, exact: true }).click();
  await sheet.getByRole("button", { name: `${total} kassieren` }).click();
  await sheet.waitFor({ state: "detached" });
}

/** No sideways scrolling at the current width. */
export async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Text as the waiter reads it: Intl puts a no-break space before "€". */
export const money = (text: string | null): string => (text ?? "").replace(/\s/g, " ").trim();
