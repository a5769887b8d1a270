// Tests that need a program from a system package (Chromium, qemu-user, poppler-utils): on a machine
// without it they are announced as skipped with the line that installs it, so `npm test` on a fresh
// machine with only Node passes; where CI is set they run anyway and fail with that line, so CI, which
// installs them (.ci/run), still proves them.
import { spawnSync } from "node:child_process";

/** True when the tests may run: the program is there, or CI must show its absence as a failure. */
export function hasSystemPackage(missing: string | undefined, tests: string): boolean {
  if (!missing) return true;
  if (process.env.CI) return true;
  console.warn(`${tests} skipped: ${missing}`);
  return false;
}

/** Undefined when `command` runs; else what is missing and the install line. */
export function commandMissing(command: string, args: string[], install: string): string | undefined {
  return spawnSync(command, args).error ? `needs ${command}: ${install}` : undefined;
}
