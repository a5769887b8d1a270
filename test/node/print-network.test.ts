// Where the worker may connect to (issue 21): `npm start` narrows workerd's outbound network to
// private addresses (scripts/lib/workerdConfig.ts withNetworkAllow, applied in workerd.ts), so
// printers on loopback and the LAN are reachable and the internet is not. Checked on a real workerd
// with a config shaped as miniflare's: a network service "internet" allowing public and private.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serializeConfig } from "miniflare";
import workerdPath from "workerd";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTBOUND_ALLOW } from "../../scripts/lib/workerd.ts";
import { withNetworkAllow } from "../../scripts/lib/workerdConfig.ts";
import { FakePrinter } from "../fakePrinter.ts";
import { freePort } from "./cli.ts";

const WORKER = `import { connect } from "cloudflare:sockets";
export default { async fetch(request) {
  const url = new URL(request.url);
  try {
    const socket = connect({ hostname: url.searchParams.get("host"), port: Number(url.searchParams.get("port")) });
    await Promise.race([socket.opened, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1500))]);
    await socket.close();
    return new Response("connected");
  } catch (error) { return new Response("failed: " + error.message); }
} };`;

function config(): Buffer {
  return serializeConfig({
    services: [
      { name: "main", worker: { compatibilityDate: "2025-01-01", modules: [{ name: "worker.js", esModule: WORKER }] } },
      { name: "internet", network: { allow: ["public", "private", "240.0.0.0/4"], deny: [] } },
    ],
    sockets: [{ name: "entry", address: "127.0.0.1:0", http: {}, service: { name: "main" } }],
  });
}

let printer: FakePrinter;
const folders: string[] = [];
beforeAll(async () => {
  printer = await FakePrinter.start();
});
afterAll(async () => {
  await printer.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Asks a workerd running `binary` to connect to each address; what it answered for each. */
async function tryConnect(binary: Buffer, targets: [string, number][]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-net-"));
  folders.push(dir);
  writeFileSync(join(dir, "config.bin"), binary);
  const port = await freePort();
  const child = spawn(workerdPath, ["serve", "--binary", join(dir, "config.bin"), `--socket-addr=entry=127.0.0.1:${port}`], { stdio: "ignore" });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(`http://127.0.0.1:${port}/?host=127.0.0.1&port=${printer.port}`);
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const out: string[] = [];
    for (const [host, p] of targets) out.push(await (await fetch(`http://127.0.0.1:${port}/?host=${host}&port=${p}`)).text());
    return out;
  } finally {
    child.kill("SIGKILL");
  }
}

describe("the runtime's outbound network", () => {
  it("lets the worker reach printers on loopback and the LAN, and nothing on the internet", async () => {
    expect(OUTBOUND_ALLOW).toEqual(["private"]);
    const narrowed = withNetworkAllow(config(), "internet", OUTBOUND_ALLOW)!;
    expect(narrowed).toBeInstanceOf(Buffer);
    const [loopback, lan, internet] = await tryConnect(narrowed, [["127.0.0.1", printer.port], ["192.168.77.1", 9100], ["8.8.8.8", 9100]]);
    expect(loopback).toBe("connected");
    // Allowed: the runtime tries it (whether anything answers there depends on the machine's network).
    expect(lan).not.toMatch(/cannot connect/);
    // Refused by the runtime at once, without trying.
    expect(internet).toMatch(/^failed: .*cannot connect/);
  });

  it("is needed: miniflare's own config lets the worker try the internet", async () => {
    const [internet] = await tryConnect(config(), [["8.8.8.8", 9100]]);
    expect(internet).not.toMatch(/cannot connect/);
  });
});
