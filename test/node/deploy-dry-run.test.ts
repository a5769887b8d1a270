// The CI check of the Cloudflare path: `npm run deploy -- --dry-run` bundles the worker with the
// event's config inside and its PINs outside, offline, and the bundle stays small.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { root, runScript } from "./cli.ts";

// About five times today's 203 KiB. Cloudflare allows 3 MiB (free plan) and 10 MiB (paid); a jump
// past this bound means a Node-side library (PDF, charts) came into the worker, and every cold
// start pays for it.
const GZIP_BOUND = 1024 * 1024;

describe("npm run deploy -- --dry-run", () => {
  it("bundles the worker with the event's config inside and without its PINs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mini-pos-deploy-test-"));
    const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
    config.name = "Probefest Cloudflare 4711";
    config.access = { waiterPin: "48151", stationPin: "62342", adminPin: "8675309" };
    writeFileSync(join(dir, "event.json"), JSON.stringify(config));
    const outdir = join(dir, "bundle");
    const run = runScript("deploy.ts", ["--dry-run", "--config", join(dir, "event.json"), "--outdir", outdir]);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/Bundle .*index\.js: \d+ KiB, \d+ KiB gzip/);
    expect(run.output()).toContain("Dry run: nothing uploaded.");
    // The PINs go up as secrets; the Host check is left to Cloudflare's routing by name.
    for (const binding of ["WAITER_PIN", "STATION_PIN", "ADMIN_PIN", "ALLOWED_HOSTS", "APP_VERSION"]) expect(run.output()).toContain(`env.${binding} `);

    const bundle = readFileSync(join(outdir, "index.js"), "utf8");
    expect(bundle).toContain("Probefest Cloudflare 4711");
    expect(bundle).not.toContain("Sommerfest TSV Musterdorf 2026");
    for (const pin of ["48151", "62342", "8675309"]) expect(bundle).not.toContain(`"${pin}"`);
    expect(gzipSync(bundle).length).toBeLessThan(GZIP_BOUND);
  });

  it("refuses a config without PINs, before bundling anything", async () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "mini-pos-deploy-test-")), "bundle");
    const run = runScript("deploy.ts", ["--dry-run", "--config", join(root, "examples/config.minimal.json"), "--outdir", outdir]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('has no "access" PINs. On Cloudflare nobody can read PINs the server makes up');
    expect(existsSync(outdir)).toBe(false);
  });
});
