// Spacing out expensive reads of the event's one D1 so that they take a bounded part of its time.
// While D1 works out a big read (the report, every open order for a screen, a long catch-up), no
// order is written: an order that comes meanwhile waits for all of it. So after a read that took
// t ms the next one starts factor × t later at the earliest: such reads get at most 1/(factor + 1)
// of D1's time, and at most that part of the orders meets one, whoever asks for them how often.

export interface DutyLimits {
  /** After work that took t ms, the next starts t × factor ms later at the earliest. */
  factor: number;
  maxPauseMs: number;
  /** Work this fast makes no pause: an order waits no longer than this behind it. */
  graceMs: number;
}

/** The pause after work that took `took` ms. */
export function pauseAfter(took: number, limits: DutyLimits): number {
  return took <= limits.graceMs ? 0 : Math.min(limits.maxPauseMs, took * limits.factor);
}

/** Time as the cycle reads and waits it (a test gives its own). */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

/** One kind of expensive work, run after the pause its last run earned. */
export class DutyCycle {
  private nextStartAt = 0;
  private readonly limits: DutyLimits;
  private readonly clock: Clock;

  constructor(limits: DutyLimits, clock: Clock = realClock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Waits out the pause, runs `work`, and sets the next pause by how long it took (failed work too). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const wait = this.nextStartAt - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
    const startedAt = this.clock.now();
    try {
      return await work();
    } finally {
      const endedAt = this.clock.now();
      this.nextStartAt = endedAt + pauseAfter(endedAt - startedAt, this.limits);
    }
  }
}
