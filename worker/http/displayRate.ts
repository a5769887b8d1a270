// The guests' pickup display is public (issue 22): anyone on the festival WiFi may read it, so each
// address gets a budget of its own here, in the worker's memory, before the coordinator is asked.
// A TV polls every few seconds or keeps one socket; a flood from one address is refused (429)
// without any work. The box's own address (a screen plugged into the Pi) is not counted.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../auth/session.ts";
import { clientAddress, isBoxAddress } from "../auth/clientAddress.ts";
import { ApiError } from "../errors.ts";
import { TokenBuckets } from "../lib/tokenBucket.ts";

/** Per address: a burst, then so many a second (GET /display and opening its socket alike). */
export const DISPLAY_RATE = { burst: 20, perSecond: 2 } as const;
const buckets = new TokenBuckets(DISPLAY_RATE.burst, DISPLAY_RATE.perSecond, 5_000);

export const displayRate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const address = clientAddress(c.req.raw);
  if (c.env.HTTP_RATE_LIMIT !== "off" && address !== undefined && !isBoxAddress(address)) {
    const wait = buckets.takeAll([`display ${address}`], Date.now());
    if (wait !== undefined) {
      c.header("Retry-After", String(wait));
      throw new ApiError("RATE_LIMITED", `too many display requests from this device (at most ${DISPLAY_RATE.perSecond} a second); slow down`, "", { retryAfterSeconds: wait });
    }
  }
  await next();
};
