// The loop the product exists for: a waiter orders on a phone, and the order appears on the bar's
// screen in another browser without a reload; the kitchen's part goes only to the kitchen.
import { describe, expect, it } from "vitest";
import { hasChromium, logIn, screenContext, serverAndBrowser } from "./harness.ts";
import { openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("the order loop", () => {
  const live = serverAndBrowser();

  it("shows an order placed on a phone on the bar and kitchen screens without a reload", async () => {
    // Both station screens are open and live before the order exists.
    const screens = await screenContext(live.browser, live.server.base);
    const bar = await screens.newPage();
    await bar.goto("/bar/bar");
    await logIn(bar, "Theke", PINS.station);
    await bar.getByTestId("open-count").waitFor();
    const kitchen = await screens.newPage();
    await kitchen.goto("/bar/kitchen");
    await kitchen.getByTestId("open-count").waitFor();
    await expect.poll(() => bar.getByTestId("connection-banner").count()).toBe(0);
    await expect.poll(() => kitchen.getByTestId("connection-banner").count()).toBe(0);
    let navigations = 0;
    bar.on("framenavigated", () => navigations++);

    const { page: phone } = await openPhone(live.browser, live.server.base, "Anna");
    await openTable(phone, "C3", "Bier");
    await phone.locator('[data-product="hefeweizen"]').click();
    await phone.getByRole("button", { name: /^Essen/ }).click();
    await phone.locator('[data-product="pommes"]').click();
    await phone.getByRole("button", { name: "Prüfen" }).click();
    await phone.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();

    const barCard = bar.getByTestId("ticket-card").filter({ hasText: "C3" });
    await barCard.waitFor({ timeout: 10_000 });
    expect(await barCard.textContent()).toContain("Hefeweizen");
    expect(await barCard.textContent()).not.toContain("Pommes");
    expect(await barCard.textContent()).toContain("Anna");
    const kitchenCard = kitchen.getByTestId("ticket-card").filter({ hasText: "C3" });
    await kitchenCard.waitFor({ timeout: 10_000 });
    expect(await kitchenCard.textContent()).toContain("Pommes");
    expect(await kitchenCard.textContent()).not.toContain("Hefeweizen");
    expect(navigations).toBe(0);
    await screens.close();
  });
});
