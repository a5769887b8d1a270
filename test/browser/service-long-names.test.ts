// Long German product names (issue 10, item 2): on a phone of 320, 360 or 390 px every page of the
// waiter app stays as wide as the phone, names wrap inside their buttons and the order bar's
// "Prüfen" stays on screen; the station's all-day panel wraps them too instead of cutting them.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, logIn, screenContext, startLink, startTestServer, type Link, type TestServer } from "./harness.ts";
import { networkGone } from "./service-pay-helpers.ts";
import { openStation } from "./station-helpers.ts";
import { PINS } from "../pins.ts";

const root = join(import.meta.dirname, "../..");

/** Product id → a long name as a German menu has them (words of 19 letters and more). */
const LONG_NAMES: Record<string, string> = {
  apfelschorle: "Apfelsaftschorle naturtrüb",
  spezi: "Johannisbeerschorle",
  cola: "Holunderblütenlimonade",
  pils: "Kellerbiervomfassunfiltriert",
  "schnitzel-kartoffelsalat": "Schweinenackensteak mit Kartoffelsalat",
  wurstsalat: "Rindfleischsuppeneinlagenteller",
};
// Options may be 40 characters: one word of 40.
const LONG_OPTION = "ohneKnoblauchmayonnaiseundZwiebelringe";

/** config.json with the long names, every category unfolded, an overview before sending. */
function writeLongNamesConfig(): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  for (const p of config.products) if (LONG_NAMES[p.id]) p.name = LONG_NAMES[p.id];
  for (const p of config.products) if (p.id === "schnitzel-kartoffelsalat") p.options = [...(p.options ?? []), LONG_OPTION];
  config.ui = { ...config.ui, fold_categories: false, order_overview: true };
  const path = join(mkdtempSync(join(tmpdir(), "mini-pos-long-")), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** What the waiter would notice: the page scrolls sideways, or the browser zoomed out to fit it. */
async function widthOf(page: Page, width: number): Promise<{ scroll: number; inner: number; wide: string[] }> {
  return page.evaluate((width) => {
    // For the failure message: the innermost elements that reach past the phone's edge.
    const wide = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
    return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide };
  }, width);
}

async function expectFits(page: Page, width: number, where: string): Promise<void> {
  // Give a just-opened sheet or page a frame to lay out.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const { scroll, inner, wide } = await widthOf(page, width);
  expect({ where, scroll, inner, wide }).toEqual({ where, scroll: Math.min(scroll, width), inner: width, wide: [] });
}

/** The button is on screen and a tap at its centre lands on it (nothing covers it). */
async function expectTappable(button: Locator, width: number, height: number): Promise<void> {
  const box = await button.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
  const hit = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!top && el.contains(top);
  });
  expect(hit).toBe(true);
}

