// The one module of types shared by the worker and the frontend: request bodies, the entities the
// API returns, the WebSocket frames, the error codes, and the small pure rules both sides apply the
// same way (open quantity, pay totals, bill lines). No DOM, no Workers globals and no zod here, so
// the frontend imports values from it too; the zod schemas that check requests are worker/schemas.ts.
// Each part lives in its own file under protocol/; both sides import them from here.
export * from "./protocol/errors.ts";
export * from "./protocol/common.ts";
export * from "./protocol/text.ts";
export * from "./protocol/access.ts";
export * from "./protocol/requests.ts";
export * from "./protocol/entities.ts";
export * from "./protocol/money.ts";
export * from "./protocol/settlement.ts";
export * from "./protocol/frames.ts";
export * from "./protocol/streamLimits.ts";
export * from "./protocol/totals.ts";
export * from "./protocol/bill.ts";
export * from "./protocol/cash.ts";
export * from "./protocol/report.ts";
export * from "./protocol/ticketId.ts";
export * from "./protocol/stationWire.ts";
export * from "./protocol/events.ts";
export * from "./protocol/lineTables.ts";
export * from "./protocol/print.ts";
export * from "./protocol/counter.ts";
