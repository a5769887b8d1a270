// Who is logged in, whether someone is guessing PINs, and changing a PIN: what the admin page shows and sends.
import type { Role } from "./common.ts";

/**
 * Requests one person may send, whatever sessions they hold: a burst, then so many a second (429
 * RATE_LIMITED beyond). Counted once for the name (per role) and once for the device's address
 * (auth/personRate.ts); a phone in normal use sends a few a second, a reload a few dozen.
 */
export const HTTP_LIMITS = { burst: 100, perSecond: 50 } as const;

/**
 * Orders (POST /orders) one person may send, counted like HTTP_LIMITS: a burst, then so many a
 * minute. A busy waiter sends a few a minute, and a phone's outbox after a long WiFi outage a few
 * dozen at once; the soak's busiest hour is 28 a minute per waiter.
 */
export const ORDER_RATE = { burst: 30, perMinute: 60 } as const;
/**
 * Order lines per person (issue 23): a first 300, then 150 a minute. Every open line is held in
 * memory and read by each station screen that connects; 60 orders of 50 lines a minute let one
 * person add 3,000 a minute. A waiter at a full table orders a few dozen a minute, a phone catching
 * up after an outage a few hundred at once.
 */
export const ORDER_LINES_RATE = { burst: 300, perMinute: 150 } as const;

/** PINs set on /admin: six digits at least, the length a guesser needs weeks for at the login limit. */
export const NEW_PIN_DIGITS = { min: 6, max: 8 } as const;

export interface ChangePinBody {
  role: Role;
  /** The new PIN: NEW_PIN_DIGITS digits. */
  pin: string;
  /** The admin PIN typed again: a session left open on a laptop is not enough to change PINs. */
  currentAdminPin: string;
}

export interface SessionInfo {
  id: string;
  name: string;
  role: Role;
  /** A short label of the browser and system ("Android · Chrome"), from the user agent. */
  device: string;
  createdAt: number;
  lastSeenAt: number;
  /** The session this list was asked with is one of this row's. */
  current: boolean;
  /**
   * Open sessions of this name and role on this device: the row stands for all of them (the one
   * seen last), and ending it ends them all. A login flood shows as one row with a large count.
   */
  sessions: number;
  /** Orders and payments under this name in the current event: a waiter at work has some. */
  orders: number;
  payments: number;
}

/** GET /sessions: one page of rows, stations and admins first, then names with orders or payments. */
export interface SessionList {
  sessions: SessionInfo[];
  /** Rows on all pages. */
  total: number;
  page: number;
  pageSize: number;
}

/** Rows of GET /sessions per page. */
export const SESSION_PAGE_SIZE = 50;

export interface SecurityStatus {
  /** Wrong PINs compared by the server (logins and void approvals). */
  wrongPins: { lastMinute: number; last10Minutes: number; lastHour: number; lastAt: number | null };
  /** When a write last failed because the server's disk is full (since the last restart), else null. */
  diskFullAt: number | null;
  /** Logins refused by the limit in the last hour (since the last restart). */
  refusedLoginsLastHour: number;
  /** Devices that never logged in here must wait: someone is guessing. */
  newDevicesBlocked: boolean;
  /** The limits, so the page can say what they are. */
  limits: { newDevicesPerMinute: number; perKnownDevicePerMinute: number; knownDevicesPerMinute: number };
}
