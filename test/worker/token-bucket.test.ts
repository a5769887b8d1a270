// The limit on a socket's frames and a session's requests (worker/lib/tokenBucket.ts), on a clock
// the test moves: how much goes through, and when a flood counts as one.
import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../worker/lib/tokenBucket.ts";

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
