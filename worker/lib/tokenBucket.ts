// A token bucket: a burst of `size`, refilled `perSecond` a second. Used for the frames one socket
// sends (coordinator/SocketHub.ts) and the requests one session sends (auth/sessionRate.ts). It
// lives in memory: after a restart or hibernation a client starts with a full bucket, which is what
// it would have earned by then anyway.
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

  /** True when one more may go through now; false when it is over the limit. */
  take(now: number): boolean {
    this.tokens = Math.min(this.size, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (now - this.lastRefusedAt >= 1000) this.refusedLately = 0;
    this.lastRefusedAt = now;
    this.refusedLately++;
    return false;
  }
}
