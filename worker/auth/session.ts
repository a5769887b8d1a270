// Login sessions: an HttpOnly, SameSite=Strict cookie signed with a key kept in D1, so sessions
// survive a restart. The cookie also carries a tag of the role's PIN: changing a PIN logs out
// everyone who logged in with the old one.
import type { Context, MiddlewareHandler } from "hono";
import { getSignedCookie, setSignedCookie, deleteCookie } from "hono/cookie";
import type { Env } from "../env.ts";
import { ensureSetting } from "../db/settings.ts";
import { resolvePins } from "./pins.ts";
import { loadEvent } from "../config/event.ts";
import type { AccessPins } from "../config/schema.ts";
import { ApiError } from "../errors.ts";
import { can, type Permission } from "./permissions.ts";
import { ROLES, type Role, type Session } from "../protocol.ts";

export const SESSION_COOKIE = "mini_pos_session";
const SESSION_DAYS = 4;

export type AppEnv = { Bindings: Env; Variables: { session: Session } };

let generatedPins: AccessPins | undefined;
/** The PINs in use; generated ones are read from D1 once, as they never change while the server runs. */
async function accessPins(env: Env): Promise<AccessPins> {
  const configured = loadEvent(env).config.access;
  if (configured) return configured;
  generatedPins ??= await resolvePins(env.DB, undefined);
  return generatedPins;
}

let secretCache: string | undefined;
async function sessionSecret(env: Env): Promise<string> {
  secretCache ??= await ensureSetting(env.DB, "session_secret", () =>
    [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join(""),
  );
  return secretCache;
}

const pinOfRole: Record<Role, keyof AccessPins> = { waiter: "waiterPin", station: "stationPin", admin: "adminPin" };

export async function roleForPin(env: Env, pin: string): Promise<Role | undefined> {
  const pins = await accessPins(env);
  // Admin first: if two roles share a PIN the stronger one wins.
  return (["admin", "station", "waiter"] as const).find((role) => pins[pinOfRole[role]] === pin);
}

const tagCache = new Map<string, string>();
async function pinTag(env: Env, role: Role): Promise<string> {
  const pins = await accessPins(env);
  const input = `${await sessionSecret(env)}:${role}:${pins[pinOfRole[role]]}`;
  let tag = tagCache.get(input);
  if (!tag) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input)));
    tag = [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
    tagCache.set(input, tag);
  }
  return tag;
}

export async function startSession(c: Context<AppEnv>, session: Session): Promise<void> {
  const value = [session.role, await pinTag(c.env, session.role), Date.now(), encodeURIComponent(session.name)].join("|");
  await setSignedCookie(c, SESSION_COOKIE, value, await sessionSecret(c.env), {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export async function readSession(c: Context<AppEnv>): Promise<Session | undefined> {
  const value = await getSignedCookie(c, await sessionSecret(c.env), SESSION_COOKIE);
  if (!value) return undefined;
  const [role, tag, issuedAt, name] = value.split("|");
  if (!role || !(ROLES as readonly string[]).includes(role) || !name || !issuedAt) return undefined;
  if (Date.now() - Number(issuedAt) > SESSION_DAYS * 24 * 3600 * 1000) return undefined;
  if (tag !== (await pinTag(c.env, role as Role))) return undefined;
  return { role: role as Role, name: decodeURIComponent(name) };
}

/** Middleware: the request needs a session whose role has `permission`. */
export function requireRole(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await readSession(c);
    if (!session) throw new ApiError("UNAUTHENTICATED", "log in first");
    if (!can(session.role, permission)) throw new ApiError("FORBIDDEN", `a ${session.role} cannot do this`);
    c.set("session", session);
    await next();
  };
}
