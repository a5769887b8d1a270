// The one module of types shared by the worker and the frontend: request bodies, the entities the
// API returns, the WebSocket frames, and the error codes. No DOM and no Workers globals here.
// Each part lives in its own file under protocol/; both sides import them from here.
export * from "./protocol/errors.ts";
export * from "./protocol/common.ts";
export * from "./protocol/text.ts";
export * from "./protocol/access.ts";
export * from "./protocol/requests.ts";
export * from "./protocol/entities.ts";
export * from "./protocol/money.ts";
export * from "./protocol/frames.ts";
export * from "./protocol/totals.ts";
export * from "./protocol/report.ts";
export * from "./protocol/ticketId.ts";
export * from "./protocol/stationWire.ts";
