// Shared steps of the station-screen browser tests (bar*.test.ts).
import { expect } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { logIn } from "./harness.ts";
import { PINS } from "../pins.ts";

/**
 * Opens a station page and waits until it is live: logged in (the context may already hold a
 * station session from an earlier test) and its stream connected.
 */
export async function openStation(
  context: BrowserContext,
  path: string,
  login: { name: string; pin: string } = { name: "Theke", pin: PINS.station },
  install?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await context.newPage();
  await install?.(page);
  await page.goto(path);
  await page.getByLabel(/^Name/).or(page.getByTestId("open-count")).waitFor();
  if (await page.getByLabel(/^Name/).count()) await logIn(page, login.name, login.pin);
  await page.getByTestId("open-count").waitFor();
  await expect.poll(() => page.getByTestId("connection-banner").count()).toBe(0);
  return page;
}
