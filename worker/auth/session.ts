// Login sessions: a row in D1 per login (auth/sessionStore.ts), named by an HttpOnly,
// SameSite=Strict cookie signed with a key kept in D1. Logout and the admin end the row, so a
// copied cookie stops working at once. The row also keeps a tag of the role's PIN: changing a PIN
// ends everyone who logged in with the old one.
import type { Context, MiddlewareHandler } from "hono";
import { getSignedCookie, setSignedCookie, deleteCookie } from "hono/cookie";
import type { Env } from "../env.ts";
import { ensureSetting } from "../db/settings.ts";
import { resolvePins } from "./pins.ts";
import { loadEvent } from "../config/event.ts";
import { accessSchema, type AccessPins } from "../config/schema.ts";
import { ApiError } from "../errors.ts";
import { can, type Permission } from "./permissions.ts";
import { HTTP_LIMITS, ORDER_LINES_RATE, ORDER_RATE, ROLES, type Role, type Session } from "../protocol.ts";
import { admitLines, admitRequest, personOf, rememberPerson, type Person, type Refusal } from "./personRate.ts";
import { clientAddress } from "./clientAddress.ts";
import { openDb } from "../db/client.ts";
import { coordinator } from "../coordinator/stub.ts";
import { randomId } from "./device.ts";
import { endSessionRows, findSession, touchSession, TOUCH_MS } from "./sessionStore.ts";
import { insertClaimedSession, type NameClaim, type NameScope } from "./nameStore.ts";
import { nameKey } from "./nameKey.ts";

export const SESSION_COOKIE = "mini_pos_session";
const SESSION_DAYS = 4;
/** A session older than this is expired. */
export const SESSION_MAX_MS = SESSION_DAYS * 24 * 3600 * 1000;

export type AppEnv = { Bindings: Env; Variables: { session: ServerSession } };

/** On Cloudflare (`npm run deploy`) the PINs are secrets, not part of the config the worker is bundled with. */
function pinsFromSecrets(env: Env): AccessPins | undefined {
  if (!env.WAITER_PIN && !env.STATION_PIN && !env.ADMIN_PIN) return undefined;
  return accessSchema.parse({ waiterPin: env.WAITER_PIN, stationPin: env.STATION_PIN, adminPin: env.ADMIN_PIN });
}

/** PINs read from D1 are trusted this long: a change on /admin in another isolate shows after it. */
const PINS_CACHE_MS = 2_000;
let pinsCache: { pins: AccessPins; readAt: number } | undefined;

/** The PINs in use (see auth/pins.ts for which win). */
export async function accessPins(env: Env): Promise<AccessPins> {
  const now = Date.now();
  if (pinsCache && now - pinsCache.readAt < PINS_CACHE_MS) return pinsCache.pins;
  const pins = await resolvePins(env.DB, loadEvent(env).config.access ?? pinsFromSecrets(env));
  pinsCache = { pins, readAt: now };
  return pins;
}

/** After a PIN change in this isolate: read them again at once. */
export function forgetPins(): void {
  pinsCache = undefined;
}

