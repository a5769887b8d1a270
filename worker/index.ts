// The worker: the HTTP API under /api/v1, the live stream, and (through the assets binding) the app.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./auth/session.ts";
import { ApiError, DISK_FULL_MESSAGE, isDiskFull, noteDiskFull } from "./errors.ts";
import { MAX_BODY_BYTES } from "./protocol.ts";
import { bodyDeadline, hostGuard, hostSyntaxGuard, jsonGuard, originGuard } from "./http/requestGuards.ts";
import { compression } from "./http/compression.ts";
import { serveAsset } from "./http/assets.ts";
import { health } from "./routes/health.ts";
import { auth } from "./routes/auth.ts";
import { eventRoutes } from "./routes/event.ts";
import { orderRoutes } from "./routes/orders.ts";
import { ticketRoutes } from "./routes/tickets.ts";
import { availabilityRoutes } from "./routes/availability.ts";
import { streamRoutes } from "./routes/stream.ts";
import { paymentRoutes } from "./routes/payments.ts";
import { depositRoutes } from "./routes/deposits.ts";
import { voidRoutes } from "./routes/voids.ts";
import { moveRoutes } from "./routes/moves.ts";
import { settlementRoutes } from "./routes/settlement.ts";
import { accessRoutes } from "./routes/access.ts";
import { reportRoutes } from "./routes/report.ts";
import { menuRoutes } from "./routes/menu.ts";
import { printRoutes } from "./routes/print.ts";
import { voucherSaleRoutes } from "./routes/voucherSales.ts";
import { displayRoutes } from "./routes/display.ts";
import { currentEvent } from "./menu/currentEvent.ts";
import { tablesWrites } from "./http/tablesCache.ts";

export { EventCoordinator } from "./coordinator/EventCoordinator.ts";

const api = new Hono<AppEnv>()
  .use(hostGuard)
  .use(originGuard)
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
  })
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", `the body is larger than ${MAX_BODY_BYTES / 1024} KB`);
      },
    }),
  )
  .use(jsonGuard)
  .use(bodyDeadline)
  // Which event is current (D1, read at most every few seconds): loadEvent's id and name.
  .use(currentEvent)
  // Writes drop the table map GET /tables keeps for a moment.
  .use(tablesWrites)
  .route("/", health)
  .route("/", auth)
  .route("/", eventRoutes)
  .route("/", orderRoutes)
  .route("/", ticketRoutes)
  .route("/", availabilityRoutes)
  .route("/", streamRoutes)
  .route("/", paymentRoutes)
  .route("/", depositRoutes)
  .route("/", voidRoutes)
  .route("/", moveRoutes)
  .route("/", settlementRoutes)
  .route("/", accessRoutes)
  .route("/", reportRoutes)
  .route("/", menuRoutes)
  .route("/", printRoutes)
  .route("/", voucherSaleRoutes)
  .route("/", displayRoutes);

const app = new Hono<AppEnv>()
  .use(hostSyntaxGuard)
  .use(compression)
  .route("/api/v1", api)
  .all("/api/*", (c) => {
    throw new ApiError("NOT_FOUND", `no endpoint ${c.req.method} ${new URL(c.req.url).pathname}`, "url");
  })
  // The app's files. Locally every request reaches this worker first (scripts/lib/workerdConfig.ts);
  // on Cloudflare the asset router answers these paths before the worker runs (wrangler.toml).
  .all("*", (c) => serveAsset(c.env.ASSETS, c.req.raw));

app.onError((thrown, c) => {
  // A full disk: the coordinator says so (DISK_FULL); a write of the worker's own (a login) throws.
  const diskFull = !(thrown instanceof ApiError) && isDiskFull(thrown);
  if (diskFull) console.error("the disk is full", c.req.method, c.req.path, thrown);
  const error = diskFull ? new ApiError("DISK_FULL", DISK_FULL_MESSAGE) : thrown;
  if (error instanceof ApiError && error.code === "DISK_FULL") noteDiskFull(Date.now());
  if (error instanceof ApiError) return c.json(error.toBody(), error.status);
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx, such as malformed JSON.
    const body = new ApiError("INVALID_INPUT", error.message || "bad request").toBody();
    return c.json(body, error.status);
  }
  console.error("unhandled error", c.req.method, c.req.path, error);
  return c.json({ error: { code: "INTERNAL", message: "something went wrong on the server", path: "" } }, 500);
});

export default app;
