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
