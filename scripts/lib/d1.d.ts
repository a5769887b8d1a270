// The Node-side scripts (the report reads D1 through miniflare) share query modules with the worker,
// which name D1's types as globals. Here they come from the importable build of the workers types,
// which does not also declare the Workers runtime's globals over Node's and the DOM's.
import type { D1Database as WorkersD1Database, D1PreparedStatement as WorkersD1PreparedStatement, D1Result as WorkersD1Result } from "@cloudflare/workers-types/index.ts";

declare global {
  type D1Database = WorkersD1Database;
  type D1PreparedStatement = WorkersD1PreparedStatement;
  type D1Result<T = unknown> = WorkersD1Result<T>;
}