describe.skipIf(!hasChromium)("long product names", () => {
  let server: TestServer;
  let browser: Browser;
  let link: Link;
  let anna: Client;

  beforeAll(async () => {
    server = await startTestServer(writeLongNamesConfig());
    link = await startLink(server.base);
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
    // Something to see on the bill, the history and My cash: two orders, one of them paid.
    const paid = await placeOrder(anna, "A2", [{ product: "cola", qty: 1 }]);
    const pay = await anna.post("/payments", { id: crypto.randomUUID(), table: "A2", method: "cash", items: [{ order: paid.id, line: 0, qty: 1 }], tenderedCents: 5000 });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    await placeOrder(anna, "A2", [
      { product: "schnitzel-kartoffelsalat", qty: 2, options: [LONG_OPTION], note: "Sauceextraaufdenbeilagentellerbitteschön" },
      { product: "apfelschorle", qty: 1 },
      { product: "pils", qty: 3 },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  for (const width of [320, 360, 390]) {
    it(`fits every page of the waiter app on a ${width} px phone`, async () => {
      const height = 640;
      const context = await browser.newContext({ baseURL: link.base, viewport: { width, height }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto("/service");
      await logIn(page, "Anna", PINS.waiter);
      await page.locator('[data-table="A1"]').waitFor();
      // Hyphenation follows the event's language.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
      await expectFits(page, width, "map");

      // The table with a bill, an open order, the menu and a draft of long names.
      await page.locator('[data-table="A2"]').click();
      await page.getByTestId("bill-total").waitFor();
      for (const id of ["spezi", "cola", "apfelschorle", "schnitzel-kartoffelsalat", "wurstsalat", "pils"]) await page.locator(`[data-product="${id}"]`).click();
      await page.locator('[data-line="schnitzel-kartoffelsalat"]').getByRole("button", { name: LONG_OPTION }).click();
      await expectFits(page, width, "table page with draft");
      // Every product name stays inside its button.
      const spill = await page.locator("[data-product]").evaluateAll((buttons) =>
        buttons.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.getAttribute("data-product")),
      );
      expect(spill).toEqual([]);
      const review = page.getByRole("button", { name: "Prüfen", exact: true });
      await expectTappable(review, width, height);

      await review.click();
      await page.getByRole("dialog", { name: "Bestellung für Tisch A2" }).waitFor();
      await expectFits(page, width, "review sheet");
      await page.getByRole("dialog").getByRole("button", { name: "Zurück" }).click();

      await page.getByRole("button", { name: "Kassieren" }).click();
      const paySheet = page.getByRole("dialog", { name: "Kassieren Tisch A2" });
      await paySheet.waitFor();
      await paySheet.getByRole("button", { name: "alles", exact: true }).click();
      await paySheet.getByRole("button", { name: "Bar", exact: true }).click();
      await expectFits(page, width, "pay sheet");
      await paySheet.getByRole("button", { name: "Schließen" }).click();

      await page.getByRole("button", { name: "Storno" }).click();
      const voidSheet = page.getByRole("dialog", { name: "Storno Tisch A2" });
      await voidSheet.waitFor();
      await expectFits(page, width, "void sheet");
      await voidSheet.getByRole("button", { name: "Schließen" }).click();

      await page.getByRole("button", { name: "Umsetzen" }).click();
      const moveSheet = page.getByRole("dialog", { name: "Umsetzen von Tisch A2" });
      await moveSheet.waitFor();
      await expectFits(page, width, "move sheet");
      await moveSheet.getByRole("button", { name: "Schließen" }).click();

      await page.getByRole("button", { name: "Verlauf" }).click();
      await page.getByRole("heading", { name: "Verlauf Tisch A2" }).waitFor();
      await page.getByText(LONG_NAMES["schnitzel-kartoffelsalat"]!).first().waitFor();
      await expectFits(page, width, "history");

      await page.getByRole("button", { name: /^Anna/ }).click();
      await page.getByRole("button", { name: "Meine Kasse" }).click();
      await page.getByText("Bargeld abzugeben").waitFor();
      await expectFits(page, width, "my cash");

      // An order with no network waits in the outbox.
      await page.goto("/service#/table/A3");
      await page.locator('[data-product="schnitzel-kartoffelsalat"]').waitFor();
      await networkGone(context, link, true);
      await page.locator('[data-product="schnitzel-kartoffelsalat"]').click();
      await page.locator('[data-product="spezi"]').click();
      await page.getByRole("button", { name: "Prüfen", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
      await page.getByTestId("unsent").click();
      await page.getByText(LONG_NAMES.spezi!).first().waitFor();
      await expectFits(page, width, "outbox");
      await networkGone(context, link, false);
      await page.getByText("Alles gesendet.").waitFor();

      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("wraps long names in the station's all-day panel instead of cutting them", async () => {
    await placeOrder(anna, "B1", [
      { product: "schnitzel-kartoffelsalat", qty: 1 },
      { product: "wurstsalat", qty: 2 },
    ]);
    const context = await screenContext(browser, server.base);
    const page = await openStation(context, "/bar/kitchen");
    const panel = page.getByTestId("all-day");
    await panel.locator('[data-product="wurstsalat"]').waitFor();
    const cut = await panel.evaluate((list) => {
      const right = list.getBoundingClientRect().right;
      return [...list.querySelectorAll("li")]
        .filter((li) => li.scrollWidth > li.clientWidth + 1 || [...li.children].some((c) => c.getBoundingClientRect().right > right + 1))
        .map((li) => li.textContent?.trim());
    });
    expect(cut).toEqual([]);
    expect(await panel.locator('[data-product="wurstsalat"]').textContent()).toContain(LONG_NAMES.wurstsalat);
    await context.close();
  });
});
