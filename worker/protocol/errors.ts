// Error codes, their HTTP status (the only place they map), and the error body every 4xx/5xx carries.
import type { OpenTableBill } from "./events.ts";

/** Closed list of error codes; `codeToStatus` is the only place they map to HTTP status. */
export const ERROR_CODES = [
  "INVALID_INPUT",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "WRONG_PIN",
  "FORBIDDEN",
  "NOT_FOUND",
  "ORDER_ID_CONFLICT",
  "MENU_CHANGED",
  "SOLD_OUT",
  "QUOTA_EXCEEDED",
  "TICKET_NOT_READY",
  "ID_CONFLICT",
  "NOT_OPEN",
  "DEPOSIT_LIMIT",
  "OPEN_BILLS",
  "TOO_MANY_ATTEMPTS",
  "RATE_LIMITED",
  "CROSS_ORIGIN",
  "HOST_NOT_ALLOWED",
  "SESSION_ENDED",
  "NAME_IN_USE",
  "NAME_TOO_SIMILAR",
  "REQUEST_TIMEOUT",
  "TOO_MANY_SOCKETS",
  "CONFIG_INVALID",
  "DISK_FULL",
  "NO_PRINTER",
  "ALREADY_PRINTED",
  "PRINTING_NOW",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const codeToStatus: Record<ErrorCode, 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 429 | 500 | 503 | 507> = {
  INVALID_INPUT: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  WRONG_PIN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_ID_CONFLICT: 409,
  MENU_CHANGED: 409,
  SOLD_OUT: 409,
  QUOTA_EXCEEDED: 409,
  TICKET_NOT_READY: 409,
  ID_CONFLICT: 409,
  NOT_OPEN: 409,
  /** More glasses returned than deposits went out (a deposit return, or a reversal that would leave it so). */
  DEPOSIT_LIMIT: 409,
  /** A new event while tables of the current one have open items (POST /events without openBills). */
  OPEN_BILLS: 409,
  TOO_MANY_ATTEMPTS: 429,
  /** Too many requests or frames from one session or socket in a short time. */
  RATE_LIMITED: 429,
  /** A request that changes data (or opens the stream) from a page of another site. */
  CROSS_ORIGIN: 403,
  /** A Host this server does not answer to (DNS rebinding). */
  HOST_NOT_ALLOWED: 403,
  /** The session was ended on the server (logout, ended by the admin, PIN changed). */
  SESSION_ENDED: 401,
  /** A waiter's name that is logged in on another device (the admin PIN takes it over). */
  NAME_IN_USE: 409,
  /** A name that looks like another one already used in the event ("Anna" with a Cyrillic "А"). */
  NAME_TOO_SIMILAR: 409,
  /** The request body did not arrive in time. */
  REQUEST_TIMEOUT: 408,
  /** The server holds as many live connections as it allows. */
  TOO_MANY_SOCKETS: 503,
  CONFIG_INVALID: 503,
  /** The server's disk is full: nothing new can be stored (507 Insufficient Storage). */
  DISK_FULL: 507,
  /** A print request where config.json names no printer (the station's, payment.receipt_printer). */
  NO_PRINTER: 409,
  /** Cancelling a print job that has printed. */
  ALREADY_PRINTED: 409,
  /** Cancelling a print job while its bytes are going out. */
  PRINTING_NOW: 409,
  INTERNAL: 500,
};

/** What a menu change is: "added" and "renamed" only in a refused menu save (409 on PUT /menu); an order is refused for price, sold_out or removed. */
export const MENU_CHANGE_KINDS = ["price", "sold_out", "removed", "added", "renamed"] as const;
export type MenuChangeKind = (typeof MENU_CHANGE_KINDS)[number];

/** What changed in the menu for one product of a refused order (409 MENU_CHANGED). */
export interface MenuChange {
  product: string;
  name: string;
  kind: MenuChangeKind;
  oldCents?: number;
  newCents?: number;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Where the problem is: a JSON path into the body (`items[2].qty`), or `query.since`, `param.id`. */
    path: string;
    /** INVALID_INPUT of PUT /menu: every problem, each by its path (`path` is the first). */
    problems?: { path: string; message: string }[];
    /** MENU_CHANGED: what changed. QUOTA_EXCEEDED / SOLD_OUT: the products concerned. */
    changes?: MenuChange[];
    products?: { product: string; name: string; left: number }[];
    /** DEPOSIT_LIMIT: each deposit group that is short, and how many of it can still come back. */
    groups?: { group: string; left: number }[];
    /** NOT_OPEN: the lines asked for that are not open (any more) in that amount. */
    lines?: { order: string; line: number; table: string; openQty: number }[];
    /** OPEN_BILLS: each table of the current event with open items, and their value. */
    openBills?: OpenTableBill[];
    /** TOO_MANY_ATTEMPTS, RATE_LIMITED: how long to wait before trying again. */
    retryAfterSeconds?: number;
    /** SESSION_ENDED: why (`logged out`, `ended by <admin>`, `the PIN was changed`, `expired`). */
    reason?: string;
    /** NAME_IN_USE, NAME_TOO_SIMILAR: the name as it is already used in the event. */
    existingName?: string;
  };
}
