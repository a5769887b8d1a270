// A waiter's name is theirs: the rules a login's name passes after its PIN was right. Payments,
// settlements and the CSV are grouped by name, so (1) a name that only looks like one already used
// in the event ("anna", "Аnna" with a Cyrillic А, for "Anna") is refused, naming the one in use, and
// (2) a waiter's name logged in on another device is not taken without the admin: the admin PIN
// typed as well takes it over (the other device is logged out), or the organiser ends the old
// session on /admin. The same device logs in again as often as it likes (a reload, a new tab).
// Station screens share names ("Bar") and are exempt; an admin's name must not look like another.
import type { Context } from "hono";
import { ApiError } from "../errors.ts";
import { loadEvent } from "../config/event.ts";
import type { Role } from "../protocol.ts";
import { checkPin } from "./pinCheck.ts";
import { looksAlike } from "./nameKey.ts";
import { liveSessionsElsewhere, namesUsedInEvent, type NameClaim, type NameScope } from "./nameStore.ts";
import { pinTag, SESSION_MAX_MS, startSession, type AppEnv, type ServerSession } from "./session.ts";

/** The reason the old device's sessions end with (SESSION_ENDED `reason`, the socket's close reason). */
export const TAKEN_OVER = "taken over on another device with the admin PIN";

export interface LoginRequest {
  name: string;
  role: Role;
  deviceId: string;
  adminPin: string | undefined;
}

const tooSimilar = (name: string, existing: string) =>
  new ApiError("NAME_TOO_SIMILAR", `"${name}" looks like "${existing}", which is already used in this event: pick another name or log in as "${existing}"`, "name", {
    existingName: existing,
  });

const inUse = (name: string) =>
  new ApiError(
    "NAME_IN_USE",
    `"${name}" is logged in on another phone. To use this name here, type the admin PIN as well (the other phone is logged out), or ask the organiser to log the other phone out on /admin, page "Logged in" ("Angemeldet"); or pick another name`,
    "name",
    { existingName: name },
  );

async function nameScope(c: Context<AppEnv>): Promise<NameScope> {
  const now = Date.now();
  const tags = [await pinTag(c.env, "waiter"), await pinTag(c.env, "admin")] as const;
  return { eventId: loadEvent(c.env).config.id, now, cutoff: now - SESSION_MAX_MS, tags };
}

/** The rules this login's name is written on; throws the refusal a person should read. */
async function claimFor(c: Context<AppEnv>, login: LoginRequest, scope: NameScope): Promise<NameClaim> {
  if (login.role === "station") return { alone: false, distinct: false };
  const used = (await namesUsedInEvent(c.env.DB, scope)).sort();
  // A name already used as it is belongs to someone: no look-alike rule for it (even if older data holds a look-alike).
  const known = used.includes(login.name);
  const similar = known ? undefined : used.find((name) => looksAlike(login.name, name));
  if (similar !== undefined) throw tooSimilar(login.name, similar);
  if (login.role !== "waiter") return { alone: false, distinct: !known };
  const elsewhere = await liveSessionsElsewhere(c.env.DB, login.name, login.deviceId, scope);
  if (elsewhere.length === 0) return { alone: true, distinct: !known };
  if (login.adminPin === undefined) throw inUse(login.name);
  // A wrong admin PIN counts against the login limit like any other guess (auth/pinCheck.ts).
  if ((await checkPin(c, login.adminPin, "adminPin")).role !== "admin") throw new ApiError("WRONG_PIN", "this is not the admin PIN", "adminPin");
  return { alone: true, distinct: !known, takeOver: TAKEN_OVER };
}

/** Starts the session of a login whose PIN was right, if its name passes the rules above. */
export async function startNamedSession(c: Context<AppEnv>, login: LoginRequest): Promise<ServerSession> {
  const scope = await nameScope(c);
  const claim = await claimFor(c, login, scope);
  const session = await startSession(c, { name: login.name, role: login.role }, login.deviceId, claim, scope);
  if (session) return session;
  // Another login took the name (or a look-alike of it) between the check and the write: say which.
  await claimFor(c, { ...login, adminPin: undefined }, await nameScope(c));
  throw inUse(login.name);
}
