// The edit of workerd's binary config that sends requests straight to our worker
// (scripts/lib/workerdConfig.ts), checked on a real workerd: a config of two workers, as miniflare
// builds it, serialized by miniflare itself; after the edit the socket reaches the second.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serializeConfig } from "miniflare";
import workerdPath from "workerd";
import { describe, expect, it } from "vitest";
import { withPlainLogging, withSocketServedBy } from "../../scripts/lib/workerdConfig.ts";
import { freePort } from "./cli.ts";

function answering(text: string) {
  return {
    compatibilityDate: "2025-01-01",
    modules: [{ name: "worker.js", esModule: `export default { fetch() { return new Response(${JSON.stringify(text)}); } };` }],
  };
}

function config(): Buffer {
  return serializeConfig({
    services: [
      { name: "core:entry", worker: answering("entry worker") },
      { name: "core:user:mini-pos", worker: answering("our worker") },
    ],
    sockets: [{ name: "entry", address: "127.0.0.1:0", http: {}, service: { name: "core:entry" } }],
    structuredLogging: true,
  });
}

/** What workerd answers on the entry socket when run with `binary`. */
async function served(binary: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-config-"));
  writeFileSync(join(dir, "config.bin"), binary);
  const port = await freePort();
  const child = spawn(workerdPath, ["serve", "--binary", join(dir, "config.bin"), `--socket-addr=entry=127.0.0.1:${port}`], { stdio: "ignore" });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    child.kill("SIGKILL");
  }
}

describe("workerd's config, edited", () => {
  it("binds the entry socket to the named worker instead of miniflare's entry worker", async () => {
    const original = config();
    expect(await served(original)).toBe("entry worker");
    const edited = withSocketServedBy(original, "entry", "core:user:mini-pos")!;
    expect(edited).toBeInstanceOf(Buffer);
    expect(await served(withPlainLogging(edited))).toBe("our worker");
  });

  it("changes nothing where the socket or the worker is not there", () => {
    expect(withSocketServedBy(config(), "entry", "core:user:another")).toBeUndefined();
    expect(withSocketServedBy(config(), "direct", "core:user:mini-pos")).toBeUndefined();
    expect(withSocketServedBy(Buffer.from("not a capnp message"), "entry", "core:user:mini-pos")).toBeUndefined();
  });

  it("turns structured logging off and nothing else", () => {
    const original = config();
    const plain = withPlainLogging(original);
    expect(plain.length).toBe(original.length);
    expect(plain.equals(original)).toBe(false);
    expect(withPlainLogging(plain).equals(plain)).toBe(true);
  });
});
