// Cash-up on the waiter's phone: a table of three paying one by one, a void with the admin PIN, a
// move, and "my cash"; saves service-bill / service-pay / service-my-cash screenshots (see screenshotDir).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { WaiterShift } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "./api-client.ts";
import { hasChromium, launchBrowser, logIn, phoneContext, screenshotDir, startTestServer, type TestServer } from "./harness.ts";
import { openPhone } from "./service-helpers.ts";
import { billOf, pageWidth, paymentsOf, pick, writePayConfig, money } from "./service-pay-helpers.ts";
import { PINS } from "../pins.ts";

async function shoot(page: Page, name: string) {
  expect(await pageWidth(page), `${name}: wider than the phone`).toBeLessThanOrEqual(360);
  await page.screenshot({ path: join(screenshotDir, `service-${name}.png`) });
}

/** The same screen at 320 px: still no sideways scrolling. */
async function fitsNarrowPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await pageWidth(page), `${name} at 320 px`).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 360, height: 640 });
}

describe.skipIf(!hasChromium)("waiter app: paying at the table", () => {
  let server: TestServer;
  let browser: Browser;
  let anna: Client;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer(writePayConfig());
    browser = await launchBrowser();
    anna = await apiLogin(server.base, "Anna", PINS.waiter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets a table of three pay one by one: cash with change, card, then the rest; the table ends free", async () => {
    const first = await placeOrder(anna, "A1", [{ product: "pils", qty: 2 }, { product: "cola", qty: 1 }]);
    const second = await placeOrder(anna, "A1", [{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="A1"]').click();

    // The bill merges the Pils of both orders and shows the deposit apart from the price.
    const pils = page.locator('[data-bill-row="Pils"]');
    await expect.poll(() => pils.textContent()).toMatch(/3×\s*Pils/);
    expect(await pils.textContent()).toContain("+ Pfand 3 × 2,00");
    expect(await pils.textContent()).toContain("9,00");
    // 3 × (3.00 + 2.00) + 2.50 + 3.50
    expect(money(await page.getByTestId("bill-total").textContent())).toBe("21,00 €");
    await shoot(page, "bill");
    await fitsNarrowPhone(page, "bill");

    // Guest 1: a Pils and the Pommes, cash, hands over 10.
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await pick(page, "Pils");
    await pick(page, "Pommes");
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("8,50 €");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "10,00 €", exact: true }).click();
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 1,50 €");
    await shoot(page, "pay");
    await fitsNarrowPhone(page, "pay sheet");
    await sheet.getByRole("button", { name: "8,50 € kassieren" }).click();

    // The sheet stays with what is left: two Pils and the Cola.
    await sheet.getByTestId("last-paid").waitFor();
    expect(money(await sheet.getByTestId("last-paid").textContent())).toContain("Rückgeld 1,50 €");
    await expect.poll(() => sheet.locator('[data-row="Pils"] [data-testid="picked"]').textContent()).toBe("0/2");
    expect(await sheet.locator('[data-row="Pommes"]').count()).toBe(0);

    // Guest 2: a Pils by card.
    await pick(page, "Pils");
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("5,00 €");
    await sheet.getByRole("button", { name: "5,00 € kassieren" }).click();
    await expect.poll(() => sheet.locator('[data-row="Pils"] [data-testid="picked"]').textContent()).toBe("0/1");

    // Guest 3: the rest, cash, exact.
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("7,50 €");
    await sheet.getByRole("button", { name: "Bar", exact: true }).click();
    await sheet.getByRole("button", { name: "passend" }).click();
    expect(money(await sheet.getByTestId("change-due").textContent())).toBe("Rückgeld 0,00 €");
    await sheet.getByRole("button", { name: "7,50 € kassieren" }).click();

    // Nothing left: the sheet closes, the map shows A1 free, the server's bill is empty.
    await sheet.waitFor({ state: "detached" });
    await expect.poll(() => page.locator('[data-table="A1"]').getAttribute("class")).not.toContain("open");
    await expect.poll(async () => (await billOf(anna, "A1")).lines).toEqual([]);
    expect((await billOf(anna, "A1")).openCents).toBe(0);
    const payments = (await paymentsOf(anna, "A1")).reverse();
    expect(payments.map((p) => [p.method, p.totalCents, p.changeCents])).toEqual([
      ["cash", 850, 150],
      ["card", 500, null],
      ["cash", 750, 0],
    ]);
    // The merged Pils row is split oldest first: the first order's two, then the second's.
    expect(payments.map((p) => p.items.filter((i) => i.product === "pils").map((i) => [i.order, i.line, i.qty]))).toEqual([
      [[first.id, 0, 1]],
      [[first.id, 0, 1]],
      [[second.id, 0, 1]],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("voids one of two Pils with the admin PIN (a wrong PIN is refused), moves the other to B1, then the whole table to B2", async () => {
    await placeOrder(anna, "A2", [{ product: "pils", qty: 2 }, { product: "cola", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="A2"]').click();
    await expect.poll(() => page.locator('[data-bill-row="Pils"]').textContent()).toMatch(/2×\s*Pils/);

    await page.getByRole("button", { name: "Storno" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: /2× Pils/ }).click();
    await sheet.getByRole("button", { name: "falsch bestellt" }).click();
    await sheet.getByLabel("Admin-PIN").fill("0000");
    await sheet.getByRole("button", { name: "1× stornieren" }).click();
    expect(await sheet.getByTestId("void-error").textContent()).toBe("Falsche Admin-PIN.");
    expect((await billOf(anna, "A2")).lines[0]!.openQty).toBe(2);

    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await sheet.getByRole("button", { name: "1× stornieren" }).click();
    await sheet.getByText("Storniert: 1× Pils").waitFor();
    await sheet.getByRole("button", { name: "Schließen" }).click();
    await expect.poll(() => page.locator('[data-bill-row="Pils"]').textContent()).toMatch(/1×\s*Pils/);
    const afterVoid = (await billOf(anna, "A2")).lines;
    expect(afterVoid.map((l) => [l.product, l.voidedQty, l.openQty])).toEqual([
      ["pils", 1, 1],
      ["cola", 0, 1],
    ]);

    // Move the Pils left to B1; the Cola stays.
    await page.getByRole("button", { name: "Umsetzen" }).click();
    await pick(page, "Pils");
    await sheet.locator('[data-target="B1"]').click();
    await sheet.getByRole("button", { name: "Nach B1 umsetzen" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await billOf(anna, "A2")).lines.map((l) => l.product)).toEqual(["cola"]);
    expect((await billOf(anna, "B1")).lines.map((l) => [l.product, l.openQty])).toEqual([["pils", 1]]);
    await expect.poll(() => page.locator('[data-bill-row="Pils"]').count()).toBe(0);

    // The guests move on: the whole table to B2, and the phone follows them there.
    await page.getByRole("button", { name: "Umsetzen" }).click();
    await sheet.getByRole("button", { name: "Ganzer Tisch" }).click();
    await sheet.locator('[data-target="B2"]').click();
    await sheet.getByRole("button", { name: "Nach B2 umsetzen" }).click();
    await expect.poll(() => page.locator("header h1").textContent()).toBe("Tisch B2");
    await expect.poll(() => page.locator('[data-bill-row="Cola"]').count()).toBe(1);
    // The order moved with its items: its card is here now, and no longer at A2.
    expect(await page.locator("[data-order]").count()).toBe(1);
    expect((await billOf(anna, "A2")).lines).toEqual([]);
    await page.getByRole("button", { name: "Zurück", exact: true }).click();
    await expect.poll(() => page.locator('[data-table="A2"]').getAttribute("class")).not.toContain("open");
    await expect.poll(() => page.locator('[data-table="B1"]').getAttribute("class")).toContain("open");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says clearly when the items to void were paid meanwhile on another phone", async () => {
    const order = await placeOrder(anna, "A8", [{ product: "pils", qty: 1 }]);
    const context = await phoneContext(browser, server.base);
    const page = await context.newPage();
    // Hold back the stream's frames, so this phone has not heard of the other payment yet.
    let holdFrames = false;
    await page.routeWebSocket(/\/api\/v1\/stream/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((m) => void (holdFrames || ws.send(m)));
      ws.onMessage((m) => upstream.send(m));
    });
    await page.goto("/service");
    await logIn(page, "Anna", PINS.waiter);
    await page.locator('[data-table="A8"]').click();
    await expect.poll(() => page.locator('[data-bill-row="Pils"]').textContent()).toMatch(/1×\s*Pils/);
    holdFrames = true;
    const bert = await apiLogin(server.base, "Bert", PINS.waiter);
    const paid = await bert.post("/payments", { id: crypto.randomUUID(), table: "A8", method: "cash", items: [{ order: order.id, line: 0, qty: 1 }] });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);

    await page.getByRole("button", { name: "Storno" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: /1× Pils/ }).click();
    await sheet.getByRole("button", { name: "Reklamation" }).click();
    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await sheet.getByRole("button", { name: "1× stornieren" }).click();
    expect(await sheet.getByTestId("void-error").textContent()).toBe("Nicht mehr offen – schon bezahlt oder storniert.");
    expect((await billOf(anna, "A8")).lines).toEqual([]);
    await context.close();
  });

  it("takes a round-up tip by card, and a free payment only with a reason (and the admin PIN)", async () => {
    await placeOrder(anna, "D2", [{ product: "cola", qty: 1 }, { product: "pommes", qty: 1 }]);
    await placeOrder(anna, "D3", [{ product: "cola", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="D2"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    await sheet.getByRole("button", { name: "Karte", exact: true }).click();
    await sheet.getByRole("button", { name: "auf 7,00 €" }).click();
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("7,00 €");
    await sheet.getByRole("button", { name: "7,00 € kassieren" }).click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await paymentsOf(anna, "D2")).length).toBe(1);
    const [tipped] = await paymentsOf(anna, "D2");
    expect([tipped!.method, tipped!.amountCents, tipped!.tipCents, tipped!.totalCents]).toEqual(["card", 600, 100, 700]);

    await page.locator('[data-table="D3"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    await sheet.getByRole("button", { name: "alles", exact: true }).click();
    await sheet.getByRole("button", { name: "Frei", exact: true }).click();
    const pay = sheet.getByRole("button", { name: "2,50 € kassieren" });
    expect(await pay.isDisabled()).toBe(true);
    await sheet.getByLabel("Grund (für wen?)").fill("Band");
    // Giving away needs the admin PIN too (service-claims.test.ts tests that part).
    expect(await pay.isDisabled()).toBe(true);
    await sheet.getByLabel("Admin-PIN").fill(PINS.admin);
    await pay.click();
    await sheet.waitFor({ state: "detached" });
    await expect.poll(async () => (await paymentsOf(anna, "D3")).map((p) => [p.method, p.reason, p.totalCents])).toEqual([["free", "Band", 250]]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("pays back returned glasses at a table with nothing open: cash only, money out", async () => {
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="D1"]').click();
    await page.getByRole("button", { name: "Pfandrückgabe" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.getByRole("button", { name: "+ Pfand zurück: Glas 0,5 l", exact: true }).click();
    await sheet.getByRole("button", { name: "+ Pfand zurück: Glas 0,5 l", exact: true }).click();
    expect(money(await sheet.getByTestId("pay-total").textContent())).toBe("-4,00 €");
    expect(await sheet.getByText("Geld zurück geht nur bar.").isVisible()).toBe(true);
    await sheet.getByRole("button", { name: "4,00 € auszahlen" }).click();
    await sheet.getByTestId("last-paid").waitFor();
    await expect.poll(async () => (await paymentsOf(anna, "D1")).length).toBe(1);
    const [back] = await paymentsOf(anna, "D1");
    expect([back!.method, back!.items, back!.depositReturnCents, back!.totalCents]).toEqual(["cash", [], 400, -400]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the page behind the pay sheet still when the waiter scrolls in the sheet", async () => {
    await placeOrder(anna, "C5", [{ product: "pils", qty: 1 }]);
    const { page, context, errors } = await openPhone(browser, server.base, "Anna");
    await page.locator('[data-table="C5"]').click();
    await page.getByRole("button", { name: "Kassieren" }).click();
    const sheet = page.getByRole("dialog");
    await sheet.waitFor();
    const before = await page.evaluate(() => scrollY);
    const box = (await sheet.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => scrollY)).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the waiter's own cash: takings by method, cash to hand in, tips, deposits and open tables", async () => {
    const carla = await apiLogin(server.base, "Carla", PINS.waiter);
    const paid = await placeOrder(carla, "C1", [{ product: "pils", qty: 2 }, { product: "pommes", qty: 1 }]);
    await placeOrder(carla, "C2", [{ product: "cola", qty: 1 }]);
    // Cash: two Pils (10.00) with a 1.00 tip and one glass back (−2.00); card: the Pommes.
    const cash = await carla.post("/payments", { id: crypto.randomUUID(), table: "C1", method: "cash", items: [{ order: paid.id, line: 0, qty: 2 }], tipCents: 100, depositReturns: [{ product: "pils", qty: 1 }], tenderedCents: 1000 });
    expect(cash.status, JSON.stringify(cash.body)).toBe(201);
    const card = await carla.post("/payments", { id: crypto.randomUUID(), table: "C1", method: "card", items: [{ order: paid.id, line: 1, qty: 1 }] });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    const { waiters } = await carla.get<{ waiters: WaiterShift[] }>("/settlement");
    const shift = waiters.find((w) => w.name === "Carla")!;
    expect(shift.expectedCashCents).toBe(800);

    const { page, context, errors } = await openPhone(browser, server.base, "Carla");
    await page.getByRole("button", { name: /^Carla/ }).click();
    await page.getByRole("button", { name: "Meine Kasse" }).click();
    const expected = page.getByTestId("expected-cash");
    await expect.poll(async () => money(await expected.textContent())).toContain("8,00 €");
    const figures = money(await page.getByTestId("my-cash").textContent());
    expect(figures).toMatch(/Bar\s*8,00 €/);
    expect(figures).toMatch(/Karte\s*3,50 €/);
    expect(figures).toMatch(/Trinkgeld\s*1,00 €/);
    expect(figures).toMatch(/Pfand kassiert\s*4,00 €/);
    expect(figures).toMatch(/Pfand zurückgezahlt\s*2,00 €/);
    expect(await page.getByRole("button", { name: "C2", exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "C1", exact: true }).count()).toBe(0);
    await shoot(page, "my-cash");
    await fitsNarrowPhone(page, "my cash");
    expect(errors).toEqual([]);
    await context.close();
  });
});
