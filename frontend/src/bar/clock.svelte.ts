// One clock for every age on the screen: a single 1 s timer, not one per ticket. It runs on the
// server's time: a Raspberry Pi without internet or RTC often boots with a wrong clock, and ages
// compare the server's `createdAt` with "now". The offset is learnt from the snapshot's `now` and
// from live frames: a timestamp in a frame is never later than the server's "now" when it was
// sent, so the largest (timestamp - local receive time) seen is the best estimate.
class Clock {
  #local = $state(Date.now());
  #offset = $state(0);
  #best = -Infinity;
  #timer: ReturnType<typeof setInterval> | undefined;
  #users = 0;

  /** The server's time now (epoch ms), updated once a second. */
  get now(): number {
    return this.#local + this.#offset;
  }

  /** Starts the shared timer; returns the function that releases it. */
  use(): () => void {
    if (this.#users++ === 0) {
      this.#local = Date.now();
      this.#timer = setInterval(() => (this.#local = Date.now()), 1000);
    }
    return () => {
      if (--this.#users === 0) clearInterval(this.#timer);
    };
  }

  /** A server timestamp that was "now" (or earlier) when the frame carrying it was sent. */
  observe(serverTime: number): void {
    const sample = serverTime - Date.now();
    if (sample <= this.#best) return;
    this.#best = sample;
    // Within 2 s the clocks agree well enough; below that, network delay is most of the sample.
    const offset = Math.abs(sample) > 2000 ? sample : 0;
    if (offset !== this.#offset) this.#offset = offset;
  }
}

export const clock = new Clock();

/** "normal" | "warn" | "crit" for an age in seconds and the event's thresholds. */
export function ageLevel(seconds: number, timeout: { warn: number; crit: number }): "normal" | "warn" | "crit" {
  if (seconds >= timeout.crit) return "crit";
  if (seconds >= timeout.warn) return "warn";
  return "normal";
}
