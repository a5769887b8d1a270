// Running linux-arm64 builds on another machine with qemu-user, for the experiment (experiment.ts)
// and the CI test of the Pi check (test/node/pi-check.test.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Debian's arm64 sysroot (libc6-arm64-cross, libstdc++6-arm64-cross), for qemu-aarch64 -L. */
export const SYSROOT = "/usr/aarch64-linux-gnu";

/** Undefined when qemu-aarch64 and the sysroot are there; otherwise what to install. */
export function qemuMissing(): string | undefined {
  if (!spawnSync("qemu-aarch64", ["--version"]).error && existsSync(join(SYSROOT, "lib/libstdc++.so.6"))) return undefined;
  return "needs qemu-aarch64 and an arm64 sysroot: sudo apt-get install -y qemu-user libc6-arm64-cross libstdc++6-arm64-cross";
}

/** qemu-aarch64's -R for a guest address space of `bits` bits; none: the host's own space. */
export const capArgs = (bits?: number): string[] => (bits ? ["-R", `0x${(1n << BigInt(bits)).toString(16)}`] : []);

/**
 * `npm pack name@version` into `dir` (not into node_modules) and unpacked there, once: later calls
 * with the same `dir` reuse it. Returns the package's folder.
 */
export function unpackNpmPackage(name: string, version: string, dir: string): string {
  const target = join(dir, `${name.replace("/", "+")}@${version}`);
  if (existsSync(join(target, "package/package.json"))) return join(target, "package");
  mkdirSync(target, { recursive: true });
  // cwd outside the project, so its .npmrc does not apply.
  const tarball = execFileSync("npm", ["pack", `${name}@${version}`, "--silent", "--pack-destination", target], { cwd: target, encoding: "utf8" }).trim().split("\n").pop()!;
  execFileSync("tar", ["-xzf", join(target, tarball), "-C", target]);
  return join(target, "package");
}
