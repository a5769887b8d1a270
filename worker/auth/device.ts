// The device token: a long-lived signed cookie a phone or screen gets at its first right login.
// It says "this device has logged in here before", which gives it its own budget of wrong PINs
// (auth/pinThrottle.ts), so an attack on the login does not lock out the evening's own devices.
// It grants nothing by itself: a device still needs a session (a right PIN) to do anything.
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "./session.ts";

export const DEVICE_COOKIE = "mini_pos_device";
const DEVICE_DAYS = 365;
const DEVICE_ID = /^[0-9a-f]{32}$/;

export function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The device id of a valid device token, or undefined (no token, or one this server did not sign). */
export async function readDevice(c: Context<AppEnv>, secret: string): Promise<string | undefined> {
  const value = await getSignedCookie(c, secret, DEVICE_COOKIE);
  return value && DEVICE_ID.test(value) ? value : undefined;
}

/** Gives a device that had no valid token a new one (set after the session cookie, which clients read first). */
export async function giveDeviceToken(c: Context<AppEnv>, secret: string, id: string, secure: boolean): Promise<void> {
  await setSignedCookie(c, DEVICE_COOKIE, id, secret, { httpOnly: true, sameSite: "Strict", path: "/", secure, maxAge: DEVICE_DAYS * 24 * 3600 });
}
