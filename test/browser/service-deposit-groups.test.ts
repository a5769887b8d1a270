// "Pfand zurück" by deposit group (issue 20, item 11): guests bring back glasses, not products. The
// shipped config has ten products with a deposit, in two groups ("Glas 0,5 l" for the six beers,
// "Flasche 0,75 l" for the four bottles); the waiter sees the two groups with how many are out,
// brings two glasses back with a guest's payment, and the pay sheet takes the refund off the total.
// Beyond what is out, the sheet asks for the admin PIN. On /admin the organiser sets a product's group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import type { DepositBalance, DepositGroupBalance } from "../../worker/protocol.ts";
import { hasChromium, launchBrowser, screenContext, startTestServer, type TestServer } from "./harness.ts";
import { openAdmin, plain } from "./admin-helpers.ts";
import { openPhone } from "./service-helpers.ts";
import { money, paymentsOf, pick, writePayConfig } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

describe.skipIf(!hasChromium)("waiter app: deposits come back by group", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;

  beforeAll(async () => {
    server = await startTestServer(writePayConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows "Glas 0,5 l" with the count out, not ten products; two back with a payment take 4,00 € off the bill', async () => {
    // Four glasses go out at another table: two Pils, a Radler and a Hefeweizen, paid in cash.
    const out = await placeOrder(anna, "A1", [{ product: "pils", qty: 2 }, { product: "radler", qty: 1 }, { product: "hefeweizen", qty: 1 }]);
    const lines = out.tickets.flatMap((t) => t.items).map((i) => ({ order: out.id, line: i.line, qty: i.qty }));
    expect((await anna.post("/payments", { id: crypto.randomUUID(), table: "A1", method: "cash", items: lines })).status).toBe(201);
    // At B2 a guest pays one of two Colas (2,50 €) and brings two of those glasses back.
    await placeOrder(anna, "B2", [{ product: "cola", qty: 2 }]);

    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="B2"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await pick(page, "Cola");
    await sheet.getByRole("button", { name: /^Pfand zurück/ }).click();
    const glas = sheet.locator('[data-testid="deposit-return"][data-group="Glas 0,5 l"]');
    await expect.poll(async () => plain(await glas.textContent())).toContain("noch 4 offen");
    expect(plain(await glas.textContent())).toContain("Glas 0,5 l 2,00 €");
    // Two groups, not the ten products with a deposit.
    expect(await sheet.getByTestId("deposit-return").count()).toBe(2);
    expect(plain(await sheet.locator('[data-group="Flasche 0,75 l"]').textContent())).toContain("noch 0 offen");
    expect(await sheet.getByRole("button", { name: "+ Pfand zurück: Pils", exact: true }).count()).toBe(0);

    await pick(page, "Pfand zurück: Glas 0,5 l", 2);
    expect(await sheet.getByLabel("Admin-PIN").count()).toBe(0);
    // 2,50 € for the Cola, 4,00 € back for two glasses: 1,50 € goes to the guest.
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("-1,50 €");
    await sheet.getByRole("button", { name: "1,50 € auszahlen" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    expect(money(await sheet.getByTestId("last-paid").textContent())).toContain("-1,50 €");
    await expect.poll(async () => (await paymentsOf(anna, "B2")).map((p) => [p.amountCents, p.depositReturnCents, p.totalCents])).toEqual([[250, 400, -150]]);
    const [payment] = await paymentsOf(anna, "B2");
    expect(payment!.depositReturns.map((r) => [r.group, r.qty])).toEqual([["Glas 0,5 l", 2]]);

    // Two glasses are still out; a third and fourth fit, a fifth asks for the admin PIN.
    await expect.poll(async () => plain(await glas.textContent())).toContain("noch 2 offen");
    await pick(page, "Pfand zurück: Glas 0,5 l", 3);
    await sheet.getByLabel("Admin-PIN").waitFor();
    expect(plain(await sheet.textContent())).toContain("Mehr Gläser zurück, als Pfand ausgegeben ist");
    await sheet.getByRole("button", { name: "− Pfand zurück: Glas 0,5 l", exact: true }).click();
    expect(await sheet.getByLabel("Admin-PIN").count()).toBe(0);
    // A guest brings a third glass (from another evening): the organiser types the admin PIN.
    await pick(page, "Pfand zurück: Glas 0,5 l");
    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await sheet.getByRole("button", { name: "6,00 € auszahlen" }).click();
    await expect.poll(async () => (await paymentsOf(anna, "B2")).map((p) => [p.depositReturnCents, p.approvedBy])).toContainEqual([600, "admin PIN"]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("/admin's menu editor sets a product's deposit group; a deposit without one is grouped by its amount", async () => {
    const groupsBefore = (await anna.get<{ groups: DepositGroupBalance[] }>("/deposits")).groups;
    const radlerBefore = (await anna.get<{ deposits: DepositBalance[] }>("/deposits")).deposits.find((d) => d.product === "radler")!;
    const laptop = await screenContext(browser, server.base);
    const admin = await openAdmin(laptop, "#/menu");
    const errors: string[] = [];
    admin.on("pageerror", (e) => errors.push(String(e)));
    await admin.getByRole("button", { name: "Bearbeiten: Radler", exact: true }).click();
    const group = admin.getByLabel("Pfandgruppe (das Glas): Radler", { exact: true });
    expect(await group.inputValue()).toBe("Glas 0,5 l");
    await group.fill("Glas 0,3 l");
    // Cola gets a deposit: the group field appears, left empty.
    await admin.getByRole("button", { name: "Bearbeiten: Cola", exact: true }).click();
    expect(await admin.getByLabel("Pfandgruppe (das Glas): Cola", { exact: true }).count()).toBe(0);
    await admin.locator(".menu-row.open").filter({ hasText: "Cola" }).getByLabel("Pfand", { exact: true }).fill("0,50");
    expect(await admin.getByLabel("Pfandgruppe (das Glas): Cola", { exact: true }).inputValue()).toBe("");
    await admin.getByRole("button", { name: "Speichern", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "Gespeichert: Karten-Version" }).waitFor();

    // In menu order. Glasses out and back are counted by product, so nothing is lost by the move:
    // "Glas 0,3 l" takes the Radler's, and the two glass groups add up to what "Glas 0,5 l" had.
    const groups = (await anna.get<{ groups: DepositGroupBalance[] }>("/deposits")).groups;
    const before = new Map(groupsBefore.map((g) => [g.group, g]));
    expect(groups.map((g) => [g.group, g.depositCents])).toEqual([
      ["Pfand 0,50 €", 50],
      ["Glas 0,5 l", 200],
      ["Glas 0,3 l", 200],
      ["Flasche 0,75 l", 300],
    ]);
    const glas = before.get("Glas 0,5 l")!;
    const [g05, g03] = [groups[1]!, groups[2]!];
    expect([g05.out + g03.out, g05.back + g03.back]).toEqual([glas.out, glas.back]);
    expect([g03.out, g03.back]).toEqual([radlerBefore.out, radlerBefore.back]);
    expect(errors).toEqual([]);
    await laptop.close();
  });
});
