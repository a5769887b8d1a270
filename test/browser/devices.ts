// One device per waiter in the browser tests. The server lets a waiter's name be logged in on one
// device only (worker/auth/nameClaim.ts): a second phone needs the admin PIN. A test that sets the
// scene through the API as "Anna" and then opens Anna's phone means one person with one phone, so
// both use the device token (mini_pos_device) of Anna's first login. Keyed by host name, as a
// browser keeps cookies (not by port: a test's relay and the server share them).
import type { BrowserContext } from "playwright-core";

export const DEVICE_COOKIE = "mini_pos_device";

/** `host|name` → the cookie "mini_pos_device=…" of that name's device. */
const known = new Map<string, string>();
/** `host|name` → the browser that logged in as the name before its device was known: its cookie, once it has one. */
const pending = new Map<string, BrowserContext>();

const keyOf = (base: string, name: string) => `${new URL(base).hostname}|${name.trim()}`;

/** The device cookie of `name` on this server's host, if one of its logins got one. */
export async function deviceOf(base: string, name: string): Promise<string | undefined> {
  const key = keyOf(base, name);
  const context = pending.get(key);
  if (!known.has(key) && context) {
    const cookies = await context.cookies(new URL(base).origin).catch(() => []);
    const device = cookies.find((c) => c.name === DEVICE_COOKIE);
    if (device) {
      known.set(key, `${DEVICE_COOKIE}=${device.value}`);
      pending.delete(key);
    }
  }
  return known.get(key);
}

/** After an API login: keeps the device cookie the server gave (a name's first login). */
export function rememberDevice(base: string, name: string, setCookies: string[]): void {
  const device = setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  if (device) known.set(keyOf(base, name), device);
}

/** Before a browser logs in as `name`: it becomes that name's device (or its own device becomes the name's). */
export async function useDeviceOf(context: BrowserContext, base: string, name: string): Promise<void> {
  const device = await deviceOf(base, name);
  if (!device) {
    pending.set(keyOf(base, name), context);
    return;
  }
  const value = device.slice(DEVICE_COOKIE.length + 1);
  await context.addCookies([{ name: DEVICE_COOKIE, value, url: new URL(base).origin, httpOnly: true, sameSite: "Strict" }]);
}
