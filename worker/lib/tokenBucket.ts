// A token bucket: a burst of `size`, refilled `perSecond` a second. Used for the frames one socket
// sends (coordinator/SocketHub.ts), and, by key in a TokenBuckets table, for the requests, the
// orders and the order lines of one person (auth/personRate.ts). It lives in memory: after a restart or hibernation a
// client starts with a full bucket, which is what it would have earned by then anyway.
export class TokenBucket {
  private tokens: number;
  private at: number;
  /**
   * Takes refused with less than a second between one refusal and the next. A take let through
   * does not reset it: a flood always earns a token now and then (one every 1/perSecond s), and on
   * a slow machine often enough to look like a pause if it did. Only a second without a refusal does.
   */
  refusedLately = 0;
  private lastRefusedAt = -Infinity;

  private readonly size: number;
  private readonly perSecond: number;

  constructor(size: number, perSecond: number, now: number) {
    this.size = size;
    this.perSecond = perSecond;
    this.tokens = size;
    this.at = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.size, this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond);
    this.at = Math.max(this.at, now);
  }

  /** True when `n` more (default one) may go through now, and takes them; false when that is over the limit. */
  take(now: number, n = 1): boolean {
    this.refill(now);
    if (this.tokens >= n) {
      this.tokens -= n;
      return true;
    }
    this.refuse(now);
    return false;
  }

  /** Whether `n` more (default one) could go through now, without taking them. */
  has(now: number, n = 1): boolean {
    this.refill(now);
    return this.tokens >= n;
  }

  /** Counts a refusal made for another bucket's sake (see TokenBuckets.takeAll). */
  refuse(now: number): void {
    if (now - this.lastRefusedAt >= 1000) this.refusedLately = 0;
    this.lastRefusedAt = now;
    this.refusedLately++;
  }

  /** Whole seconds until `n` more (default one; callers never ask for more than the bucket's size) may go through (at least 1). */
  secondsToNext(now: number, n = 1): number {
    this.refill(now);
    return Math.max(1, Math.ceil((n - this.tokens) / this.perSecond));
  }

  /** True when it is as it would be if it had never been used. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.size;
  }
}

/**
 * Buckets by key (a waiter's name, a device's address), at most `max` of them. When a new key
 * finds the table full, the bucket used least lately goes: it has had the longest to fill up again,
 * and a forgotten bucket comes back full. So a client that keeps using a drained bucket cannot get
 * it forgotten by making new keys (the old table was cleared when full: 5,000 logins refilled it).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly size: number;
  private readonly perSecond: number;
  private readonly max: number;

  constructor(size: number, perSecond: number, max: number) {
    this.size = size;
    this.perSecond = perSecond;
    this.max = max;
  }

  private bucket(key: string, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key); // set again below: the map's order is the order of use
    else {
      if (this.buckets.size >= this.max) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new TokenBucket(this.size, this.perSecond, now);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }

  /**
   * Takes `n` (default one) from every key's bucket, or from none: undefined when all had them,
   * else the whole seconds until the emptiest has them again.
   */
  takeAll(keys: readonly string[], now: number, n = 1): number | undefined {
    const buckets = keys.map((key) => this.bucket(key, now));
    const empty = buckets.filter((b) => !b.has(now, n));
    if (empty.length === 0) {
      for (const b of buckets) b.take(now, n);
      return undefined;
    }
    for (const b of empty) b.refuse(now);
    return Math.max(...empty.map((b) => b.secondsToNext(now, n)));
  }

  get tracked(): number {
    return this.buckets.size;
  }
}
