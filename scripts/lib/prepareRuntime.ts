// The heavy half of starting the server, run in a child process that exits when it is done, so the
// long-lived server process never loads miniflare or esbuild (about 100 MB of node memory for the whole
// evening, docs/BENCHMARKS.md). It bundles the worker if its sources changed, starts the worker through miniflare on loopback only, applies
// the migrations and resolves the PINs while no phone can reach it, and hands the parent the
// workerd command line and config that miniflare generated; the parent then runs workerd itself.
//
// Input (IPC message): PrepareRequest. Output (IPC message): PrepareResult or { error }.
import childProcess from "node:child_process";
import { cpSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from "miniflare";
import type { AccessPins } from "../../worker/config/schema.ts";
import { resolvePins } from "../../worker/auth/pins.ts";
import { applyMigrations } from "./migrations.ts";
import { runningEvent, type EventRowLike } from "../../worker/domain/runningEvent.ts";
import { bundleWorker } from "./build.ts";
import { RUNTIME_NOISE } from "./workerd.ts";
import { withSocketServedBy } from "./workerdConfig.ts";

export interface PrepareRequest {
  root: string;
  configText: string;
  configuredAccess: AccessPins | undefined;
  data: string;
  logLevel: LogLevel;
  tls?: { cert: string; key: string };
  settings: { name: string; compatibilityDate: string; databaseId: string };
  version: string;
  /**
   * An empty folder for miniflare's temporary files. The config points workerd at folders in it
   * (e.g. for email and caches), so they must outlive miniflare (scripts/lib/server.ts).
   */
  runtimeTmp: string;
}

export interface PrepareResult {
  pins: AccessPins;
  /** The event the data folder runs (after "new event" on /admin, not config.json's). */
  event: { id: string; name: string };
  appliedMigrations: string[];
  /** workerd's path and arguments as miniflare ran it (entry socket, loopback address, config on stdin). */
  command: string;
  args: string[];
  /** The binary (capnp) config miniflare wrote to workerd's stdin. */
  config: Uint8Array;
}

function miniflareOptions(request: PrepareRequest, scriptPath: string) {
  const { root, tls, settings } = request;
  return convertV4MiniflareOptions({
    host: "127.0.0.1",
    port: 0,
    ...(tls ? { https: true, httpsCert: tls.cert, httpsKey: tls.key } : {}),
    cf: false,
    log: new Log(request.logLevel),
    handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
      if (message.includes(RUNTIME_NOISE)) return;
      if (level === "error" || level === "warn") console.error(message);
      else console.log(message);
    },
    // The same files as `wrangler dev --persist-to <data>`.
    resourcePersistencePath: join(resolve(request.data), "v3"),
    name: settings.name,
    modules: true,
    scriptPath,
    compatibilityDate: settings.compatibilityDate,
    bindings: { EVENT_CONFIG: request.configText, APP_VERSION: request.version },
    d1Databases: { DB: settings.databaseId },
    durableObjects: { EVENT_COORDINATOR: { className: "EventCoordinator", useSQLite: true } },
    assets: {
      directory: join(root, "dist"),
      binding: "ASSETS",
      assetConfig: { not_found_handling: "single-page-application" },
      // The converter drops routerConfig.static_routing; without this the API would be served the SPA.
      run_worker_first: ["/api/*"],
      routerConfig: { has_user_worker: true },
    },
  } as Parameters<typeof convertV4MiniflareOptions>[0]);
}

/** Records the command and the config miniflare hands workerd (the config has no public getter). */
function captureWorkerdSpawn(): () => { command: string; args: string[]; config: Buffer } | undefined {
  let captured: { command: string; args: string[]; config: Buffer } | undefined;
  const spawn = childProcess.spawn;
  childProcess.spawn = function (this: unknown, command: string, args: readonly string[], options: childProcess.SpawnOptions) {
    const child = spawn.call(this, command, args, options) as childProcess.ChildProcess;
    if (Array.isArray(args) && args[0] === "serve" && child.stdin) {
      const chunks: Buffer[] = [];
      const entry = { command, args: [...args], config: Buffer.alloc(0) };
      const write = child.stdin.write.bind(child.stdin) as (chunk: unknown, ...rest: unknown[]) => boolean;
      child.stdin.write = ((chunk: Uint8Array, ...rest: unknown[]) => {
        chunks.push(Buffer.from(chunk));
        entry.config = Buffer.concat(chunks);
        return write(chunk, ...rest);
      }) as typeof child.stdin.write;
      captured = entry;
    }
    return child;
  } as typeof childProcess.spawn;
  return () => captured;
}

/** The event the folder runs, by the worker's own rule (worker/domain/runningEvent.ts). */
async function eventOfFolder(db: Awaited<ReturnType<Miniflare["getD1Database"]>>, configText: string): Promise<{ id: string; name: string }> {
  const { id, name } = JSON.parse(configText) as { id: string; name: string };
  const { results } = await db.prepare("SELECT id, name, ended_at AS endedAt FROM events").all<EventRowLike>();
  return runningEvent(results, { id, name });
}

async function prepare(request: PrepareRequest): Promise<PrepareResult> {
  // Bundled here, not in the server process, so esbuild is gone with this process.
  const scriptPath = await bundleWorker(request.root);
  const captured = captureWorkerdSpawn();
  process.env.TMPDIR = request.runtimeTmp;
  const mf = new Miniflare(miniflareOptions(request, scriptPath));
  let kept = false;
  try {
    await mf.ready;
    const db = await mf.getD1Database("DB");
    const appliedMigrations = await applyMigrations(db as never, join(request.root, "migrations"));
    const pins = await resolvePins(db, request.configuredAccess);
    const event = await eventOfFolder(db, request.configText);
    const run = captured();
    if (!run) throw new Error("miniflare did not start workerd the way this script expects (see scripts/lib/prepareRuntime.ts)");
    // dispose() deletes miniflare's temporary folder; keep a copy for the workerd that runs on.
    cpSync(request.runtimeTmp, `${request.runtimeTmp}.keep`, { recursive: true });
    kept = true;
    // Requests go straight to our worker, not through miniflare's entry worker (scripts/lib/workerdConfig.ts).
    const config = withSocketServedBy(run.config, "entry", `core:user:${request.settings.name}`);
    if (!config) throw new Error("miniflare's workerd config is not shaped as scripts/lib/workerdConfig.ts expects (a new miniflare?)");
    return { pins, event, appliedMigrations, command: run.command, args: run.args, config };
  } finally {
    await mf.dispose();
    if (kept) {
      rmSync(request.runtimeTmp, { recursive: true, force: true });
      renameSync(`${request.runtimeTmp}.keep`, request.runtimeTmp);
    }
  }
}

// The server process is gone (stopped while starting): stop too; miniflare's exit hook ends its workerd.
process.once("disconnect", () => process.exit(1));
process.once("message", (request: PrepareRequest) => {
  prepare(request).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: Error) => process.send!({ error: error.message ?? String(error) }, () => process.exit(1)),
  );
});
