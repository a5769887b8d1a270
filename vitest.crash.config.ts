// The crash suite (kill -9 under load) on its own, after everything else: it keeps both cores busy,
// which would slow the timing of browser tests running beside it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "crash",
    include: ["test/node/crash.test.ts"],
    environment: "node",
    globalSetup: ["./test/node/build-once.ts"],
    testTimeout: 300_000,
    maxWorkers: 1,
    sequence: { groupOrder: 2 },
  },
});
