// A line's note holds 200 characters (issue 10, item 7): near the limit a counter shows it, typing
// stops at it, and a pasted text that does not fit is cut with a visible message — never silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Order } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, startTestServer, type TestServer } from "./harness.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: the note's limit", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await apiLogin(server.base, "Chef", PINS.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("counts near the limit, stops typing at 200 and says what a long paste left out", async () => {
    const { page, context, errors } = await openPhone(browser, server.base);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
    await openTable(page, "D1", "Essen");
    await page.locator('[data-product="pommes"]').click();
    await page.locator('[data-line="pommes"]').getByRole("button", { name: "Notiz" }).click();
    const note = page.getByLabel("Notiz zu Pommes");
    const count = page.getByTestId("note-count");

    // Far from the limit: no counter in the way.
    await note.pressSequentially("ohne Salz, ");
    expect(await count.count()).toBe(0);
    await note.fill("x".repeat(159));
    expect(await count.count()).toBe(0);
    await note.press("End");
    await note.press("y");
    expect(await count.textContent()).toBe("160 / 200");
    await note.pressSequentially("z".repeat(37));
    expect(await count.textContent()).toBe("197 / 200");
    // Typing stops at the limit; the counter says it is full.
    await note.pressSequentially("abcdef");
    expect((await note.inputValue()).length).toBe(200);
    expect(await note.inputValue()).toMatch(/abc$/);
    expect(await count.textContent()).toBe("200 / 200");
    expect(await page.getByTestId("note-cut").count()).toBe(0);

    // A pasted text that does not fit: what fits goes in, and the waiter is told what did not.
    await note.fill("Allergie: ");
    const long = "keine Nüsse, kein Sesam, keine Milch. ".repeat(7); // 266 characters
    await page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await note.press("End");
    await note.press("ControlOrMeta+V");
    const cut = page.getByTestId("note-cut");
    await cut.waitFor();
    expect(await note.inputValue()).toBe(("Allergie: " + long).slice(0, 200));
    expect(await cut.textContent()).toBe(`Eingefügter Text zu lang: ${long.length - 190} Zeichen weggelassen (eine Notiz hat höchstens 200).`);
    expect(await count.textContent()).toBe("200 / 200");
    // A short paste fits as it is, and the message goes away with the next change.
    await note.fill("mit Mayo ");
    await page.evaluate(() => navigator.clipboard.writeText("und Ketchup"));
    await note.press("End");
    await note.press("ControlOrMeta+V");
    expect(await note.inputValue()).toBe("mit Mayo und Ketchup");
    expect(await cut.count()).toBe(0);

    // The note kept on the phone is what the order carries, all of it.
    await note.fill(("Allergie: " + long).slice(0, 200));
    await page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await page.getByText("an der Station").first().waitFor();
    const orders = await apiCall<{ orders: Order[] }>(server.base, admin, "GET", "/tables/D1/orders");
    expect(orders.body.orders[0]!.tickets[0]!.items[0]!.note).toBe(("Allergie: " + long).slice(0, 200).trim());
    expect(errors).toEqual([]);
    await context.close();
  });
});
