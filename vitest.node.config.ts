// Tests that run in Node: the start scripts, and Chromium driving the real server (test/browser).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "node",
    include: ["test/node/**/*.test.ts", "test/browser/**/*.test.ts"],
    // The crash suite loads both cores on purpose: it runs alone, last (vitest.crash.config.ts).
    exclude: ["test/node/crash.test.ts"],
    environment: "node",
    // Build once before the files start their servers in parallel, so no two of them build at once.
    globalSetup: ["./test/node/build-once.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each browser test file starts its own server and browser; two at once suit a 2-core machine.
    maxWorkers: 2,
    // After the worker project: the two never compete for the two cores.
    sequence: { groupOrder: 1 },
  },
});
