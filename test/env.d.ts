import type { Env as WorkerEnv } from "../worker/env.ts";

// `env` from "cloudflare:test" is typed as Cloudflare.Env: give it the worker's bindings.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
