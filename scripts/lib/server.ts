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
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: setup.host,
      port: setup.port,
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
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  const url = await mf.ready;
  const db = await mf.getD1Database("DB");
  const appliedMigrations = await applyMigrations(db as never, join(root, "migrations"));
  const pins = await resolvePins(db, setup.configuredAccess);
  return { mf, url, pins, appliedMigrations, dispose: () => mf.dispose() };
}
