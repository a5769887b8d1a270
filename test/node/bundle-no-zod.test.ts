// The pages import values from worker/protocol.ts (constants, openQtyOf, pay totals, bill lines),
// so that module must stay free of zod; its schemas live in worker/schemas.ts for the worker
// alone. Checked on the built app in dist/ (the Node project builds it first), and the marker is
// first shown to find zod where zod is bundled, so this test can fail.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chunksWithZod, holdsZod, jsChunks } from "../../scripts/lib/zodInBundle.ts";

const root = join(import.meta.dirname, "../..");

/** One module bundled and minified, as a page's chunk would hold it. */
async function bundle(entry: string): Promise<string> {
  const esbuild = await import("esbuild");
  try {
    const out = await esbuild.build({ entryPoints: [join(root, entry)], bundle: true, minify: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], write: false, logLevel: "silent" });
    return out.outputFiles[0]!.text;
  } finally {
    await esbuild.stop();
  }
}

describe("the pages ship without zod", () => {
  it("the marker finds zod in a minified bundle of the worker's schemas", async () => {
    expect(holdsZod(await bundle("worker/schemas.ts"))).toBe(true);
  });

  it("worker/protocol.ts bundles without zod", async () => {
    const code = await bundle("worker/protocol.ts");
    expect(code).toContain("TOO_MANY_SOCKETS"); // the protocol itself is in it
    expect(holdsZod(code)).toBe(false);
  });

  it("no chunk of the built app holds zod", () => {
    const dist = join(root, "dist");
    expect(jsChunks(dist).length).toBeGreaterThan(3);
    expect(chunksWithZod(dist)).toEqual([]);
  });
});
