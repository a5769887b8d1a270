// The Mini POS worker for the guest of debian-kernel.ts. The guest has no Node
// toolchain for npm start's preparation (bundling, miniflare, migrations), so that runs here, as
// `npm start` itself on this machine with a fresh data folder, with workerd replaced by a wrapper
// that notes its command line (MINIFLARE_WORKERD_PATH, as miniflare allows). The guest then runs
// workerd's arm64 build with that command line and the same files at the same absolute paths:
// the data folder (the migrated database, <data>/runtime/workerd-config.bin) and the built app
// (dist/). So the guest serves the real worker with its D1 database and Durable Object.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { workerdBinary } from "../lib/machineCheck.ts";
import type { GuestService } from "./guestInit.ts";

const GUEST_PORT = 8081;

/** Runs `npm start` here until it serves, then stops it; returns workerd's last command line. */
async function startOnceHere(root: string, data: string, cache: string): Promise<string[]> {
  const record = join(cache, "workerd-args.txt");
  rmSync(record, { force: true });
  const wrapper = join(cache, "workerd-recording.sh");
  writeFileSync(wrapper, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${record}'\nexec '${workerdBinary()}' "$@"\n`, { mode: 0o755 });
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const child = spawn(process.execPath, [join(root, "scripts/start.ts"), "--port", String(port), "--host", "127.0.0.1", "--data", data], {
    cwd: root,
    env: { ...process.env, MINIFLARE_WORKERD_PATH: wrapper, MINI_POS_QR: "0" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const until = Date.now() + 10 * 60_000;
  try {
    while (!output.includes("Mini POS is running")) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start did not start here:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.text());
    if (!health.includes('"ok":true')) throw new Error(`npm start here: /api/v1/health answered ${health}`);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  return readFileSync(record, "utf8").trimEnd().split("\n");
}

export async function prepareMiniPos(root: string, rootfs: string, cache: string, step: (text: string) => void): Promise<GuestService> {
  const data = join(cache, "mini-pos-data");
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data);
  const recorded = await startOnceHere(root, data, cache);
  step(`npm start ran here once (build, bundle, migrations, PINs) and was stopped; workerd's command line: ${recorded.slice(0, -1).join(" ")} <data>/runtime/workerd-config.bin`);
  // The same command line, listening on the guest's loopback, without the control pipe to npm start.
  const args = recorded
    .filter((arg) => !arg.startsWith("--control-fd="))
    .map((arg) => (arg.startsWith("--socket-addr=entry=") ? `--socket-addr=entry=127.0.0.1:${GUEST_PORT}` : arg));
  for (const folder of [data, join(root, "dist")]) cpSync(folder, join(rootfs, folder), { recursive: true });
  // The other files the config names (file:// URLs): the bundle (build/worker.js) and miniflare's
  // own workers in node_modules (D1, assets, cache).
  const config = readFileSync(join(data, "runtime/workerd-config.bin")).toString("latin1");
  const named = (config.match(/\/[\w.+@/-]{3,}/g) ?? []).map((p) => p.replace(/^\/+/, "/"));
  const elsewhere = [...new Set(named)].filter((p) => existsSync(p) && !p.startsWith(data) && !p.startsWith(join(root, "dist")));
  step(`copied for the guest: ${data}, ${join(root, "dist")} and ${elsewhere.length} files the config names (${elsewhere.map((p) => p.split("/").pop()).join(", ")})`);
  for (const path of elsewhere) cpSync(path, join(rootfs, path), { recursive: true });

  type ShippedConfig = { name: string; access: { waiterPin: string }; tables: { list: { name: string }[] }; products: { id: string }[] };
  const { access, tables, name, products } = JSON.parse(readFileSync(join(root, "config.json"), "utf8")) as ShippedConfig;
  const table = tables.list[0]!.name;
  const product = products[0]!.id;
  const json = (body: unknown) => JSON.stringify(body);
  return {
    name: "mini-pos",
    args,
    port: GUEST_PORT,
    requests: [
      { path: "/api/v1/health", expect: '"ok":true' },
      { path: "/", expect: "<html" },
      { path: "/api/v1/event/public", expect: JSON.stringify(name) },
      { path: "/api/v1/login", method: "POST", body: json({ name: "Pi", pin: access.waiterPin }), expect: '"role":"waiter"' },
      { path: "/api/v1/menu", expect: '"version"', remember: "version" },
      {
        path: "/api/v1/orders",
        method: "POST",
        body: json({ id: "$uuid", table, menuVersion: "$version", items: [{ product, qty: 2 }] }),
        expect: '"waiter":"Pi"',
      },
      { path: `/api/v1/tables/${table}/bill`, expect: product },
    ],
  };
}
