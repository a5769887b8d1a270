// The limit on a socket's frames and a person's requests and orders (worker/lib/tokenBucket.ts), on
// a clock the test moves: how much goes through, when a flood counts as one, and that a table of
// buckets by key does not forget a drained one while it is used, however many new keys come.
import { describe, expect, it } from "vitest";
import { TokenBucket, TokenBuckets } from "../../worker/lib/tokenBucket.ts";

/** Takes at `perSecond` for `seconds` from `start`: how many went through, and the bucket. */
function sendAt(bucket: TokenBucket, perSecond: number, seconds: number, start = 0) {
  let passed = 0;
  for (let i = 0; i < perSecond * seconds; i++) if (bucket.take(start + (i * 1000) / perSecond)) passed++;
  return passed;
}

describe("TokenBucket", () => {
  it("lets a burst through at once, then the refill rate", () => {
    const bucket = new TokenBucket(30, 10, 0);
    expect(sendAt(bucket, 1000, 0.1)).toBe(30); // 100 at once: the burst
    expect(sendAt(new TokenBucket(30, 10, 0), 10, 60)).toBe(600); // at the rate: everything
  });

  it("counts a flood's refusals even though a token comes back now and then", () => {
    // 100 frames a second, as a slow machine might read a flood: one in ten gets a fresh token.
    const bucket = new TokenBucket(30, 10, 0);
    sendAt(bucket, 100, 2);
    expect(bucket.refusedLately).toBeGreaterThan(100);
  });

  it("counts a client just above the rate too, and forgets it after a second without refusals", () => {
    const bucket = new TokenBucket(30, 10, 0);
    sendAt(bucket, 12, 30); // 2 a second over the rate, once the burst is spent
    expect(bucket.refusedLately).toBeGreaterThan(20);
    // A pause: the next refusal starts counting again.
    sendAt(bucket, 1000, 0.1, 40_000);
    expect(bucket.refusedLately).toBe(100 - 30);
  });
});

describe("TokenBuckets", () => {
  it("takes from every key or from none, and says how long to wait", () => {
    const table = new TokenBuckets(2, 1, 100);
    expect(table.takeAll(["name", "device"], 0)).toBeUndefined();
    expect(table.takeAll(["name", "device"], 0)).toBeUndefined();
    expect(table.takeAll(["other name", "device"], 0)).toBe(1); // the device is empty: 1 s
    // Nothing was taken from "other name": once the device has a token again, both go.
    expect(table.takeAll(["other name", "device"], 1000)).toBeUndefined();
    expect(table.takeAll(["other name"], 1000)).toBeUndefined();
    expect(table.takeAll(["other name"], 1000)).toBe(1);
  });

  it("5,000 new keys do not refill a drained key that is still being used", () => {
    const table = new TokenBuckets(100, 50, 1000);
    let now = 0;
    let passed = 0;
    for (let i = 0; i < 100; i++) if (table.takeAll(["greedy"], now) === undefined) passed++;
    expect(passed).toBe(100);
    // 5,000 logins, each with a request of its own, while the greedy key keeps sending (1 ms apart).
    passed = 0;
    for (let i = 0; i < 5_000; i++) {
      now++;
      table.takeAll([`login ${i}`], now);
      if (table.takeAll(["greedy"], now) === undefined) passed++;
    }
    expect(table.tracked).toBeLessThanOrEqual(1000);
    // 5 s at 50 a second: about 250 let through, not a fresh burst of 100 every 1,000 keys.
    expect(passed).toBeLessThanOrEqual(251);
    expect(passed).toBeGreaterThanOrEqual(249);
  });

  it("forgets the key used least lately when full: it comes back full, as it would have become", () => {
    const table = new TokenBuckets(1, 1, 2);
    expect(table.takeAll(["a"], 0)).toBeUndefined();
    expect(table.takeAll(["b"], 0)).toBeUndefined();
    expect(table.takeAll(["a"], 0)).toBe(1); // a is empty and now the latest used
    expect(table.takeAll(["c"], 0)).toBeUndefined(); // b goes, not a
    expect(table.takeAll(["a"], 0)).toBe(1);
    expect(table.tracked).toBe(2);
  });

  it("takes several at once (an order's lines) from every key or from none, and says when they are back", () => {
    const table = new TokenBuckets(300, 2.5, 100);
    expect(table.takeAll(["name", "device"], 0, 250)).toBeUndefined();
    // 50 left: 60 more need 4 s at 2.5 a second; nothing is taken from either key meanwhile.
    expect(table.takeAll(["name", "device"], 0, 60)).toBe(4);
    expect(table.takeAll(["device"], 0, 50)).toBeUndefined();
    expect(table.takeAll(["name", "device"], 0, 10)).toBe(4); // the device is empty, the name still has 50
    expect(table.takeAll(["name"], 0, 50)).toBeUndefined();
    expect(table.takeAll(["name", "device"], 4_000, 10)).toBeUndefined();
  });
});
