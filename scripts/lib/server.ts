// Runs the worker, its Durable Object, D1 and the app's assets in workerd: the same parts
// `wrangler dev` runs, with no network access (STACK-NOTES §3). Used by `npm start`, the
// benchmarks, the soak, the crash test and the browser tests.
//
// Memory (issue 12, docs/BENCHMARKS.md): miniflare generates workerd's config and applies the
// migrations in a child process that then exits (prepareRuntime.ts); this process only keeps
// workerd running (workerd.ts). workerd gets V8 flags that make it collect garbage before its heap
// grows large: without them it ran no full GC for tens of thousands of requests and grew to ~1 GB.
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
// Only the type: loading miniflare here would keep ~100 MB in this process all evening.
import type { LogLevel } from "miniflare";
import type { AccessPins } from "../../worker/config/schema.ts";
import { buildFrontend } from "./build.ts";
import type { PrepareRequest, PrepareResult } from "./prepareRuntime.ts";
import { runWorkerd } from "./workerd.ts";
import { wranglerSettings } from "./wranglerSettings.ts";

/**
 * V8 flags for workerd. A small young generation and an old-space limit make V8 run full GCs
 * often enough that the C++ objects behind dead requests are freed. The limit is per isolate and
 * must hold the largest thing one request builds: a snapshot or a history read of a whole evening
 * (tested at 20,000 orders, docs/BENCHMARKS.md). MINIFLARE_WORKERD_V8_FLAGS overrides them.
 */
export const WORKERD_V8_FLAGS = "--max-semi-space-size=1 --max-old-space-size=256 --initial-old-space-size=4";

export interface StartedServer {
  url: URL;
  pins: AccessPins;
  /** The event the data folder runs: config.json's, or the one started on /admin since. */
  event: { id: string; name: string };
  appliedMigrations: string[];
  dispose(): Promise<void>;
  /**
   * `npm start` calls this last: the node process replaces itself with a small shell that keeps
   * workerd running (scripts/lib/workerd.ts), giving back its ≈ 100 MB for the evening. Returns
   * false where that is not possible; the node process then stays and does the same job.
   */
  handOver(): boolean;
}

export interface ServerSetup {
  root: string;
  configText: string;
  configuredAccess: AccessPins | undefined;
  host: string;
  port: number;
  data: string;
  logLevel?: LogLevel;
  /** PEM text of a certificate and its key: serve HTTPS instead of HTTP. */
  tls?: { cert: string; key: string };
}

/** Runs prepareRuntime.ts in a child process: migrations, PINs, and the workerd config. */
function prepareRuntime(request: PrepareRequest): Promise<PrepareResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, "prepareRuntime.ts"), [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, MINIFLARE_WORKERD_V8_FLAGS: process.env.MINIFLARE_WORKERD_V8_FLAGS ?? WORKERD_V8_FLAGS },
    });
    let answer: PrepareResult | { error: string } | undefined;
    child.on("message", (message: PrepareResult | { error: string }) => (answer = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (answer && "error" in answer) reject(new Error(answer.error));
      else if (answer) resolve(answer);
      else reject(new Error(`preparing the runtime failed (exit code ${code}; see above)`));
    });
    child.send(request);
  });
}

export async function startServer(setup: ServerSetup): Promise<StartedServer> {
  const { root } = setup;
  buildFrontend(root);
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  // workerd's config and the folders it points at live beside the data, made new on every start
  // (after a hand-over no process is left to remove a temporary folder).
  const runtimeTmp = join(resolve(setup.data), "runtime");
  rmSync(runtimeTmp, { recursive: true, force: true });
  mkdirSync(runtimeTmp, { recursive: true, mode: 0o700 });
  // Migrate while only this machine can reach the runtime (miniflare on 127.0.0.1), so no phone
  // ever meets a missing table; then open it to the network.
  const prepared = await prepareRuntime({
    root,
    configText: setup.configText,
    configuredAccess: setup.configuredAccess,
    data: setup.data,
    logLevel: setup.logLevel ?? (2 satisfies LogLevel.WARN),
    tls: setup.tls,
    settings: wranglerSettings(root),
    version,
    runtimeTmp,
  });
  const runtime = await runWorkerd(prepared, setup.host, setup.port, runtimeTmp);
  const shownHost = ["0.0.0.0", "::", "*"].includes(setup.host) ? "127.0.0.1" : setup.host.includes(":") ? `[${setup.host}]` : setup.host;
  const url = new URL(`${setup.tls ? "https" : "http"}://${shownHost}:${runtime.port}`);
  return { url, pins: prepared.pins, event: prepared.event, appliedMigrations: prepared.appliedMigrations, dispose: () => runtime.stop(), handOver: () => runtime.handOver() };
}
