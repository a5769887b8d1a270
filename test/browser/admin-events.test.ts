// A new event (issue 11 §2) started from /admin: the pages still open on the old event move to the
// new one by themselves — a waiter's phone keeps its login and its draft, the station list shows
// the new event's name — and what the phone orders then belongs to the new event.
import { describe, expect, it } from "vitest";
import type { EventSummary } from "../../worker/protocol.ts";
import { hasChromium, logIn, screenContext, serverAndBrowser } from "./harness.ts";
import { openAdmin } from "./admin-helpers.ts";
import { apiCall, apiLogin, openPhone, openTable } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("admin: a new event", () => {
  const live = serverAndBrowser();

  it("moves the open phone and station screen to the new event; the phone's next order belongs to it", async () => {
    const phone = await openPhone(live.browser, live.server.base, "Anna");
    await openTable(phone.page, "A1", "Bier");
    await phone.page.locator('[data-product="pils"]').click();
    await phone.page.locator('[data-line="pils"]').waitFor();
    await phone.page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));

    const screens = await screenContext(live.browser, live.server.base);
    const bar = await screens.newPage();
    await bar.goto("/bar");
    await logIn(bar, "Tresen", PINS.station);
    await bar.getByRole("heading", { name: "Sommerfest TSV Musterdorf 2026" }).waitFor();

    const laptop = await screenContext(live.browser, live.server.base);
    const admin = await openAdmin(laptop, "#/menu");
    admin.on("dialog", (d) => void d.accept());
    await admin.getByLabel(/^ID/).fill("herbstfest-2026");
    await admin.getByLabel("Name", { exact: true }).last().fill("Herbstfest 2026");
    await admin.getByRole("button", { name: "Neue Veranstaltung beginnen" }).click();

    // The station list, untouched, loads again and names the new event.
    await bar.getByRole("heading", { name: "Herbstfest 2026" }).waitFor();
    // The phone loaded again (its window mark is gone), is still logged in and keeps its draft.
    await phone.page.waitForFunction(() => !(window as unknown as { oldPage?: boolean }).oldPage);
    await phone.page.locator('[data-line="pils"]').waitFor();
    await phone.page.getByRole("button", { name: "Prüfen", exact: true }).click();
    await phone.page.getByRole("dialog").getByRole("button", { name: "Bestellen" }).click();
    await phone.page.getByText("an der Station").first().waitFor();

    const cookie = await apiLogin(live.server.base, "Chef", PINS.admin);
    const { body } = await apiCall<{ events: EventSummary[] }>(live.server.base, cookie, "GET", "/events");
    expect(body.events.map((e) => [e.id, e.current, e.orders])).toEqual([
      ["herbstfest-2026", true, 1],
      ["sommerfest-2026", false, 0],
    ]);
    expect(phone.errors).toEqual([]);
    await laptop.close();
    await screens.close();
    await phone.context.close();
  });
});
