// `npm test` runs every project, one after the other: the worker in workerd, the Node-side scripts
// and the browser tests, then the crash suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { projects: ["./vitest.workers.config.ts", "./vitest.node.config.ts", "./vitest.crash.config.ts"] },
});
