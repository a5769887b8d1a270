// The live stream: the worker checks the session and the query, then hands the socket to the coordinator.
import { Hono } from "hono";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { requireStation } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { STREAM_HEADERS } from "../coordinator/SocketHub.ts";
import { ApiError } from "../errors.ts";
import { streamQuerySchema } from "../schemas.ts";
import { valid } from "../validate.ts";
import { findSession } from "../auth/sessionStore.ts";
import { openDb } from "../db/client.ts";

export const streamRoutes = new Hono<AppEnv>().get("/stream", requireRole("read"), valid("query", streamQuerySchema), async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
    throw new ApiError("INVALID_INPUT", "this endpoint needs a WebSocket upgrade (Upgrade: websocket)", "header.upgrade");
  const { station, since, view } = c.req.valid("query");
  requireStation(c.env, station, "query.station");
  // A fresh request, so that no header a client sent can pose as the identity below.
  const headers = new Headers({ Upgrade: "websocket" });
  headers.set(STREAM_HEADERS.role, c.var.session.role);
  headers.set(STREAM_HEADERS.name, encodeURIComponent(c.var.session.name));
  if (station) headers.set(STREAM_HEADERS.station, station);
  if (since !== undefined) headers.set(STREAM_HEADERS.since, String(since));
  // A waiter's phone gets the phone's snapshot (the map and its own orders, not every order's every
  // line); an admin's /service asks for it with ?view=phone. The runners' pickup page, open to the
  // waiter PIN, asks for every open order with ?view=tickets (one page's own load: the phones' stays small).
  if (!station && (view === "phone" || (c.var.session.role === "waiter" && view !== "tickets"))) headers.set(STREAM_HEADERS.view, "phone");
  // Ending the session closes its sockets (and a session's sockets are capped), so the socket knows it.
  // (The cast goes once server-side sessions carry their id in the Session type.)
  const sessionId = (c.var.session as { id?: string }).id ?? "";
  if (sessionId) headers.set(STREAM_HEADERS.session, sessionId);
  // The device the session logged in on (not a cookie of this request, which a client can leave out):
  // a device's waiter sockets share a cap (coordinator/socketShares.ts). The row was just read, so this is its cache.
  const device = sessionId ? (await findSession(openDb(c.env.DB), sessionId, Date.now()))?.deviceId : undefined;
  if (device) headers.set(STREAM_HEADERS.device, device);
  return coordinator(c.env).fetch(new Request("https://coordinator/stream", { headers }));
});
