import { describe, expect, it } from "vitest";
import { api, getMenu, login } from "./helpers.ts";

describe("menu versions the server does not know", () => {
  it("refuses an order made against a future menu version with MENU_CHANGED and no invented changes", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const id = crypto.randomUUID();
    const res = await api("POST", "/api/v1/orders", { id, table: "B2", menuVersion: menu.version + 50, items: [{ product: "pils", qty: 1 }] }, waiter);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "MENU_CHANGED", path: "menuVersion", changes: [] });
    expect(res.body.error.message).toContain("not known here");
    const stored = await api("GET", `/api/v1/orders/${id}`, undefined, waiter);
    expect(stored.status).toBe(404);
  });
});

describe("order line text", () => {
  it("refuses control characters in a note and an option named twice, storing nothing", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const withOptions = menu.products.find((p) => p.options.length > 0)!;
    const cases = [
      { line: { product: "pils", qty: 1, note: "ohne\u0000Schaum" }, path: "items[0].note" },
      { line: { product: "pils", qty: 1, note: "zwei\nZeilen" }, path: "items[0].note" },
      { line: { product: withOptions.id, qty: 1, options: [withOptions.options[0], withOptions.options[0]] }, path: "items[0].options" },
    ];
    for (const { line, path } of cases) {
      const id = crypto.randomUUID();
      const res = await api("POST", "/api/v1/orders", { id, table: "B3", menuVersion: menu.version, items: [line] }, waiter);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path });
      expect((await api("GET", `/api/v1/orders/${id}`, undefined, waiter)).status).toBe(404);
    }
  });
});
