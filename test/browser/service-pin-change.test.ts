// The organiser changes the waiter PIN during the evening (someone saw it): a phone still logged
// in with the old PIN is logged out at once, says why, and gets in again only with the new PIN.
import { describe, expect, it } from "vitest";
import { hasChromium, logIn, serverAndBrowser } from "./harness.ts";
import { apiCall, apiLogin, openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: the waiter PIN is changed during the evening", () => {
  const live = serverAndBrowser();

  it("logs the phone out at once with the reason; the old PIN is refused, the new one works", async () => {
    const { page, errors } = await openPhone(live.browser, live.server.base, "Anna");
    const admin = await apiLogin(live.server.base, "Chef", PINS.admin);
    const res = await apiCall(live.server.base, admin, "PUT", "/access/pins", { role: "waiter", pin: "482915", currentAdminPin: PINS.admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    // No reload: the stream closes with the reason and the login comes back.
    const notice = page.locator(".session-ended");
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toBe("Die Anmeldung wurde beendet (die PIN wurde geändert). Bitte neu anmelden.");
    expect(await notice.getAttribute("role")).toBe("alert");

    await logIn(page, "Anna", PINS.waiter);
    await expect.poll(() => page.getByRole("alert").allTextContents()).toContain("Falsche PIN");
    expect(await page.locator('[data-table="A1"]').count()).toBe(0);
    await logIn(page, "Anna", "482915");
    await page.locator('[data-table="A1"]').waitFor();
    expect(errors).toEqual([]);
  });
});
