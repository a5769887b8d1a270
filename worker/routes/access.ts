// The admin's view of access: who is logged in (and ending a session, for a lost phone), changing
// a role's PIN (which ends that role's sessions), and whether someone is guessing PINs.
import { Hono } from "hono";
import { z } from "zod";
import { accessPins, endSessions, forgetPins, pinOfRole, pinTag, requireRole, type AppEnv } from "../auth/session.ts";
import { listSessionGroups, openSessionsLike, sessionsOfOtherPin } from "../auth/sessionStore.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { writeChangedPins } from "../auth/pins.ts";
import { deviceLabel } from "../auth/deviceLabel.ts";
import { PIN_LIMITS, readPinAttackStatus } from "../auth/pinThrottle.ts";
import { refusedLogins } from "../auth/attackLog.ts";
import { openDb } from "../db/client.ts";
import { ApiError, lastDiskFullAt } from "../errors.ts";
import { loadEvent } from "../config/event.ts";
import { ROLES, SESSION_PAGE_SIZE, type SecurityStatus, type SessionInfo, type SessionList } from "../protocol.ts";
import { changePinBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

/** Sessions not seen for this long are left out of the list (a phone put away hours ago). */
const LIST_SINCE_MS = 24 * 3600 * 1000;
const sessionParam = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/, "must be a session id from GET /sessions") });
const pageQuery = z.strictObject({ page: z.string().regex(/^\d{1,4}$/, "must be a page number from 0").transform(Number).optional() });

export const accessRoutes = new Hono<AppEnv>()
  .get("/sessions", requireRole("access.manage"), valid("query", pageQuery), async (c) => {
    const page = c.req.valid("query").page ?? 0;
    const query = { since: Date.now() - LIST_SINCE_MS, eventId: loadEvent(c.env).config.id, currentId: c.var.session.id, limit: SESSION_PAGE_SIZE, offset: page * SESSION_PAGE_SIZE };
    const rows = await listSessionGroups(openDb(c.env.DB), query);
    const sessions: SessionInfo[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role as SessionInfo["role"],
      device: deviceLabel(r.userAgent),
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      current: r.current > 0,
      sessions: r.sessions,
      orders: r.orders,
      payments: r.payments,
    }));
    const list: SessionList = { sessions, total: rows[0]?.total ?? 0, page, pageSize: SESSION_PAGE_SIZE };
    return c.json(list);
  })
  .post("/sessions/:id/end", requireRole("access.manage"), valid("param", sessionParam), async (c) => {
    const { id } = c.req.valid("param");
    // The row stands for every open session of its name and role on its device: all of them end
    // (but never the admin's own, which may be among them).
    const like = (await openSessionsLike(openDb(c.env.DB), id)).filter((s) => s !== c.var.session.id || s === id);
    const ended = await endSessions(c.env, like.length ? like : [id], `ended by ${c.var.session.name}`);
    if (!ended.includes(id)) throw new ApiError("NOT_FOUND", "no open session with this id", "param.id");
    return c.json({ ended: id, endedSessions: ended.length });
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
