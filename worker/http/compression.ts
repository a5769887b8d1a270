// gzip for the app's files and the larger API answers, over a festival WiFi shared by a hundred
// phones. The runtime does the work: a response whose Content-Encoding says gzip is compressed by
// workerd on its way out (and by Cloudflare's edge when deployed), so the body is never touched in
// JavaScript. miniflare's entry worker used to do this for us; requests now reach this worker
// directly (scripts/lib/workerdConfig.ts).
import type { MiddlewareHandler } from "hono";

/**
 * Below this a compressed body saves less than its CPU costs. Answers to POST, PUT and DELETE (an
 * order's is ≈ 300 B, on the busiest path) are never compressed; JSON from Hono has no length yet,
 * so a GET of the API is compressed whatever its size.
 */
export const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/i;

/** Whether the client takes gzip: listed with a weight above 0, or "*" (RFC 9110 §12.5.3). */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    if (coding.trim() === "gzip") gzip = weight;
    else if (coding.trim() === "*") any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}

export function shouldCompress(method: string, acceptEncoding: string | null, response: Response): boolean {
  if (method !== "GET" || response.status === 101 || response.status === 204 || response.status === 304 || !response.body) return false;
  if (response.headers.has("Content-Encoding")) return false;
  if (!COMPRESSIBLE.test(response.headers.get("Content-Type") ?? "")) return false;
  const length = response.headers.get("Content-Length");
  if (length !== null && Number(length) < COMPRESS_MIN_BYTES) return false;
  return acceptsGzip(acceptEncoding);
}

export const compression: MiddlewareHandler = async (c, next) => {
  await next();
  if (!shouldCompress(c.req.method, c.req.header("Accept-Encoding") ?? null, c.res)) return;
  // Hono's setter copies the response (so its headers can change, also for the assets binding's)
  // and the old headers onto it: set the encoding headers after it, or Content-Length comes back.
  c.res = new Response(c.res.body, c.res);
  c.res.headers.set("Content-Encoding", "gzip");
  c.res.headers.delete("Content-Length"); // the compressed length is the runtime's to tell
  c.res.headers.append("Vary", "Accept-Encoding");
};
