// `npm test` on a fresh machine with only Node: tests that need a system package (here qemu-user for
// the Pi check) are announced as skipped with the line that installs it; with CI set they fail, so
// CI (which installs them) still proves them. Run as a user runs them: vitest on a PATH without qemu.
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./cli.ts";

/** A PATH holding only node: no qemu-aarch64, no pdftotext, no chromium. */
function bareMachinePath(): string {
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-bare-"));
  symlinkSync(process.execPath, join(dir, "node"));
  return dir;
}

function vitestOnBareMachine(file: string, env: Record<string, string>) {
  const { CI: _ci, ...inherited } = process.env;
  return spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--project", "node", file], {
    cwd: root,
    env: { ...inherited, PATH: bareMachinePath(), NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("tests that need a system package", () => {
  it("are skipped with the install line on a machine without it", () => {
    const run = vitestOnBareMachine("test/node/pi-check.test.ts", {});
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain("The Pi check's tests under qemu skipped: needs qemu-aarch64 and an arm64 sysroot: sudo apt-get install -y qemu-user");
    expect(run.stdout).toMatch(/\d+ passed \| 4 skipped/);
  }, 130_000);

  it("fail where CI is set, saying what to install", () => {
    const run = vitestOnBareMachine("test/node/pi-check.test.ts", { CI: "true" });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain("sudo apt-get install -y qemu-user");
  }, 130_000);
});
