// Logins and their limits, and the settings that must survive a restart (session key, PINs).
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/** Secrets and generated values that must survive a restart (session key, generated PINs). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Logins, kept on the server so that a session can be ended: by logout, by the admin (a lost
 * phone), or by a PIN change. The cookie holds only the signed id.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    role: text("role").notNull(),
    name: text("name").notNull(),
    /** The name's look-alike key (auth/nameKey.ts): a login whose key is taken by another name is refused. */
    nameKey: text("name_key").notNull().default(""),
    /** The signed device token's id: the same phone keeps it across logins. */
    deviceId: text("device_id").notNull(),
    userAgent: text("user_agent").notNull(),
    /** A tag of the role's PIN at login: a session of an older PIN is no session. */
    pinTag: text("pin_tag").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("sessions_open").on(t.endedAt, t.lastSeenAt)],
);

/**
 * One row per PIN tried and not (yet) found right, for the login limit. A row is written before
 * the PIN is compared (so parallel guesses cannot all pass the check) and removed again when the
 * PIN was right. In D1, so the limit holds across restarts of the server and of the coordinator.
 */
export const pinAttempts = sqliteTable(
  "pin_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** "unknown", "device", "admin-device" or "approval" (auth/pinThrottle.ts's PinPool). */
    pool: text("pool").notNull(),
    /** The device id; empty in the "unknown" pool. */
    device: text("device").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("pin_attempts_pool_at").on(t.pool, t.at)],
);
