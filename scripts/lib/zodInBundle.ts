// Whether built JavaScript holds zod. The pages import values from worker/protocol.ts, which must
// stay free of zod (its schemas are worker/schemas.ts): zod would add ~25 KB gzipped to every page.
// zod's runtime names its classes with strings such as "$ZodType" (zod/v4/core), which minifiers
// keep, so a chunk holding zod holds that marker.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ZOD_MARKER = "$ZodType";

export function holdsZod(code: string): boolean {
  return code.includes(ZOD_MARKER);
}

/** The JavaScript files under `dist/assets` that hold zod (names relative to `dist`). */
export function chunksWithZod(dist: string): string[] {
  return jsChunks(dist).filter((f) => holdsZod(readFileSync(join(dist, f), "utf8")));
}

/** Every JavaScript file under `dist/assets`, relative to `dist`. */
export function jsChunks(dist: string): string[] {
  return readdirSync(join(dist, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => `assets/${f}`);
}
