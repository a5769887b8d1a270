// A waiter's name is theirs (issue 19, item 4): a second phone that logs in as Anna while her phone
// is logged in is told so and offered the admin PIN; with it, it is in and Anna's old phone is
// logged out with the reason. A name that only looks like hers ("anna") is refused with a button to
// log in as "Anna"; a name with an invisible character is caught before it is sent.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasChromium, phoneContext, serverAndBrowser } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: a name logged in on another phone", () => {
  const live = serverAndBrowser();

  /** A phone that never logged in here (so not Anna's: test/browser/devices.ts is not asked). */
  async function newPhone(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await phoneContext(live.browser, live.server.base);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto("/service");
    await page.getByLabel(/^Name/).waitFor();
    return { page, errors, close: () => context.close() };
  }

  async function typeLogin(page: Page, name: string, pin: string) {
    await page.getByLabel(/^Name/).fill(name);
    await page.getByLabel(/^PIN/).fill(pin);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  }

  it("tells the second phone that Anna is logged in elsewhere, and lets it in with the admin PIN, logging the old phone out", async () => {
    const anna = await openPhone(live.browser, live.server.base, "Anna");
    const second = await newPhone();

    await typeLogin(second.page, "Anna", PINS.waiter);
    const alert = second.page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("„Anna“ ist schon auf einem anderen Handy angemeldet");
    expect(await alert.textContent()).toContain("Admin-PIN");
    expect(await second.page.locator('[data-table="A1"]').count()).toBe(0);
    // Anna's own phone did not notice anything.
    expect(await anna.page.locator(".session-ended").count()).toBe(0);
    await anna.page.locator('[data-table="A1"]').waitFor();

    // A wrong admin PIN: said so, still out.
    await second.page.getByLabel("Admin-PIN").fill("123456");
    await second.page.getByRole("button", { name: "Mit Admin-PIN übernehmen" }).click();
    await expect.poll(() => alert.textContent()).toBe("Falsche Admin-PIN");
    expect(await second.page.locator('[data-table="A1"]').count()).toBe(0);

    // The right one: in, as Anna; her old phone is logged out with the reason.
    await second.page.getByLabel("Admin-PIN").fill(PINS.admin);
    await second.page.getByRole("button", { name: "Mit Admin-PIN übernehmen" }).click();
    await second.page.locator('[data-table="A1"]').waitFor();
    await second.page.getByRole("button", { name: /^Anna/ }).waitFor();
    const notice = anna.page.locator(".session-ended");
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toBe("Die Anmeldung wurde beendet (auf einem anderen Gerät mit der Admin-PIN übernommen). Bitte neu anmelden.");

    expect([...anna.errors, ...second.errors]).toEqual([]);
    await anna.context.close();
    await second.close();
  });

  it("refuses a name that only looks like Anna's and offers hers; catches an invisible character before sending", async () => {
    const phone = await newPhone();
    const logins: string[] = [];
    phone.page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/login")) logins.push(r.postData() ?? "");
    });

    await typeLogin(phone.page, "Anna\u200b", PINS.waiter);
    const alert = phone.page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("unsichtbares oder nicht erlaubtes Zeichen (U+200B an Stelle 5)");
    expect(logins).toEqual([]);

    await typeLogin(phone.page, "anna", PINS.waiter);
    await expect.poll(() => alert.textContent()).toContain("„anna“ sieht aus wie „Anna“, den es bei dieser Veranstaltung schon gibt");
    // "That is me": the name becomes Anna's, who is logged in on the other phone: the admin PIN is offered.
    await phone.page.getByRole("button", { name: "Weiter als „Anna“" }).click();
    await expect.poll(() => alert.textContent()).toContain("„Anna“ ist schon auf einem anderen Handy angemeldet");
    expect(await phone.page.getByLabel(/^Name/).inputValue()).toBe("Anna");
    await phone.page.getByLabel("Admin-PIN").waitFor();
    // Another name of her own: the admin PIN field goes, and she is in.
    await phone.page.getByLabel(/^Name/).fill("Annika");
    expect(await phone.page.getByLabel("Admin-PIN").count()).toBe(0);
    await phone.page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await phone.page.getByRole("button", { name: /^Annika/ }).waitFor();
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
