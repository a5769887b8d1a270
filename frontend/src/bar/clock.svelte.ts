// One clock for every age on the screen: a single 1 s timer, not one per ticket. It runs on the
// server's time: a Raspberry Pi without internet or RTC often boots with a wrong clock, and the
// ages compare the server's `createdAt` with "now", so the offset is taken from the HTTP Date header.
class Clock {
  #local = $state(Date.now());
  #offset = $state(0);
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

  /** Learns the server's clock offset from a response's Date header (1 s resolution is enough). */
  async sync(): Promise<void> {
    const before = Date.now();
    const res = await fetch("/api/v1/session", { method: "GET", credentials: "same-origin" }).catch(() => undefined);
    const header = res?.headers.get("date");
    if (!header) return;
    const server = Date.parse(header);
    if (Number.isNaN(server)) return;
    const local = (before + Date.now()) / 2;
    // Below 2 s the header's rounding is larger than any real skew: keep the local clock.
    const offset = server - local;
    this.#offset = Math.abs(offset) > 2000 ? offset : 0;
  }
}

export const clock = new Clock();

/** "normal" | "warn" | "crit" for an age in seconds and the event's thresholds. */
export function ageLevel(seconds: number, timeout: { warn: number; crit: number }): "normal" | "warn" | "crit" {
  if (seconds >= timeout.crit) return "crit";
  if (seconds >= timeout.warn) return "warn";
  return "normal";
}
