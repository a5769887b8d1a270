// A token bucket: a burst of `size`, refilled `perSecond` a second. Used for the frames one socket
// sends (coordinator/SocketHub.ts) and the requests one session sends (auth/sessionRate.ts). It
// lives in memory: after a restart or hibernation a client starts with a full bucket, which is what
// it would have earned by then anyway.
export class TokenBucket {
  private tokens: number;
  private at: number;
  /** Takes refused since the last one let through. */
  refusedInARow = 0;

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
      this.refusedInARow = 0;
      return true;
    }
    this.refusedInARow++;
    return false;
  }
}
