// `npm test` runs every project: the worker in workerd, the Node-side scripts, and the browser tests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { projects: ["./vitest.workers.config.ts", "./vitest.node.config.ts"] },
});
