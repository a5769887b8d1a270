// Every page speaks the event's language, before login too: a German event on a browser set to
// English shows German on the home page and on the logins of /service, /bar and /admin.
import { describe, expect, it } from "vitest";
import { hasChromium, logIn, serverAndBrowser } from "./harness.ts";

describe.skipIf(!hasChromium)("pages: the event's language before login", () => {
  const live = serverAndBrowser();

  it("shows a German event in German on a fresh English browser (home, service, bar, admin)", async () => {
    expect(live.server.config.language).toBe("de");
    const context = await live.browser.newContext({ baseURL: live.server.base, locale: "en-US", viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");

    await page.goto("/");
    await page.getByRole("link", { name: "Bedienung (Handy)" }).waitFor();
    expect(await page.getByRole("link", { name: "Waiters (phone)" }).count()).toBe(0);

    await page.goto("/service");
    await page.getByRole("heading", { name: "Anmelden für Bedienung" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    await logIn(page, "Anna", "0000");
    expect(await page.getByRole("alert").textContent()).toBe("Falsche PIN");

    for (const path of ["/bar", "/admin"]) {
      await page.goto(path);
      await page.getByRole("heading", { name: /^Anmelden für / }).waitFor();
      expect(await page.getByRole("button", { name: "Anmelden" }).count()).toBe(1);
      expect(await page.getByText("Log in", { exact: false }).count()).toBe(0);
    }
    await context.close();
  });
});
