// A restart with a changed config (a price changed, a product removed, one added): the phone
// reconnects by itself and, without a reload, shows the new menu, keeps the waiter's draft and
// marks the lines the change touched; the order then goes out at the new price.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

const root = join(import.meta.dirname, "../..");
const text = (s: string | null) => (s ?? "").replace(/\s/g, " ");

describe.skipIf(!hasChromium)("waiter app: a restart with a changed menu", () => {
  let server: TestServer | undefined;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mini-pos-menu-change-"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the new menu at once and marks the draft's changed lines, keeping the draft", async () => {
    const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
    writeFileSync(join(dir, "before.json"), JSON.stringify(config));
    const data = join(dir, "data");
    server = await startTestServer(join(dir, "before.json"), { data });
    const port = Number(new URL(server.base).port);

    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await openTable(page, "A1", "Bier");
    for (const product of ["pils", "radler", "hefeweizen"]) await page.locator(`[data-product="${product}"]`).click();
    await page.locator('[data-line="hefeweizen"]').waitFor();

    // The organiser changes the config and restarts on the same data: Pils 3.50, no Radler, a new Helles.
    await server.stop();
    server = undefined;
    for (const p of config.products) if (p.id === "pils") p.price = 3.5;
    config.products = config.products.filter((p: { id: string }) => p.id !== "radler");
    config.products.push({ id: "helles", name: "Helles", price: 3.2, category: "bier", deposit: 2 });
    writeFileSync(join(dir, "after.json"), JSON.stringify(config));
    server = await startTestServer(join(dir, "after.json"), { data, port });

    // No reload: the phone reconnects by itself and shows the new menu.
    const helles = page.locator('[data-product="helles"]');
    await helles.waitFor({ timeout: 20_000 });
    expect(text(await page.locator('[data-product="pils"]').textContent())).toContain("3,50 €");
    expect(await page.locator('[data-product="radler"]').count()).toBe(0);

    // The draft is kept, and its changed lines say what changed.
    expect(await page.locator("[data-line]").count()).toBe(3);
    const pils = page.locator('[data-line="pils"]');
    expect(await pils.getAttribute("data-change")).toBe("price");
    expect(text(await pils.getByTestId("line-change").textContent())).toBe("Preis geändert: 3,00 € → 3,50 €");
    const radler = page.locator('[data-line="radler"]');
    expect(await radler.getAttribute("data-change")).toBe("removed");
    expect(await radler.textContent()).toContain("Radler");
    expect(await radler.getByTestId("line-change").textContent()).toBe("nicht mehr auf der Karte – bitte entfernen");
    expect(await page.locator('[data-line="hefeweizen"]').getAttribute("data-change")).toBeNull();

    // The waiter takes the Radler out and orders: the order goes through at the new price.
    await radler.getByRole("button", { name: "Radler entfernen", exact: true }).click();
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByText("an der Station").first().waitFor();
    const admin = await apiLogin(server.base, "Chef", PINS.admin);
    const { body } = await apiCall<{ orders: Order[] }>(server.base, admin, "GET", "/tables/A1/orders");
    expect(body.orders.flatMap((o) => o.tickets.flatMap((t) => t.items.map((i) => [i.product, i.unitCents])))).toEqual([
      ["pils", 350],
      ["hefeweizen", 380],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
