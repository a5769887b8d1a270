// The menu edited live (issue 11 §1): an organiser on a laptop adds a product and changes a price on
// /admin#/menu; a waiter's phone with the table open shows both without a reload, and its draft
// holding the old price says what changed. The same page works on a phone (360 px, no sideways scroll).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Menu, Order } from "../../worker/protocol.ts";
import { hasChromium, phoneContext, screenContext, serverAndBrowser } from "./harness.ts";
import { openAdmin } from "./admin-helpers.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

const text = (s: string | null) => (s ?? "").replace(/\s/g, " ");

/** Fills the "Produkt hinzufügen" form as an organiser would and taps "Hinzufügen". */
async function addProduct(page: Page, name: string, price: string, category: string) {
  const add = page.getByRole("form", { name: "Produkt hinzufügen" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Preis").fill(price);
  await add.getByLabel("Kategorie").selectOption({ label: category });
  await add.getByRole("button", { name: "Hinzufügen" }).click();
  return add;
}

describe.skipIf(!hasChromium)("admin: the menu edited live", () => {
  const live = serverAndBrowser();

  it("adds a product and changes a price on a laptop; an open phone follows without a reload", async () => {
    const phone = await openPhone(live.browser, live.server.base, "Anna");
    await openTable(phone.page, "A1", "Alkoholfrei");
    await phone.page.locator('[data-product="cola"]').click();
    await phone.page.locator('[data-line="cola"]').waitFor();
    // The phone must not load the page again: a mark on its window would be gone after a reload.
    await phone.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const laptop = await screenContext(live.browser, live.server.base);
    const admin = await openAdmin(laptop, "#/menu");
    const adminErrors: string[] = [];
    admin.on("pageerror", (e) => adminErrors.push(String(e)));
    await addProduct(admin, "Eistee Pfirsich", "2,90", "Alkoholfrei");
    await admin.getByRole("button", { name: "Bearbeiten: Cola", exact: true }).click();
    await admin.getByLabel("Preis: Cola", { exact: true }).fill("2,80");
    await admin.getByRole("button", { name: "Speichern", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "Gespeichert: Karten-Version" }).waitFor();

    // The phone, untouched: the new product in its category and the new price, at once.
    const eistee = phone.page.locator('[data-product="eistee-pfirsich"]');
    await eistee.waitFor();
    expect(text(await eistee.textContent())).toContain("Eistee Pfirsich");
    expect(text(await eistee.textContent())).toContain("2,90 €");
    expect(text(await phone.page.locator('[data-product="cola"]').textContent())).toContain("2,80 €");
    // The draft made at the old price says so on its line.
    const line = phone.page.locator('[data-line="cola"]');
    await expect.poll(() => line.getAttribute("data-change")).toBe("price");
    expect(text(await line.getByTestId("line-change").textContent())).toBe("Preis geändert: 2,50 € → 2,80 €");
    expect(await phone.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The waiter adds the new product and orders: both go out at the new prices.
    await eistee.click();
    await phone.page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await phone.page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await phone.page.getByText("an der Station").first().waitFor();
    const cookie = await apiLogin(live.server.base, "Chef", PINS.admin);
    const { body } = await apiCall<{ orders: Order[] }>(live.server.base, cookie, "GET", "/tables/A1/orders");
    expect(body.orders.flatMap((o) => o.tickets.flatMap((t) => t.items.map((i) => [i.product, i.unitCents])))).toEqual([
      ["cola", 280],
      ["eistee-pfirsich", 290],
    ]);
    expect(phone.errors).toEqual([]);
    expect(adminErrors).toEqual([]);
    await laptop.close();
    await phone.context.close();
  });

  it("works on a phone: a product added with its price, no sideways scroll", async () => {
    const context = await phoneContext(live.browser, live.server.base);
    const page = await openAdmin(context, "#/menu");
    const add = await addProduct(page, "Käsespätzle", "7,5", "Essen");
    // A category is renamed and recoloured in the same save.
    await page.getByRole("button", { name: "Bearbeiten: Essen", exact: true }).click();
    await page.getByLabel("Name der Kategorie").first().fill("Speisen");
    await page.getByLabel("Farbe (0–14)").first().fill("3");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Gespeichert" }).waitFor();
    const cookie = await apiLogin(live.server.base, "Chef", PINS.admin);
    const { body } = await apiCall<Menu>(live.server.base, cookie, "GET", "/menu");
    expect(body.products.find((p) => p.id === "kaesespaetzle")).toMatchObject({ name: "Käsespätzle", priceCents: 750, category: "essen" });
    expect(body.categories.find((c) => c.id === "essen")).toMatchObject({ name: "Speisen", color: 3, station: "kitchen" });
    // A price that is no amount is said at the field, and nothing is sent.
    await addProduct(page, "Kaffee", "zwei", "Speisen");
    await add.getByRole("alert").filter({ hasText: "Preis wie 3,50 eingeben" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
