// The limit on PINs tried, kept in D1 so that it holds across restarts, and taken atomically: a
// slot is reserved by one INSERT … WHERE count < limit *before* the PIN is compared, and given
// back when the PIN was right. So parallel guesses cannot all pass a check made before any was
// counted, and at most `PIN_LIMITS` wrong PINs a minute are ever compared, whatever a client does.
//
// Clients are not told apart by address: under miniflare a client can send CF-Connecting-IP
// itself. They are told apart by a signed device token instead (auth/device.ts), given at a right
// login: devices that logged in here before have a pool of their own, so a guesser who fills the
// pool of unknown devices does not lock out the phones and screens of the evening (OWASP's
// "device cookies" against brute force). The waiter PIN is no secret at a festival, though, so an
// insider has known devices too (issue 23): devices the admin logged in on have a pool of their
// own again, and wrong admin PINs typed in a waiter's session (the approval of a void, a free
// payment, a large tip) count against that session's device and a pool of their own, so neither
// reaches the pool the organiser's devices log in and approve with.

export const PIN_LIMITS = {
  windowMs: 60_000,
  /** Wrong PINs a minute from every device that never logged in here, together. */
  unknownPerMinute: 10,
  /** Wrong PINs a minute from one known device … */
  perDevicePerMinute: 5,
  /** … and from all known devices together: with the pool above, at most 20 a minute in all. */
  knownPerMinute: 10,
  /** Wrong PINs a minute from one device the admin logged in on (auth/device.ts) … */
  adminDevicePerMinute: 5,
  /** … and from all of them together: only the admin's own devices can use this pool. */
  adminDevicesPerMinute: 10,
  /** Wrong admin PINs a minute typed in waiters' sessions on one device (every session of the device) … */
  approvalPerDevicePerMinute: 3,
  /** … and in all waiters' sessions together. */
  approvalsPerMinute: 20,
  /** How long tried PINs are kept for the admin's view of an attack. */
  keepMs: 3_600_000,
} as const;

/**
 * The budget a typed PIN counts against: "unknown" (a login from a device without a token),
 * "device" (a login from a known device), "admin-device" (a login or the admin's own PIN change
 * from a device the admin logged in on), "approval" (the admin PIN typed in a waiter's session).
 */
export type PinPool = { pool: "unknown" } | { pool: "device" | "admin-device" | "approval"; device: string };

/** [the pool's limit, one device's limit], per sliding minute. */
const LIMITS: Record<PinPool["pool"], readonly [number, number]> = {
  unknown: [PIN_LIMITS.unknownPerMinute, PIN_LIMITS.unknownPerMinute],
  device: [PIN_LIMITS.knownPerMinute, PIN_LIMITS.perDevicePerMinute],
  "admin-device": [PIN_LIMITS.adminDevicesPerMinute, PIN_LIMITS.adminDevicePerMinute],
  approval: [PIN_LIMITS.approvalsPerMinute, PIN_LIMITS.approvalPerDevicePerMinute],
};

/** Reserves a slot for comparing one PIN; undefined when the pool's limit is reached. */
export async function reservePinAttempt(d1: D1Database, who: PinPool, now: number): Promise<number | undefined> {
  const device = who.pool === "unknown" ? "" : who.device;
  const [poolLimit, deviceLimit] = LIMITS[who.pool];
  const since = now - PIN_LIMITS.windowMs;
  // One statement, so SQLite counts and inserts as one step: no two requests see the same count.
  // (Plain D1 statements: drizzle has no INSERT … SELECT … WHERE.)
  const [, inserted] = await d1.batch<{ id: number }>([
    d1.prepare("DELETE FROM pin_attempts WHERE at < ?").bind(now - PIN_LIMITS.keepMs),
    d1
      .prepare(
        `INSERT INTO pin_attempts (pool, device, at)
         SELECT ?1, ?2, ?3
         WHERE (SELECT count(*) FROM pin_attempts WHERE pool = ?1 AND at > ?4) < ?5
           AND (SELECT count(*) FROM pin_attempts WHERE pool = ?1 AND device = ?2 AND at > ?4) < ?6
         RETURNING id`,
      )
      .bind(who.pool, device, now, since, poolLimit, deviceLimit),
  ]);
  return inserted?.results[0]?.id;
}

/** The PIN was right: it was no guess, so it does not count against anyone. */
export async function releasePinAttempt(d1: D1Database, id: number): Promise<void> {
  await d1.prepare("DELETE FROM pin_attempts WHERE id = ?").bind(id).run();
}

export interface PinAttackStatus {
  /** Wrong PINs compared, from unknown and from known devices. */
  wrongLastMinute: number;
  wrongLast10Minutes: number;
  wrongLastHour: number;
  /** True while unknown devices are refused because their pool is full. */
  unknownDevicesBlocked: boolean;
  /** When the newest wrong PIN was tried (ms), or null. */
  lastWrongAt: number | null;
}

export async function readPinAttackStatus(d1: D1Database, now: number): Promise<PinAttackStatus> {
  const minute = now - PIN_LIMITS.windowMs;
  const row = await d1
    .prepare(
      `SELECT coalesce(sum(at > ?1), 0) AS m, coalesce(sum(at > ?2), 0) AS m10, count(*) AS h,
              coalesce(sum(at > ?1 AND pool = 'unknown'), 0) AS unknown, max(at) AS last
       FROM pin_attempts WHERE at > ?3`,
    )
    .bind(minute, now - 600_000, now - PIN_LIMITS.keepMs)
    .first<{ m: number; m10: number; h: number; unknown: number; last: number | null }>();
  return {
    wrongLastMinute: row?.m ?? 0,
    wrongLast10Minutes: row?.m10 ?? 0,
    wrongLastHour: row?.h ?? 0,
    unknownDevicesBlocked: (row?.unknown ?? 0) >= PIN_LIMITS.unknownPerMinute,
    lastWrongAt: row?.last ?? null,
  };
}
