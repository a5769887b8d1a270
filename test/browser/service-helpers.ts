// Shared steps of the waiter-app browser tests (service-*.test.ts): API calls as admin or station,
// and a logged-in phone.
import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { logIn, phoneContext } from "./harness.ts";

export { apiCall, loginCookie as apiLogin } from "./api-client.ts";
import { apiCall } from "./api-client.ts";
import { PINS } from "../pins.ts";

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Texts of any alert/confirm dialogs (a note must never run as code). */
  dialogs: string[];
  errors: string[];
}

/** A phone with the waiter app open and logged in as `name`. */
export async function openPhone(browser: Browser, base: string, name = "Anna"): Promise<Phone> {
  const context = await phoneContext(browser, base);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("/service");
  await logIn(page, name, PINS.waiter);
  await page.locator('[data-table="A1"]').waitFor();
  return { context, page, dialogs, errors };
}

/** Opens a table and unfolds a category of the menu. */
export async function openTable(page: Page, table: string, category: string): Promise<void> {
  await page.locator(`[data-table="${table}"]`).click();
  // Unfolded categories stay unfolded from table to table.
  const head = page.getByRole("button", { name: new RegExp(`^${category}`) });
  if ((await head.getAttribute("aria-expanded")) !== "true") await head.click();
}

export async function tableOrderCount(base: string, cookie: string, table: string): Promise<number> {
  const res = await apiCall<{ orders: unknown[] }>(base, cookie, "GET", `/tables/${table}/orders`);
  expect(res.status).toBe(200);
  return res.body.orders.length;
}
