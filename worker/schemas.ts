// The worker's zod schemas of request bodies, queries and client frames, apart from the protocol's
// types (worker/protocol.ts) so that the frontend can import the protocol's values without zod.
// Each schema's output is checked at compile time to be exactly its protocol interface.
// The config.json schema is worker/config/schema.ts; a route's own path parameters stay in its route.
export * from "./schemas/issuePath.ts";
export * from "./schemas/common.ts";
export * from "./schemas/errors.ts";
export * from "./schemas/access.ts";
export * from "./schemas/requests.ts";
export * from "./schemas/money.ts";
export * from "./schemas/frames.ts";
export * from "./schemas/events.ts";
