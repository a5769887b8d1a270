// Building what the server runs: the Svelte app (Vite, in a child process so its memory is given
// back) and the worker bundle (esbuild). Each is skipped when its output is newer than its sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(path).map((f) => join(path, f))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function isFresh(output: string, sources: string[]): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= newestMtime(sources);
}

export function buildFrontend(root: string): void {
  const sources = ["frontend", "worker/protocol.ts", "worker/protocol", "vite.config.ts", "package.json"].map((p) => join(root, p));
  if (isFresh(join(root, "dist/index.html"), sources)) return;
  console.log("Building the app …");
  const result = spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("the frontend build failed (see above)");
}

export async function bundleWorker(root: string): Promise<string> {
  const outfile = join(root, "build/worker.js");
  if (isFresh(outfile, [join(root, "worker"), join(root, "config.json"), join(root, "package.json")])) return outfile;
  // Loaded only when a bundle is due; its service process is stopped afterwards (it would stay
  // alive for the whole evening holding 57–76 MB, issue 12).
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(root, "worker/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["cloudflare:*"],
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    // Written aside and renamed: a server starting at the same moment never reads half a file.
    outfile: `${outfile}.${process.pid}.tmp`,
    logLevel: "warning",
  }).finally(() => esbuild.stop());
  renameSync(`${outfile}.${process.pid}.tmp`, outfile);
  return outfile;
}
