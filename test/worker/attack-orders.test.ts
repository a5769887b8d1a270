// What one order may carry and how fast one person may order (issue 23 item 3): an order over
// ORDER_LIMITS is a 400 naming where, and nothing is recorded; past ORDER_RATE a person's orders get
// 429 with Retry-After, by name and by device, while another waiter's orders are accepted; and past
// ORDER_LINES_RATE so do the largest orders, long before 60 a minute of them.
import { describe, expect, it } from "vitest";
import { api, login } from "./helpers.ts";
import { MAX_NOTE, ORDER_LIMITS, ORDER_LINES_RATE, ORDER_RATE } from "../../worker/protocol.ts";
import { orderBody, placeFrom, readsFrom, type Sent } from "./attack-helpers.ts";

const line = (product: string, qty = 1, note?: string) => ({ product, qty, ...(note === undefined ? {} : { note }) });
const lines = (n: number, make: (i: number) => ReturnType<typeof line>) => Array.from({ length: n }, (_, i) => make(i));
const address = () => `10.77.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function recorded(cookie: string, id: string): Promise<boolean> {
  return (await api("GET", `/api/v1/orders/${id}`, undefined, cookie)).status === 200;
}

describe("what one order may carry", () => {
  const refused: [string, ReturnType<typeof line>[], string, RegExp][] = [
    [`${ORDER_LIMITS.lines + 1} lines`, lines(ORDER_LIMITS.lines + 1, (i) => line(i % 2 ? "pils" : "pommes")), "items", /at most 50 lines/],
    ["a line of 1,000", [line("pils", 1000)], "items[0].qty", /at most 999/],
    ["1,000 items in all", [line("pils", 600), line("pommes", 300), line("pils", 100)], "items[2].qty", /at most 999 items in all/],
    ["1,001 characters of notes", lines(6, (i) => line("pommes", 1, "x".repeat(i === 5 ? 1 : MAX_NOTE))), "items[5].note", /at most 1000 characters in all/],
  ];
  for (const [what, items, path, message] of refused)
    it(`refuses ${what} with 400 at ${path}, and records nothing`, async () => {
      const waiter = await login("waiter");
      const sent = await placeFrom(waiter, orderBody({ items }));
      expect(sent.status, JSON.stringify(sent.body)).toBe(400);
      expect(sent.body.error).toMatchObject({ code: "INVALID_INPUT", path });
      expect(sent.body.error.message).toMatch(message);
      expect(await recorded(waiter, sent.id)).toBe(false);
    });

  it("accepts the largest order: 50 lines, 999 items, 1,000 characters of notes", async () => {
    const waiter = await login("waiter");
    const items = lines(ORDER_LIMITS.lines, (i) => line(i % 2 ? "pils" : "pommes", i === 0 ? ORDER_LIMITS.units - (ORDER_LIMITS.lines - 1) : 1, i < 5 ? `${i}`.padEnd(MAX_NOTE, "ü") : undefined));
    const sent = await placeFrom(waiter, orderBody({ table: "C4", items }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const placed = sent.body.order.tickets.flatMap((t: { items: { qty: number }[] }) => t.items);
    expect(placed).toHaveLength(ORDER_LIMITS.lines);
    expect(placed.reduce((n: number, i: { qty: number }) => n + i.qty, 0)).toBe(ORDER_LIMITS.units);
  });
});

describe("how fast one person may order", () => {
  /** Orders one Pils after another until the first 429; how many went through, and the 429. */
  async function orderUntilRefused(cookie: string, from: string): Promise<{ accepted: number; refusal: Sent; ms: number }> {
    const started = Date.now();
    for (let accepted = 0; accepted < ORDER_RATE.burst * 3; accepted++) {
      const sent = await placeFrom(cookie, orderBody({ table: "D5" }), from);
      if (sent.status === 429) return { accepted, refusal: sent, ms: Date.now() - started };
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }
    throw new Error("never refused");
  }

  it("a waiter's orders past the burst get 429 with Retry-After, by name and by device; another waiter orders as usual", { timeout: 120_000 }, async () => {
    const name = `Eilig ${crypto.randomUUID().slice(0, 6)}`;
    const device = address();
    const fast = await login("waiter", name);
    const otherName = await login("waiter");
    const sameNameAgain = await login("waiter", name);
    const { accepted, refusal, ms } = await orderUntilRefused(fast, device);
    // Right after: another name on the same device, and the same name from another address, five
    // orders at once each. The budgets refill one order a second, so one may slip through.
    const [sameDevice, sameName] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => placeFrom(otherName, orderBody({ table: "D5" }), device))),
      Promise.all(Array.from({ length: 5 }, () => placeFrom(sameNameAgain, orderBody({ table: "D5" }), address()))),
    ]);
    expect(sameDevice.filter((o) => o.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(sameName.filter((o) => o.status === 429).length).toBeGreaterThanOrEqual(3);
    expect([...sameDevice, ...sameName].every((o) => o.status === 201 || o.status === 429)).toBe(true);

    expect(accepted).toBeGreaterThanOrEqual(ORDER_RATE.burst);
    expect(accepted).toBeLessThanOrEqual(ORDER_RATE.burst + Math.ceil((ms / 60_000) * ORDER_RATE.perMinute) + 1);
    expect(refusal.body.error).toMatchObject({ code: "RATE_LIMITED", path: "" });
    expect(refusal.body.error.message).toMatch(/orders/);
    expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refusal.body.error.retryAfterSeconds).toBe(Number(refusal.headers.get("retry-after")));
    expect(await recorded(fast, refusal.id)).toBe(false);
    // Reading goes on: the order budget is apart from the request budget.
    const read = await readsFrom(fast, device);
    expect(read.status).toBe(200);
    await read.body?.cancel();
    // Another waiter on another device is not touched.
    const other = await placeFrom(await login("waiter"), orderBody({ table: "D6" }), address());
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  });

  it("the largest orders, one after another, stop at the person's budget of order lines; the refused one is not recorded, and another waiter orders as usual", { timeout: 60_000 }, async () => {
    const device = address();
    const big = await login("waiter");
    const items = lines(ORDER_LIMITS.lines, (i) => line(i % 2 ? "pils" : "pommes"));
    const fits = Math.floor(ORDER_LINES_RATE.burst / ORDER_LIMITS.lines);
    const sent: Sent[] = [];
    for (let i = 0; i <= fits; i++) sent.push(await placeFrom(big, orderBody({ table: "D7", items }), device));
    expect(sent.slice(0, fits).map((o) => o.status)).toEqual(Array(fits).fill(201));
    const refusal = sent[fits]!;
    expect(refusal.status).toBe(429);
    expect(refusal.body.error).toMatchObject({ code: "RATE_LIMITED", path: "" });
    expect(refusal.body.error.message).toMatch(/order lines/);
    // 50 lines come back in 50 / (150 a minute) = 20 s.
    expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThanOrEqual(15);
    expect(await recorded(big, refusal.id)).toBe(false);
    // Another waiter on another device orders the largest order at once.
    const other = await placeFrom(await login("waiter"), orderBody({ table: "D8", items }), address());
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  });
});
