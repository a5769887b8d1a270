// A token bucket per socket for the frames a client sends: a burst of `size`, refilled `perSecond`
// a second. It lives in memory: after the object hibernated (nobody sent anything for seconds) a
// socket starts with a full bucket, which is what it would have earned by then anyway.
export class FrameBucket {
  private tokens: number;
  private at: number;
  /** Frames refused since the last one let through. */
  refusedInARow = 0;

  private readonly size: number;
  private readonly perSecond: number;

  constructor(size: number, perSecond: number, now: number) {
    this.size = size;
    this.perSecond = perSecond;
    this.tokens = size;
    this.at = now;
  }

  /** True when the frame may be handled; false when it is over the limit. */
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
