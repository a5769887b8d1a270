// A new event while money is open (issue 19 item 12): 47,90 € are open at D2; the organiser starts
// a new event on /admin, is shown D2 and its amount instead, and starts anyway with the bills kept;
// the phone, moved to the new event, finds D2 under "Offen aus <old event>", cashes it up there,
// and the organiser settles the old event's cash at 0,00 € difference.
import { describe, expect, it } from "vitest";
import type { EarlierEventBills, Order, Payment, WaiterShift } from "../../worker/protocol.ts";
import { hasChromium, screenContext, serverAndBrowser } from "./harness.ts";
import { apiLogin, placeOrder } from "./api-client.ts";
import { allOf, euro, itemAt, openAdmin, plain } from "./admin-helpers.ts";
import { openPhone } from "./service-helpers.ts";
import { PINS } from "../pins.ts";

const OLD = { id: "sommerfest-2026", name: "Sommerfest TSV Musterdorf 2026" };
const NEXT = { id: "herbstfest-2026", name: "Herbstfest 2026" };

/** qty × (price + deposit) of every line, from the order's own snapshot. */
const openCentsOf = (order: Order) => allOf(order).reduce((sum, ref) => sum + ref.qty * (itemAt(order, ref.line).unitCents + itemAt(order, ref.line).depositCents), 0);

describe.skipIf(!hasChromium)("admin: a new event while a table has open money", () => {
  const live = serverAndBrowser();

  it("shows the open table and amount, starts only when told, and the phone cashes up the old table from “Offen aus …”", async () => {
    const base = live.server.base;
    const anna = await apiLogin(base, "Anna", PINS.waiter);
    const d2 = await placeOrder(anna, "D2", [
      { product: "schnitzel-kartoffelsalat", qty: 2 },
      { product: "wurstsalat", qty: 1 },
      { product: "hefeweizen", qty: 3 },
      { product: "spezi", qty: 3 },
    ]);
    const open = openCentsOf(d2);
    const phone = await openPhone(live.browser, base, "Anna");
    await phone.page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));

    // The organiser tries to start the next event: refused, with D2 and its amount.
    const laptop = await screenContext(live.browser, base);
    const admin = await openAdmin(laptop, "#/menu");
    admin.on("dialog", (d) => void d.accept());
    await admin.getByLabel(/^ID/).fill(NEXT.id);
    await admin.getByLabel("Name", { exact: true }).last().fill(NEXT.name);
    await admin.getByRole("button", { name: "Neue Veranstaltung beginnen" }).click();
    const refused = admin.getByTestId("open-bills");
    await refused.waitFor();
    expect(plain(await refused.locator("li").allTextContents().then((t) => t.join(" | ")))).toBe(plain(`Tisch D2: ${euro(open)}`));
    expect(plain(await refused.textContent())).toContain(`„Offen aus ${OLD.name}“`);
    const admins = await apiLogin(base, "Chef", PINS.admin);
    expect((await admins.get<{ events: { id: string }[] }>("/events")).events.map((e) => e.id)).toEqual([OLD.id]);

    // Told to go ahead: the new event starts and the phone moves to it by itself.
    await refused.getByRole("button", { name: "Trotzdem neues Event starten – offene Rechnungen bleiben bezahlbar" }).click();
    await phone.page.waitForFunction(() => !(window as unknown as { oldPage?: boolean }).oldPage);
    expect((await admins.get<{ events: { id: string; current: boolean }[] }>("/events")).events.map((e) => [e.id, e.current])).toEqual([
      [NEXT.id, true],
      [OLD.id, false],
    ]);

    // The phone's map: D2 of the old event, with its amount, apart from the new event's tables.
    const earlier = phone.page.getByTestId("earlier-bills");
    await earlier.getByRole("heading", { name: `Offen aus ${OLD.name}` }).waitFor();
    const button = earlier.locator('[data-earlier-table="D2"]');
    expect(plain(await button.textContent())).toBe(plain(`D2 ${euro(open)}`));
    await button.click();
    await phone.page.getByTestId("earlier-from").waitFor();
    expect(plain(await phone.page.getByTestId("bill-total").textContent())).toBe(plain(euro(open)));

    // Cash up there: everything, cash; the sheet closes and D2 leaves the list.
    await phone.page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = phone.page.getByRole("dialog");
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: `${plain(euro(open))} kassieren` }).click();
    await sheet.waitFor({ state: "detached" });
    await phone.page.locator('[data-table="A1"]').waitFor();
    await phone.page.getByTestId("earlier-bills").waitFor({ state: "detached" });
    expect(await anna.get<{ events: EarlierEventBills[] }>("/open-bills")).toEqual({ events: [] });
    // Recorded once, in the old event: its settlement has Anna's cash, the new event's does not.
    const shifts = await admins.get<{ waiters: WaiterShift[] }>(`/settlement?event=${OLD.id}`);
    expect(shifts.waiters.find((w) => w.name === "Anna")).toMatchObject({ payments: 1, cashCents: open, openTables: [] });
    expect((await admins.get<{ waiters: WaiterShift[] }>("/settlement")).waiters.find((w) => w.name === "Anna")).toBeUndefined();
    expect((await anna.get<{ payments: Payment[] }>("/payments")).payments).toEqual([]);

    // The organiser settles the old event's cash from "Veranstaltungen" → "Kasse abrechnen".
    const menu = admin;
    await menu.goto("/admin#/menu");
    await menu.getByRole("link", { name: "Kasse abrechnen" }).click();
    await menu.getByTestId("settlement-earlier").waitFor();
    const section = menu.locator('[data-testid="waiter-shift"][data-waiter="Anna"]');
    await section.getByLabel("Wechselgeld ausgegeben").fill("0,00");
    await section.getByLabel("Bargeld gezählt (mit Wechselgeld)").fill(plain(euro(open)).replace(/[^\d,]/g, ""));
    expect(plain(await section.getByTestId("difference").textContent())).toBe(plain(euro(0)));
    await section.getByRole("button", { name: "Abrechnung speichern" }).click();
    await section.getByTestId("stored").waitFor();
    const stored = await admins.get<{ settlements: { waiter: string; differenceCents: number }[] }>(`/settlements?event=${OLD.id}`);
    expect(stored.settlements.map((s) => [s.waiter, s.differenceCents])).toEqual([["Anna", 0]]);

    expect(phone.errors).toEqual([]);
    await laptop.close();
    await phone.context.close();
  });
});
