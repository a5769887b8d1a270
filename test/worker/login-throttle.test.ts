// The login limit holds even when a client claims a new address on every try (miniflare passes a
// client's own CF-Connecting-IP header through). Its own file: it uses up the shared budget.
import { describe, expect, it } from "vitest";
import { api } from "./helpers.ts";

describe("login throttle", () => {
  it("stops guessing after 20 wrong PINs a minute however many addresses the guesser claims", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await api("POST", "/api/v1/login", { name: "Eve", pin: String(4000 + i) }, undefined, { "cf-connecting-ip": `10.0.0.${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses.slice(19)).toEqual([429, 429]);
    // Even the right PIN from yet another address waits until the minute is over.
    const right = await api("POST", "/api/v1/login", { name: "Eve", pin: "1111" }, undefined, { "cf-connecting-ip": "10.0.1.1" });
    expect(right.status, right.text).toBe(429);
    expect(right.body).toMatchObject({ error: { code: "TOO_MANY_ATTEMPTS", path: "pin" } });
  });
});