let secretCache: string | undefined;
export async function sessionSecret(env: Env): Promise<string> {
  secretCache ??= await ensureSetting(env.DB, "session_secret", () =>
    [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join(""),
  );
  return secretCache;
}

export const pinOfRole: Record<Role, keyof AccessPins> = { waiter: "waiterPin", station: "stationPin", admin: "adminPin" };

export async function roleForPin(env: Env, pin: string): Promise<Role | undefined> {
  const pins = await accessPins(env);
  // Admin first: if two roles share a PIN the stronger one wins.
  return (["admin", "station", "waiter"] as const).find((role) => pins[pinOfRole[role]] === pin);
}

const tagCache = new Map<string, string>();
export async function pinTag(env: Env, role: Role): Promise<string> {
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

export type ServerSession = Session & { id: string };

const isHttps = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

/**
 * Opens a session on the server if the name is still free for it (`claim`, see auth/nameClaim.ts)
 * and gives the browser its signed id (Secure under HTTPS); undefined when another login took the
 * name first. A take-over's ended sessions lose their sockets with the reason.
 */
export async function startSession(c: Context<AppEnv>, session: Session, deviceId: string, claim: NameClaim, scope: NameScope): Promise<ServerSession | undefined> {
  const id = randomId() + randomId();
  const row = {
    id,
    role: session.role,
    name: session.name,
    nameKey: nameKey(session.name),
    deviceId,
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 300),
    pinTag: await pinTag(c.env, session.role),
    createdAt: scope.now,
    lastSeenAt: scope.now,
  };
  const { created, ended } = await insertClaimedSession(c.env.DB, row, claim, scope);
  if (ended.length) await coordinator(c.env).endSessions(ended, claim.takeOver ?? "ended");
  if (!created) return undefined;
  await setSignedCookie(c, SESSION_COOKIE, id, await sessionSecret(c.env), {
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  return { ...session, id };
}

/** Ends sessions on the server and closes their live sockets with the reason. */
export async function endSessions(env: Env, ids: readonly string[], reason: string): Promise<string[]> {
  const ended = await endSessionRows(openDb(env.DB), ids, reason, Date.now());
  if (ended.length) await coordinator(env).endSessions(ended, reason);
  return ended;
}

/** Logout: the session ends on the server, not just in this browser. Counted like any request. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const id = await sessionIdOf(c);
  if (id) {
    const person = personOf(id);
    if (person) refuseOverLimit(c, person, false);
    await endSessions(c.env, [id], "logged out");
  }
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
}

export const sessionEnded = (reason: string) => new ApiError("SESSION_ENDED", `this session was ended (${reason}); log in again`, "", { reason });

export type SessionLookup = { session: ServerSession } | { ended: string } | undefined;

/** The session id of the request's cookie, if this server signed it. */
async function sessionIdOf(c: Context<AppEnv>): Promise<string | undefined> {
  return (await getSignedCookie(c, await sessionSecret(c.env), SESSION_COOKIE)) || undefined;
}

/** 429 when the person is over their requests (or orders) budget (auth/personRate.ts). */
function refuseOverLimit(c: Context<AppEnv>, person: Person, order: boolean): void {
  if (c.env.HTTP_RATE_LIMIT === "off") return;
  refuse(c, admitRequest(person, clientAddress(c.req.raw), order, Date.now()));
}

const LIMITS: Record<Refusal["what"], string> = {
  requests: `at most ${HTTP_LIMITS.perSecond} requests a second`,
  orders: `at most ${ORDER_RATE.perMinute} orders a minute`,
  "order lines": `at most ${ORDER_LINES_RATE.perMinute} order lines a minute`,
};

function refuse(c: Context<AppEnv>, refusal: Refusal | undefined): void {
  if (!refusal) return;
  const { what, retryAfterSeconds } = refusal;
  c.header("Retry-After", String(retryAfterSeconds));
  throw new ApiError("RATE_LIMITED", `too many ${what} from this person or device (${LIMITS[what]}); slow down`, "", { retryAfterSeconds });
}

/** 429 when the order's lines are over its person's budget of lines (auth/personRate.ts); call once the body is valid. */
export function refuseOverLineLimit(c: Context<AppEnv>, lineCount: number): void {
  if (c.env.HTTP_RATE_LIMIT === "off") return;
  const person = personOf(c.var.session.id);
  if (person) refuse(c, admitLines(person, clientAddress(c.req.raw), lineCount, Date.now()));
}

/**
 * The session of this request: open, of the role's current PIN, and not older than SESSION_DAYS.
 * Counted against its person's budget first when this isolate knows who it is (a refused request
 * costs no D1 work), else right after its row is read. `order`: the request places an order.
 */
export async function lookupSession(c: Context<AppEnv>, order = false): Promise<SessionLookup> {
  const id = await sessionIdOf(c);
  if (!id) return undefined;
  const known = personOf(id);
  if (known) refuseOverLimit(c, known, order && can(known.role, "order.place"));
  const db = openDb(c.env.DB);
  const now = Date.now();
  const row = await findSession(db, id, now);
  if (!row || !(ROLES as readonly string[]).includes(row.role)) return undefined;
  const role = row.role as Role;
  if (!known) {
    const person = { role, nameKey: row.nameKey || nameKey(row.name) };
    rememberPerson(id, person);
    refuseOverLimit(c, person, order && can(role, "order.place"));
  }
  if (row.endedAt !== null) return { ended: row.endReason ?? "ended" };
  if (now - row.createdAt > SESSION_MAX_MS) return { ended: "expired" };
  if (row.pinTag !== (await pinTag(c.env, role))) return { ended: "the PIN was changed" };
  if (now - row.lastSeenAt > TOUCH_MS) {
    const touch = touchSession(db, id, now).catch((error) => console.error("session touch failed", error));
    try {
      c.executionCtx.waitUntil(touch);
    } catch {
      await touch; // no execution context (a direct app.fetch in tests)
    }
  }
  return { session: { id, role, name: row.name } };
}

export async function readSession(c: Context<AppEnv>): Promise<ServerSession | undefined> {
  const found = await lookupSession(c);
  return found && "session" in found ? found.session : undefined;
}

/** Middleware: the request needs a session whose role has `permission`. */
export function requireRole(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const found = await lookupSession(c, permission === "order.place");
    if (found && "ended" in found) throw sessionEnded(found.ended);
    const session = found?.session;
    if (!session) throw new ApiError("UNAUTHENTICATED", "log in first");
    if (!can(session.role, permission)) throw new ApiError("FORBIDDEN", `a ${session.role} cannot do this`);
    c.set("session", session);
    await next();
  };
}
