import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("smoke", () => {
  it("answers health", async () => {
    const res = await SELF.fetch("http://pos/api/v1/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: "test" });
  });
  it("logs in and places an order", async () => {
    const login = await SELF.fetch("http://pos/api/v1/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Anna", pin: "1111" }) });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const menu = await (await SELF.fetch("http://pos/api/v1/menu", { headers: { cookie } })).json<any>();
    const id = crypto.randomUUID();
    const res = await SELF.fetch("http://pos/api/v1/orders", { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ id, table: "A1", menuVersion: menu.version, items: [{ product: "pils", qty: 2 }, { product: "pommes", qty: 1, note: "<b>x</b>" }] }) });
    const body = await res.json<any>();
    expect(res.status, JSON.stringify(body)).toBe(201);
    console.log(JSON.stringify(body));
  });
});
