// `npm run deploy`: the same worker on Cloudflare's network (wrangler.toml [env.cloudflare]).
//   1. check the config, as `npm start` does; build the app
//   2. bundle with the event's config inside and its PINs taken out (they go up as secrets)
//   3. apply the migrations to the remote D1, then deploy the worker with the PINs as secrets
// `--dry-run` does steps 1–2 only, with no network, and prints the bundle's size (the CI check).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { buildFrontend } from "./lib/build.ts";
import { printReport, readConfigFile } from "./lib/configFile.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENV = "cloudflare";
const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";
/** The worker imports the bundled event config under this name (worker/config/event.ts). */
const CONFIG_IMPORT = "../../config.json";
/** Cloudflare's limit for a worker's compressed size on the free plan (the paid plans allow 10 MB). */
const FREE_PLAN_GZIP_LIMIT = 3 * 1024 * 1024;
// STACK-NOTES §2: no cf fetch, no telemetry, no update check.
const OFFLINE_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" };

const usage = `usage: npm run deploy -- [--config FILE] [--dry-run] [--outdir DIR]
  --config FILE  the event configuration (default: config.json)
  --dry-run      bundle and check only: no login, no network, nothing uploaded
  --outdir DIR   where the bundle is written (default: build/cloudflare)`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        config: { type: "string", default: "config.json" },
        "dry-run": { type: "boolean", default: false },
        outdir: { type: "string", default: join(root, "build/cloudflare") },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
}
const values = parseOptions();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const dryRun = values["dry-run"]!;
const outdir = resolve(values.outdir!);

function wrangler(args: string[]): void {
  const result = spawnSync(process.execPath, [join(root, "node_modules/wrangler/bin/wrangler.js"), ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...OFFLINE_ENV },
  });
  if (result.status !== 0) fail(`wrangler ${args[0]} ${args[1] ?? ""} failed (see above); stopped.`);
}

/** The database id in [env.cloudflare]: the placeholder until the operator pastes theirs. */
function cloudflareDatabaseId(): string | undefined {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const section = toml.slice(toml.indexOf(`[[env.${ENV}.d1_databases]]`));
  return section.match(/^database_id\s*=\s*"([^"]*)"/m)?.[1];
}

// 1. The config, checked as `npm start` checks it.
const report = readConfigFile(values.config!);
if (!printReport(report)) process.exit(1);
const { access, ...venueAndMenu } = report.config!;
if (!access)
  fail(`${values.config} has no "access" PINs. On Cloudflare nobody can read PINs the server makes up, so set waiterPin, stationPin and adminPin there.`);
const databaseId = cloudflareDatabaseId();
if (!dryRun && (!databaseId || databaseId === PLACEHOLDER_DATABASE_ID))
  fail(`wrangler.toml [env.${ENV}] has no D1 database yet: run \`npx wrangler d1 create mini-pos\` once and put the database_id it prints there.`);
buildFrontend(root);

// 2. The bundle. The config goes inside it, as the file the worker imports (an environment
// variable is limited to 5 KB; the shipped config has 7 KB), and without its PINs.
const work = mkdtempSync(join(tmpdir(), "mini-pos-deploy-"));
chmodSync(work, 0o700);
// The PINs never outlive the run, however it ends (process.exit skips `finally`, not "exit").
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const configFile = join(work, "config.json");
writeFileSync(configFile, JSON.stringify(venueAndMenu));
const secretsFile = join(work, "secrets.json");
writeFileSync(secretsFile, JSON.stringify({ WAITER_PIN: access.waiterPin, STATION_PIN: access.stationPin, ADMIN_PIN: access.adminPin }), { mode: 0o600 });
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
// ALLOWED_HOSTS "*": Cloudflare routes by name, so the Host check against DNS rebinding that the
// box needs (worker/http/requestGuards.ts) has nothing to add there.
const deployArgs = ["--env", ENV, "--alias", `${CONFIG_IMPORT}:${configFile}`, "--var", `APP_VERSION:${version}`, "--var", "ALLOWED_HOSTS:*", "--secrets-file", secretsFile];

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
wrangler(["deploy", "--dry-run", "--outdir", outdir, "--metafile", join(outdir, "bundle-meta.json"), ...deployArgs]);
checkBundle();
if (dryRun) {
  console.log(`Dry run: nothing uploaded. A deploy would apply ${migrationCount()} migration file(s) to the remote D1, upload the PINs as secrets and deploy this bundle.`);
} else {
  // 3. Migrations first, so the new code never meets an old schema.
  wrangler(["d1", "migrations", "apply", "DB", "--remote", "--env", ENV]);
  wrangler(["deploy", ...deployArgs]);
  console.log("Deployed. Phones reach it at the workers.dev address above (HTTPS), with the PINs of the config.");
}

/** The event's config must be the one inside (not the repository's config.json); prints the size. */
function checkBundle(): void {
  const meta = JSON.parse(readFileSync(join(outdir, "bundle-meta.json"), "utf8")) as { inputs: Record<string, unknown> };
  const inputs = Object.keys(meta.inputs).map((p) => resolve(root, p));
  if (!inputs.includes(configFile) || inputs.includes(join(root, "config.json")))
    fail(`the bundle does not carry ${values.config}: worker/config/event.ts no longer imports "${CONFIG_IMPORT}"? Update CONFIG_IMPORT in scripts/deploy.ts.`);
  const bundle = readFileSync(join(outdir, "index.js"));
  const gzip = gzipSync(bundle).length;
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`Bundle ${relative(process.cwd(), join(outdir, "index.js"))}: ${kib(bundle.length)}, ${kib(gzip)} gzip (Cloudflare's free plan allows ${kib(FREE_PLAN_GZIP_LIMIT)}).`);
  if (gzip > FREE_PLAN_GZIP_LIMIT) fail("The bundle is larger than the free plan allows.");
  // Until the worker reads PINs from its secrets it would fall back to PINs it makes up and
  // keeps in D1, which nobody can read on Cloudflare: everyone would be locked out.
  // (`\b`: not APPROVED_BY_ADMIN_PIN, the audit's word for an admin's approval.)
  if (!/\bADMIN_PIN\b/.test(bundle.toString("utf8"))) {
    const message = "The worker does not read the PIN secrets yet (worker/auth/session.ts); deployed like this, nobody could log in.";
    if (!dryRun) fail(message);
    console.warn(`warning: ${message}`);
  }
}

function migrationCount(): number {
  return existsSync(join(root, "migrations")) ? readdirSync(join(root, "migrations")).filter((f) => f.endsWith(".sql")).length : 0;
}
