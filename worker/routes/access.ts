// The admin's view of access: who is logged in (and ending a session, for a lost phone), and
// whether someone is guessing PINs.
import { Hono } from "hono";
import { z } from "zod";
import { endSessions, requireRole, type AppEnv } from "../auth/session.ts";
import { listOpenSessions } from "../auth/sessionStore.ts";
import { deviceLabel } from "../auth/deviceLabel.ts";
import { PIN_LIMITS, readPinAttackStatus } from "../auth/pinThrottle.ts";
import { refusedLogins } from "../auth/attackLog.ts";
import { openDb } from "../db/queries.ts";
import { ApiError } from "../errors.ts";
import type { SecurityStatus, SessionInfo } from "../protocol.ts";
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
  .get("/security", requireRole("access.manage"), async (c) => {
    const now = Date.now();
    const pins = await readPinAttackStatus(c.env.DB, now);
    const status: SecurityStatus = {
      wrongPins: { lastMinute: pins.wrongLastMinute, last10Minutes: pins.wrongLast10Minutes, lastHour: pins.wrongLastHour, lastAt: pins.lastWrongAt },
      refusedLoginsLastHour: refusedLogins(now, 60),
      newDevicesBlocked: pins.unknownDevicesBlocked,
      limits: { newDevicesPerMinute: PIN_LIMITS.unknownPerMinute, perKnownDevicePerMinute: PIN_LIMITS.perDevicePerMinute, knownDevicesPerMinute: PIN_LIMITS.knownPerMinute },
    };
    return c.json(status);
  });
