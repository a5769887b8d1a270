// The guests' pickup display (issue 22), public: no login, nothing but order numbers. Both routes
// are counted per address (http/displayRate.ts); the answer comes from the coordinator's memory.
import { Hono } from "hono";
import type { AppEnv } from "../auth/session.ts";
import { clientAddress } from "../auth/clientAddress.ts";
import { coordinator } from "../coordinator/stub.ts";
import { STREAM_HEADERS } from "../coordinator/SocketHub.ts";
import { ApiError } from "../errors.ts";
import { displayRate } from "../http/displayRate.ts";

export const displayRoutes = new Hono<AppEnv>()
  .get("/display", displayRate, async (c) => {
    const { preparing, ready } = await coordinator(c.env).displayState();
    return c.json({ preparing, ready });
  })
  .get("/display/stream", displayRate, async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
      throw new ApiError("INVALID_INPUT", "this endpoint needs a WebSocket upgrade (Upgrade: websocket)", "header.upgrade");
    // A fresh request with the upgrade and the address the runtime saw (a device's share of the
    // display sockets follows it): no header a client sent reaches the coordinator.
    const headers = new Headers({ Upgrade: "websocket" });
    headers.set(STREAM_HEADERS.address, clientAddress(c.req.raw) ?? "");
    return coordinator(c.env).fetch(new Request("https://coordinator/display", { headers }));
  });
