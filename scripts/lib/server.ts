// Runs the worker, its Durable Object, D1 and the app's assets in workerd through the miniflare
// API: the same parts `wrangler dev` runs, in about half the memory and with no network access
// (STACK-NOTES §3). Used by `npm start`, the benchmarks and the crash test.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from "miniflare";
import type { AccessPins } from "../../worker/config/schema.ts";
import { resolvePins } from "../../worker/auth/pins.ts";
import { applyMigrations } from "./migrations.ts";
import { bundleWorker, buildFrontend } from "./build.ts";

export interface StartedServer {
  mf: Miniflare;
  url: URL;
  pins: AccessPins;
  appliedMigrations: string[];
  dispose(): Promise<void>;
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

/** The values wrangler.toml holds, so both ways of running share the same stored data. */
function wranglerSettings(root: string) {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const pick = (key: string) => toml.match(new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, "m"))?.[1];
  return { name: pick("name")!, compatibilityDate: pick("compatibility_date")!, databaseId: pick("database_id")! };
}

export async function startServer(setup: ServerSetup): Promise<StartedServer> {
  const { root } = setup;
  buildFrontend(root);
  const scriptPath = await bundleWorker(root);
  const settings = wranglerSettings(root);
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const options = (host: string, port: number) =>
    convertV4MiniflareOptions({
      host,
      port,
      ...(setup.tls ? { https: true, httpsCert: setup.tls.cert, httpsKey: setup.tls.key } : {}),
      cf: false,
      log: new Log(setup.logLevel ?? LogLevel.WARN),
      // The same files as `wrangler dev --persist-to <data>`.
      resourcePersistencePath: join(resolve(setup.data), "v3"),
      name: settings.name,
      modules: true,
      scriptPath,
      compatibilityDate: settings.compatibilityDate,
      bindings: { EVENT_CONFIG: setup.configText, APP_VERSION: version },
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
  // Migrate while only this process can reach the server, so no phone ever meets a missing table;
  // then open it to the network.
  const mf = new Miniflare(options("127.0.0.1", 0));
  await mf.ready;
  const db = await mf.getD1Database("DB");
  const appliedMigrations = await applyMigrations(db as never, join(root, "migrations"));
  const pins = await resolvePins(db, setup.configuredAccess);
  await mf.setOptions(options(setup.host, setup.port));
  const url = await mf.ready;
  return { mf, url, pins, appliedMigrations, dispose: () => mf.dispose() };
}
