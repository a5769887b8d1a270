// The device token: a long-lived signed cookie a phone or screen gets at its first right login.
// It says "this device has logged in here before", which gives it its own budget of wrong PINs
// (auth/pinThrottle.ts), so an attack on the login does not lock out the evening's own devices.
// It grants nothing by itself: a device still needs a session (a right PIN) to do anything.
// A device the admin logged in on gets a second signed cookie, the admin mark, naming its device
// id: such a device has a budget of wrong PINs that only the admin's devices share, so an insider
// with the waiter PIN (and known devices of his own) cannot lock the organiser out.
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "./session.ts";

export const DEVICE_COOKIE = "mini_pos_device";
export const ADMIN_DEVICE_COOKIE = "mini_pos_admin_device";
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

/** Whether this device (a valid device token's id) carries the admin mark for that same id. */
export async function isAdminDevice(c: Context<AppEnv>, secret: string, device: string): Promise<boolean> {
  return (await getSignedCookie(c, secret, ADMIN_DEVICE_COOKIE)) === device;
}

/** Marks a device the admin just logged in on (set after the session and device cookies). */
export async function giveAdminMark(c: Context<AppEnv>, secret: string, device: string, secure: boolean): Promise<void> {
  await setSignedCookie(c, ADMIN_DEVICE_COOKIE, device, secret, { httpOnly: true, sameSite: "Strict", path: "/", secure, maxAge: DEVICE_DAYS * 24 * 3600 });
}
