// One greedy session must not stall the others (issue 13, finding 4): a phone or script looping
// on GET /tables is slowed down with 429, while another waiter's orders go through.
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index.ts";
import { api, BASE, login, mustPlaceOrder } from "./helpers.ts";
import { HTTP_LIMITS } from "../../worker/protocol.ts";

describe("a greedy session", () => {
  it("8 parallel read loops of one session get 429 RATE_LIMITED past the limit; another waiter orders as usual", { timeout: 30_000 }, async () => {
    const greedy = await login("waiter", "Gierig");
    const other = await login("waiter", "Anna");
    const statuses: number[] = [];
    let limited: Response | undefined;
    const loop = async () => {
      // The worker's handler called directly: as fast as a script on the WiFi could send them.
      for (let i = 0; i < 40; i++) {
        const res = await app.fetch(new Request(`${BASE}/api/v1/tables`, { headers: { cookie: greedy } }), env, createExecutionContext());
        statuses.push(res.status);
        if (res.status === 429) limited ??= res;
        else await res.body?.cancel();
      }
    };
    const orders = (async () => {
      const placed = [];
      for (let i = 0; i < 5; i++) placed.push(await mustPlaceOrder(other, { items: [{ product: "pils", qty: 1 }] }));
      return placed;
    })();
    await Promise.all([...Array.from({ length: 8 }, loop), orders]);
    expect((await orders).length).toBe(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(HTTP_LIMITS.burst);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(((await limited!.json()) as any).error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
    expect(limited!.headers.get("retry-after")).toBe("1");
    // The other waiter's reads are not touched by the greedy one's limit.
    expect((await api("GET", "/api/v1/tables", undefined, other)).status).toBe(200);
  });
});
