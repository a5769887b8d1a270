// The crash suite (`npm run test:crash`) as part of `npm test`: clients order and pay, retrying by id,
// while the whole server is killed with SIGKILL five times; afterwards nothing acknowledged (order or
// payment) is missing, nothing is doubled, the sequence has no gap and the money adds up.
import { describe, expect, it } from "vitest";
import { runScript } from "./cli.ts";

describe("crash safety", () => {
  it("loses and doubles no order or payment when the server is killed five times under load", { timeout: 300_000 }, async () => {
    const run = runScript("crash.ts", []);
    const code = await run.exited;
    const summary = run.output().trim().split("\n").at(-1) ?? "";
    expect(code, run.output()).toBe(0);
    expect(summary).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(summary.split(" ")[0])).toBeGreaterThanOrEqual(20);
  });
});
