// The admin's view of access: who is logged in (and ending a session, for a lost phone), changing
// a role's PIN (which ends that role's sessions), and whether someone is guessing PINs.
import { Hono } from "hono";
import { z } from "zod";
import { accessPins, endSessions, forgetPins, pinOfRole, pinTag, requireRole, type AppEnv } from "../auth/session.ts";
import { listOpenSessions, sessionsOfOtherPin } from "../auth/sessionStore.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { writeChangedPins } from "../auth/pins.ts";
import { deviceLabel } from "../auth/deviceLabel.ts";
import { PIN_LIMITS, readPinAttackStatus } from "../auth/pinThrottle.ts";
import { refusedLogins } from "../auth/attackLog.ts";
import { openDb } from "../db/client.ts";
import { ApiError, lastDiskFullAt } from "../errors.ts";
import { ROLES, type SecurityStatus, type SessionInfo } from "../protocol.ts";
import { changePinBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

/** Sessions not seen for this long are left out of the list (a phone put away hours ago). */
const LIST_SINCE_MS = 24 * 3600 * 1000;
const sessionParam = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/, "must be a session id from GET /sessions") });

export const accessRoutes = new Hono<AppEnv>()
  .get("/sessions", requireRole("access.manage"), async (c) => {
    const rows = await listOpenSessions(openDb(c.env.DB), Date.now() - LIST_SINCE_MS);
    const sessions: SessionInfo[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role as SessionInfo["role"],
      device: deviceLabel(r.userAgent),
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      current: r.id === c.var.session.id,
    }));
    return c.json({ sessions });
  })
  .post("/sessions/:id/end", requireRole("access.manage"), valid("param", sessionParam), async (c) => {
    const { id } = c.req.valid("param");
    const ended = await endSessions(c.env, [id], `ended by ${c.var.session.name}`);
    if (ended.length === 0) throw new ApiError("NOT_FOUND", "no open session with this id", "param.id");
    return c.json({ ended: id });
  })
  .put("/access/pins", requireRole("access.manage"), valid("json", changePinBodySchema), async (c) => {
    const { role, pin, currentAdminPin } = c.req.valid("json");
    if ((await checkPin(c, currentAdminPin, "currentAdminPin")).role !== "admin") throw new ApiError("WRONG_PIN", "this is not the current admin PIN", "currentAdminPin");
    const pins = await accessPins(c.env);
    const clash = ROLES.find((other) => other !== role && pins[pinOfRole[other]] === pin);
    if (clash) throw new ApiError("INVALID_INPUT", `this is the ${clash} PIN; each role needs a PIN of its own`, "pin");
    await writeChangedPins(c.env.DB, { ...pins, [pinOfRole[role]]: pin });
    forgetPins();
    // Everyone of this role who logged in with the old PIN is out at once, their screens included.
    const db = openDb(c.env.DB);
    const stale = await sessionsOfOtherPin(db, role, await pinTag(c.env, role));
    const ended = await endSessions(c.env, stale, "the PIN was changed");
    return c.json({ role, endedSessions: ended.length });
  })
  .get("/security", requireRole("access.manage"), async (c) => {
    const now = Date.now();
    const pins = await readPinAttackStatus(c.env.DB, now);
    const status: SecurityStatus = {
      wrongPins: { lastMinute: pins.wrongLastMinute, last10Minutes: pins.wrongLast10Minutes, lastHour: pins.wrongLastHour, lastAt: pins.lastWrongAt },
      diskFullAt: lastDiskFullAt(),
      refusedLoginsLastHour: refusedLogins(now, 60),
      newDevicesBlocked: pins.unknownDevicesBlocked,
      limits: { newDevicesPerMinute: PIN_LIMITS.unknownPerMinute, perKnownDevicePerMinute: PIN_LIMITS.perDevicePerMinute, knownDevicesPerMinute: PIN_LIMITS.knownPerMinute },
    };
    return c.json(status);
  });
