// Prints what each page ships, gzipped, from the Vite manifest in dist/, and fails when the
// waiter app (/service) is over its budget (cheap phones on festival WiFi load it) or when any
// chunk holds zod (the pages share worker/protocol.ts with the worker, never its schemas).
// Run after `vite build`: node scripts/report-size.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chunksWithZod } from "./lib/zodInBundle.ts";

const root = join(import.meta.dirname, "..");
const dist = process.env.DIST_DIR ?? join(root, "dist");
// 60 KB until December 2026; 64 KB since the money checks (a refused payment's rest, admin
// approval, deposits that can come back, an earlier event's bills) came to the phone, with the
// rarely needed parts (a refused payment, an earlier event's bill, my cash, void and move) loaded
// only when opened. Next saving if needed: load the page's dictionary for its language only (~2.5 KB).
const BUDGET_BYTES = 64 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const manifestPath = join(dist, ".vite/manifest.json");
if (!existsSync(manifestPath)) {
  console.error("dist/.vite/manifest.json is missing: run `vite build` with build.manifest: true first.");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, Chunk>;

/** The chunk and everything it imports statically, with their CSS (what loading it downloads). */
function files(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return new Set();
  seen.add(key);
  const out = new Set<string>([chunk.file, ...(chunk.css ?? [])]);
  for (const dep of chunk.imports ?? []) for (const f of files(dep, seen)) out.add(f);
  return out;
}

function gzipped(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
if (!entryKey) {
  console.error("no entry chunk in the Vite manifest");
  process.exit(2);
}

function page(name: string, srcPart: string): number {
  const chunkKey = Object.keys(manifest).find((k) => k.includes(srcPart));
  const all = files(entryKey!);
  if (chunkKey) for (const f of files(chunkKey)) all.add(f);
  else console.warn(`  (no chunk for ${srcPart} in the manifest)`);
  let total = 0;
  console.log(`${name}:`);
  for (const f of [...all].sort()) {
    const size = gzipped(f);
    total += size;
    console.log(`  ${f.padEnd(48)} ${(size / 1024).toFixed(1).padStart(6)} KB`);
  }
  console.log(`  ${"total (gzip)".padEnd(48)} ${(total / 1024).toFixed(1).padStart(6)} KB`);
  return total;
}

const service = page("/service", "src/service/ServiceApp.svelte");
page("/bar", "src/bar/BarApp.svelte");

const withZod = chunksWithZod(dist);
if (withZod.length) {
  console.error(`zod is bundled into ${withZod.join(", ")}: a page imports worker/schemas (or zod) by value; import worker/protocol.ts only.`);
  process.exit(1);
}
if (service > BUDGET_BYTES) {
  console.error(`/service ships ${(service / 1024).toFixed(1)} KB gzipped, over its budget of ${BUDGET_BYTES / 1024} KB.`);
  process.exit(1);
}
console.log(`/service is within its budget of ${BUDGET_BYTES / 1024} KB.`);
