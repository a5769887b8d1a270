// Vitest global setup for the Node project: build the app and the worker bundle once.
import { join } from "node:path";
import { buildFrontend, bundleWorker } from "../../scripts/lib/build.ts";

export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, "../..");
  buildFrontend(root);
  await bundleWorker(root);
}
