// Which arm64 kernels can run workerd? Repeats the experiment of issue 12 on any Linux x86-64 (or
// arm64) machine: workerd's linux-arm64 build, the same version `npm install` brought, runs under
// qemu-aarch64 with the guest's address space capped (-R) to 39, 42, 44, 45, 46, 47 and 48 bits,
// serves one request or aborts, and the result is printed per size. See scripts/pi/README.md.
//
//   sudo apt-get install -y qemu-user libc6-arm64-cross libstdc++6-arm64-cross
//   npx node scripts/pi/experiment.ts [bits …]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAddressSpaceAbort } from "../lib/machineCheck.ts";
import { SYSROOT, capArgs, qemuMissing, unpackNpmPackage } from "./arm64.ts";

const root = join(import.meta.dirname, "../..");
const bitsToTry = process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [39, 42, 44, 45, 46, 47, 48];

const missing = qemuMissing();
if (missing) {
  console.error(`The experiment ${missing}`);
  process.exit(2);
}

// The arm64 build of the installed workerd, fetched with `npm pack` (not into node_modules).
const version = (JSON.parse(readFileSync(join(root, "node_modules/workerd/package.json"), "utf8")) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), "mini-pos-pi-experiment-"));
console.log(`workerd ${version} (linux-arm64), fetched into ${work}`);
const workerd = join(unpackNpmPackage("@cloudflare/workerd-linux-arm64", version, work), "bin/workerd");

/** A worker that answers "ok", on a socket of its own. */
function writeConfig(port: number): string {
  writeFileSync(join(work, "worker.js"), `export default { fetch() { return new Response("ok"); } };\n`);
  const config = join(work, `config-${port}.capnp`);
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (modules = [(name = "worker", esModule = embed "worker.js")], compatibilityDate = "2026-08-15");
`,
  );
  return config;
}

/** -R for `bits` address bits; undefined: no cap, the host's own space (47 bits on x86-64). */
function capFor(bits: number): string[] | undefined {
  // qemu-user cannot reserve the host's whole space: the largest size is run without -R instead.
  const probe = spawnSync("qemu-aarch64", [...capArgs(bits), join(SYSROOT, "lib/ld-linux-aarch64.so.1"), "--version"], { encoding: "utf8", timeout: 60_000 });
  return /Unable to reserve/.test(probe.stderr) ? undefined : capArgs(bits);
}

/** The host's user address space under qemu without -R, from the guest's own /proc/self/maps. */
function hostBits(): number {
  const node = join(root, "node_modules/.bin/node");
  const out = execFileSync(node, ["-e", `import("${join(root, "scripts/lib/machineCheck.ts")}").then((m) => console.log(m.addressBitsFromMaps(require("fs").readFileSync("/proc/self/maps", "utf8"))))`], { encoding: "utf8" });
  return Number(out.trim());
}

async function serveOnce(args: string[], port: number): Promise<{ served: boolean; seconds: number; output: string }> {
  const started = Date.now();
  const child = spawn("qemu-aarch64", [...args, "-L", SYSROOT, workerd, "serve", writeConfig(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    while (!exited && Date.now() - started < 120_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if ((await res.text()) === "ok") return { served: true, seconds: (Date.now() - started) / 1000, output };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { served: false, seconds: (Date.now() - started) / 1000, output };
  } finally {
    child.kill("SIGKILL");
  }
}

const host = hostBits();
console.log(`host: ${process.arch}, ${host}-bit user address space\n`);
console.log("bits  result");
let port = 18_700 + Math.floor(Math.random() * 1000);
for (const bits of bitsToTry) {
  let args = capFor(bits);
  if (!args) {
    if (bits !== host) {
      console.log(`${bits}    not testable here: qemu-user cannot give more than the host's ${host} bits`);
      continue;
    }
    args = [];
  }
  const run = await serveOnce(args, port++);
  const cap = args.length ? `-R ${args[1]}` : "no -R (the host's space)";
  if (run.served) console.log(`${bits}    works: served a request ${run.seconds.toFixed(1)} s after start (${cap})`);
  else if (isAddressSpaceAbort(run.output)) console.log(`${bits}    aborts after ${run.seconds.toFixed(1)} s: ${run.output.split("\n").find((l) => /MmapAligned/.test(l))?.replace(/^\d+ /, "")} (${cap})`);
  else console.log(`${bits}    did not serve within ${run.seconds.toFixed(0)} s (${cap}); output:\n${run.output}`);
}
console.log("\nTimes are qemu-user's emulation, not a Pi's (issue 12 saw the abort 0.1–0.5 s after start in full-system qemu).");
