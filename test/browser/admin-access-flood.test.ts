// The admin's pages under an insider's noise (issue 23, item 6): after a flood of logins with the
// waiter PIN the access page still shows the waiter at work on its first page, the flood as one row
// with its count that one tap logs out; and the menu editor says at once when a name breaks the text rule.
import { describe, expect, it } from "vitest";
import type { Menu } from "../../worker/protocol.ts";
import { hasChromium, screenContext, serverAndBrowser } from "./harness.ts";
import { openAdmin } from "./admin-helpers.ts";
import { apiCall, apiLogin } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("admin: a login flood and names that break the text rule", () => {
  const live = serverAndBrowser();

  it("lists the waiter at work first, the flood from one phone as one row, pages through the guests, and logs the flood out at once", async () => {
    const base = live.server.base;
    const anna = await apiLogin(base, "Anna", PINS.waiter);
    const menu = (await apiCall<Menu>(base, anna, "GET", "/menu")).body;
    expect((await apiCall(base, anna, "POST", "/orders", { id: crypto.randomUUID(), table: "A1", menuVersion: menu.version, items: [{ product: "pils", qty: 2 }] })).status).toBe(201);
    const flood: string[] = [];
    for (let i = 0; i < 40; i++) flood.push(await apiLogin(base, "Mallory", PINS.waiter));
    for (let i = 0; i < 60; i++) await apiLogin(base, `Gast ${i}`, PINS.waiter);

    const laptop = await screenContext(live.browser, base);
    const page = await openAdmin(laptop, "#/access");
    const rows = page.getByTestId("session-row");
    await expect.poll(() => rows.count()).toBe(50);
    // The admin (this device), then Anna with her order; 63 rows in all, on two pages.
    await expect.poll(async () => (await rows.nth(1).innerText()).replace(/\s+/g, " ")).toMatch(/^Anna Service .* 1 \/ 0 Abmelden$/);
    await expect(page.getByText("Seite 1 von 2 (63 Einträge)").isVisible()).resolves.toBe(true);

    await page.getByRole("button", { name: "Weiter" }).click();
    await expect.poll(() => page.getByText("Seite 2 von 2 (63 Einträge)").isVisible()).toBe(true);
    const mallory = rows.filter({ hasText: "Mallory" });
    await expect.poll(() => mallory.innerText()).toContain("40 Anmeldungen");
    page.once("dialog", (dialog) => void dialog.accept());
    await mallory.getByRole("button", { name: "Alle 40 abmelden" }).click();
    await expect.poll(() => mallory.count()).toBe(0);
    for (const cookie of [flood[0]!, flood[39]!]) expect((await apiCall(base, cookie, "GET", "/tables")).status).toBe(401);
    expect((await apiCall(base, anna, "GET", "/tables")).status).toBe(200);
    await laptop.close();
  }, 120_000);

  it("says which character of a product name is not allowed, as it is typed", async () => {
    const laptop = await screenContext(live.browser, live.server.base);
    const page = await openAdmin(laptop, "#/menu");
    await page.getByRole("button", { name: "Bearbeiten: Cola", exact: true }).click();
    // The row being edited (its labels follow the name as it is typed).
    const row = page.locator("li.menu-row.open");
    const name = row.getByLabel("Name", { exact: true });
    await name.fill("Cola\u202eloC");
    await expect.poll(() => row.getByTestId("text-rule").innerText()).toBe("U+202E an Stelle 5 ist nicht erlaubt: eine Zeile Text, ohne < >, Steuer- oder Richtungszeichen");
    await name.fill("<b>Cola</b>");
    await expect.poll(() => row.getByTestId("text-rule").innerText()).toContain('"<" an Stelle 1');
    await name.fill("Cola");
    await expect.poll(() => row.getByTestId("text-rule").count()).toBe(0);
    await laptop.close();
  }, 60_000);
});
