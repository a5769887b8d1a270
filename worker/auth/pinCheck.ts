// Checking a typed PIN against the login limit: used by login and by adminApproval (a waiter's void,
// free payment or large tip asks for the admin PIN); each is a place where a PIN could be guessed, so each counts wrong tries.
import type { Context } from "hono";
import { roleForPin, sessionSecret, type AppEnv } from "./session.ts";
import { readDevice } from "./device.ts";
import { PIN_LIMITS, releasePinAttempt, reservePinAttempt, type PinPool } from "./pinThrottle.ts";
import { noteRefusedLogin } from "./attackLog.ts";
import { ApiError } from "../errors.ts";
import type { Role } from "../protocol.ts";

function tooManyAttempts(path: string, pool: PinPool): ApiError {
  const message =
    pool.pool === "unknown"
      ? "too many wrong PINs from new devices; wait a minute, or log in on a phone or screen that has logged in here before"
      : "too many wrong PINs from this device; wait a minute and try again";
  return new ApiError("TOO_MANY_ATTEMPTS", message, path, { retryAfterSeconds: PIN_LIMITS.windowMs / 1000 });
}

/** The role this PIN belongs to, and the device id when the device is known; a wrong PIN is counted and answered 401 (429 once the budget is used). */
export async function checkPin(c: Context<AppEnv>, pin: string, path: string): Promise<{ role: Role; device: string | undefined }> {
  const device = await readDevice(c, await sessionSecret(c.env));
  const pool: PinPool = device ? { pool: "device", device } : { pool: "unknown" };
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
