// Checking a typed PIN against the login limit: used by login, by the admin's PIN change, by the
// take-over of a name at login, and by adminApproval (a waiter's void, free payment or large tip asks
// for the admin PIN); each is a place where a PIN could be guessed, so each counts wrong tries, in
// the pool of the device it comes from (auth/pinThrottle.ts), or the one the caller names.
import type { Context } from "hono";
import { roleForPin, sessionSecret, type AppEnv } from "./session.ts";
import { isAdminDevice, readDevice } from "./device.ts";
import { PIN_LIMITS, releasePinAttempt, reservePinAttempt, type PinPool } from "./pinThrottle.ts";
import { noteRefusedLogin } from "./attackLog.ts";
import { ApiError } from "../errors.ts";
import type { Role } from "../protocol.ts";

const REFUSALS: Record<PinPool["pool"], string> = {
  unknown: "too many wrong PINs from new devices; wait a minute, or log in on a phone or screen that has logged in here before",
  device: "too many wrong PINs from this device; wait a minute and try again",
  "admin-device": "too many wrong PINs from this device; wait a minute and try again",
  approval: "too many wrong admin PINs on this phone, or on waiters' phones together; wait a minute, or let the organiser approve it on their own device",
};

function tooManyAttempts(path: string, pool: PinPool): ApiError {
  return new ApiError("TOO_MANY_ATTEMPTS", REFUSALS[pool.pool], path, { retryAfterSeconds: PIN_LIMITS.windowMs / 1000 });
}

/** The pool a PIN typed on this device counts against: the admin's devices', known devices' or new devices'. */
async function devicePool(c: Context<AppEnv>): Promise<{ pool: PinPool; device: string | undefined }> {
  const secret = await sessionSecret(c.env);
  const device = await readDevice(c, secret);
  if (!device) return { pool: { pool: "unknown" }, device };
  return { pool: { pool: (await isAdminDevice(c, secret, device)) ? "admin-device" : "device", device }, device };
}

/**
 * The role this PIN belongs to, and the device id when the device is known; a wrong PIN is counted
 * (in `budget`, else the device's pool) and answered 401 (429 once the budget is used).
 */
export async function checkPin(c: Context<AppEnv>, pin: string, path: string, budget?: PinPool): Promise<{ role: Role; device: string | undefined }> {
  const { pool: own, device } = await devicePool(c);
  const pool = budget ?? own;
  const db = c.env.DB;
  const slot = await reservePinAttempt(db, pool, Date.now());
  if (slot === undefined) {
    noteRefusedLogin(Date.now());
    c.header("Retry-After", String(PIN_LIMITS.windowMs / 1000));
    throw tooManyAttempts(path, pool);
  }
  const role = await roleForPin(c.env, pin);
  if (!role) throw new ApiError("WRONG_PIN", "this PIN is not right", path);
  await releasePinAttempt(db, slot);
  return { role, device };
}
