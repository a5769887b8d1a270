// The waiter app's screens at 360×640: no sideways scrolling, tap targets of at least 44 px, the
// station login turned away politely; saves service-*.png screenshots on the way (see screenshotDir).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser, screenshotDir, logIn, phoneContext, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import type { Ticket } from "../../worker/protocol.ts";
import { PINS } from "../pins.ts";

const shots = screenshotDir;

async function checkPhoneLayout(page: Page, name: string) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, `${name}: page wider than the phone`).toBeLessThanOrEqual(360);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, input, [role=button]")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 - 0.5 || r.width < 44 - 0.5)
      .map(({ el, r }) => `${el.tagName} "${el.textContent?.trim() || el.getAttribute("aria-label")}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small, `${name}: tap targets under 44 px`).toEqual([]);
  await page.screenshot({ path: join(shots, `service-${name}.png`) });
}

describe.skipIf(!hasChromium)("waiter app: screens on a phone", () => {
  let server: TestServer;
  let browser: Browser;
  /** The phone reaches the server through this link, which the offline screenshot cuts. */
  let link: Link;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer();
    link = await startLink(server.base);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  it("turns a station login away with a message and a switch", async () => {
    const context = await phoneContext(browser, server.base);
    const page = await context.newPage();
    await page.goto("/service");
    await page.getByLabel(/^Name/).waitFor();
    await checkPhoneLayout(page, "login");
    await logIn(page, "Theke", PINS.station);
    await page.getByRole("alert").getByText("als Station angemeldet").waitFor();
    await page.getByRole("button", { name: "Bedienung wechseln" }).click();
    await logIn(page, "Anna", PINS.waiter);
    await page.locator('[data-table="A1"]').waitFor();
    await context.close();
  });

  it("fits every main screen into 360×640 with large tap targets", async () => {
    const station = await apiLogin(server.base, "Theke", PINS.station);
    const { page, context, errors } = await openPhone(browser, link.base, "Anna");
    // Something on the map: an open table, a ready one.
    for (const table of ["C3", "D5"]) {
      await openTable(page, table, "Bier");
      await page.locator('[data-product="pils"]').click();
      await page.getByRole("button", { name: "Prüfen" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
      await page.getByText("an der Station").first().waitFor();
      await page.getByRole("button", { name: "Zurück" }).click();
    }
    const { body } = await apiCall<{ tickets: Ticket[] }>(server.base, station, "GET", "/tickets?station=bar");
    await apiCall(server.base, station, "POST", `/tickets/${encodeURIComponent(body.tickets.find((t) => t.table === "D5")!.id)}/bump`);
    await page.getByTestId("ready-notice").waitFor();
    await checkPhoneLayout(page, "ready-notice");
    await page.getByRole("button", { name: "Ausblenden" }).click();
    await checkPhoneLayout(page, "table-map");
    // Quick jump by name: typing narrows the map, Enter opens the table.
    await page.getByRole("searchbox", { name: "Tisch suchen …" }).fill("f9");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("header h1").textContent()).toBe("Tisch F9");
    await page.getByRole("button", { name: "Zurück" }).click();

    await openTable(page, "C3", "Alkoholfrei");
    await page.locator('[data-product="cola"]').click();
    await page.locator('[data-product="apfelschorle"]').click();
    await page.locator('[data-product="apfelschorle"]').click();
    await checkPhoneLayout(page, "table-page");
    await page.getByRole("button", { name: "Notiz" }).first().click();
    await page.getByRole("textbox", { name: "Notiz zu Cola" }).fill("ohne Strohhalm");
    await page.locator(".draft").scrollIntoViewIfNeeded();
    await checkPhoneLayout(page, "draft-lines");
    await page.getByRole("button", { name: "Prüfen" }).click();
    await checkPhoneLayout(page, "review");
    link.setDown(true);
    await context.setOffline(true);
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByTestId("offline-banner").waitFor();
    await checkPhoneLayout(page, "offline-outbox");
    await page.getByTestId("unsent").click();
    await checkPhoneLayout(page, "outbox");
    link.setDown(false);
    await context.setOffline(false);
    await page.getByTestId("unsent").waitFor({ state: "detached" });
    await page.goto("/service#/history/C3");
    await page.getByRole("heading", { name: "Verlauf Tisch C3" }).waitFor();
    await page.getByTestId("stage").nth(1).waitFor();
    await checkPhoneLayout(page, "history");
    expect(errors).toEqual([]);
    await context.close();
  });
});
