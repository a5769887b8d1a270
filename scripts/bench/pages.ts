// Bytes a phone downloads on the first load of a page: index.html, every script and style it
// references, and the lazy chunk of that page with what it imports (from Vite's build manifest).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../lib/loadClient.ts";

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
}

export interface PageWeight {
  page: string;
  files: { path: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
  /** What the server itself sends for Accept-Encoding: gzip (Content-Encoding of the main script). */
  serverEncoding: string;
}

function lazyFiles(manifest: Record<string, ManifestChunk>, key: string): string[] {
  const out = new Set<string>();
  const walk = (k: string) => {
    if (k === "index.html") return; // the entry: already loaded by the page
    const chunk = manifest[k];
    if (!chunk) return;
    if (out.has(chunk.file)) return;
    out.add(chunk.file);
    for (const css of chunk.css ?? []) out.add(css);
    for (const i of chunk.imports ?? []) walk(i);
  };
  walk(key);
  return [...out];
}

export async function pageWeight(base: string, page: "/service" | "/bar", lazyKey: string): Promise<PageWeight> {
  const manifest = JSON.parse(readFileSync(join(ROOT, "dist/.vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const paths: string[] = [page];
  const html = await (await fetch(base + page)).text();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)) paths.push(m[1]!);
  for (const f of lazyFiles(manifest, lazyKey)) paths.push(`/${f}`);
  const files: PageWeight["files"] = [];
  let serverEncoding = "";
  for (const path of [...new Set(paths)]) {
    if (!path.startsWith("/")) continue; // only this server (there is nothing else)
    const res = await fetch(base + path, { headers: { "accept-encoding": "gzip" } });
    if (path.endsWith(".js") && !serverEncoding) serverEncoding = res.headers.get("content-encoding") ?? "none";
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    files.push({ path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return {
    page,
    files,
    raw: files.reduce((s, f) => s + f.raw, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    serverEncoding,
  };
}
