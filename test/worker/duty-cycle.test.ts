// The spacing of expensive reads (worker/lib/dutyCycle.ts): after a read that took t, the next
// waits 19 t (the stream's heavy reads and the report: a twentieth of the time), none after a
// read of at most the grace, never more than the longest pause, and a failed read counts too.
import { describe, expect, it } from "vitest";
import { DutyCycle, pauseAfter, type Clock } from "../../worker/lib/dutyCycle.ts";
import { STREAM_READ_PACING } from "../../worker/protocol.ts";

/** A clock that moves only when the cycle waits or the work says it took time; it notes the waits. */
function fakeClock(): Clock & { waits: number[]; pass(ms: number): void } {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    pass: (ms) => (now += ms),
  };
}

describe("a duty cycle of expensive reads", () => {
  it("makes the next read wait 19 times as long as the last one took", async () => {
    const clock = fakeClock();
    const cycle = new DutyCycle(STREAM_READ_PACING, clock);
    expect(await cycle.run(async () => (clock.pass(50), "first"))).toBe("first");
    expect(clock.waits).toEqual([]);
    await cycle.run(async () => clock.pass(50));
    expect(clock.waits).toEqual([950]);
    // Time that passed meanwhile (other work) counts towards the pause.
    clock.pass(900);
    await cycle.run(async () => clock.pass(20));
    expect(clock.waits).toEqual([950, 50]);
  });

  it("lets reads within the grace follow at once, and caps the pause of a slow one", async () => {
    const clock = fakeClock();
    const cycle = new DutyCycle(STREAM_READ_PACING, clock);
    for (let i = 0; i < 5; i++) await cycle.run(async () => clock.pass(STREAM_READ_PACING.graceMs));
    expect(clock.waits).toEqual([]);
    await cycle.run(async () => clock.pass(2_000));
    await cycle.run(async () => clock.pass(1));
    expect(clock.waits).toEqual([STREAM_READ_PACING.maxPauseMs]);
    expect(pauseAfter(2_000, STREAM_READ_PACING)).toBe(20_000);
    expect(pauseAfter(1_000, STREAM_READ_PACING)).toBe(19_000);
    expect(pauseAfter(11, STREAM_READ_PACING)).toBe(209);
  });

  it("counts a read that failed like one that answered", async () => {
    const clock = fakeClock();
    const cycle = new DutyCycle(STREAM_READ_PACING, clock);
    await expect(
      cycle.run(async () => {
        clock.pass(100);
        throw new Error("D1 went away");
      }),
    ).rejects.toThrow("D1 went away");
    await cycle.run(async () => clock.pass(1));
    expect(clock.waits).toEqual([1_900]);
  });
});
