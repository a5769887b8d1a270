// One device per waiter in the browser tests. The server lets a waiter's name be logged in on one
// device only (worker/auth/nameClaim.ts): a second phone needs the admin PIN. A test that sets the
// scene through the API as "Anna" and then opens Anna's phone means one person with one phone, so
// both use the device token (mini_pos_device) of Anna's first login. Keyed by host name, as a
// browser keeps cookies (not by port: a test's relay and the server share them).
import type { BrowserContext } from "playwright-core";

export const DEVICE_COOKIE = "mini_pos_device";

/** `host|name` → the cookie "mini_pos_device=…" of that name's device. */
const known = new Map<string, string>();

const keyOf = (base: string, name: string) => `${new URL(base).hostname}|${name.trim()}`;

/** The device cookie of `name` on this server's host, if one of its logins got one. */
export function deviceOf(base: string, name: string): string | undefined {
  return known.get(keyOf(base, name));
}

/** After an API login: keeps the device cookie the server gave (a name's first login). */
export function rememberDevice(base: string, name: string, setCookies: string[]): void {
  const device = setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  if (device) known.set(keyOf(base, name), device);
}

/** Before a browser logs in as `name`: it gets that name's device, when the name logged in before. */
export async function useDeviceOf(context: BrowserContext, base: string, name: string): Promise<void> {
  const device = deviceOf(base, name);
  if (!device) return;
  const value = device.slice(DEVICE_COOKIE.length + 1);
  await context.addCookies([{ name: DEVICE_COOKIE, value, url: new URL(base).origin, httpOnly: true, sameSite: "Strict" }]);
}

/** After a browser's login as `name` was answered: its device is that name's, if the name had none yet. */
export async function noteDeviceOf(context: BrowserContext, base: string, name: string): Promise<void> {
  if (deviceOf(base, name)) return;
  const device = (await context.cookies(new URL(base).origin)).find((c) => c.name === DEVICE_COOKIE);
  if (device) known.set(keyOf(base, name), `${DEVICE_COOKIE}=${device.value}`);
}
