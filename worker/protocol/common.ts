// Pieces every part of the protocol uses: roles and the size limits.
export const ROLES = ["waiter", "station", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Line numbers of an order are below this (payments, voids, bumps name lines by number). Orders
 * placed before ORDER_LIMITS had up to 100 lines.
 */
export const MAX_ORDER_LINES = 100;
/** A line's quantity: 1 to MAX_QTY (the phone's input stops there). */
export const MAX_QTY = 999;
/** A line's note: at most MAX_NOTE characters (the phone shows how many are left). */
export const MAX_NOTE = 200;
/**
 * What one order may carry, far above any real order (a table of 30 is about 15 lines, a few
 * notes), low enough that one person cannot swell what every phone loads (issue 23): at most
 * `lines` lines, `units` items in all (the quantities added up) and `noteChars` characters of
 * notes in all. A line's options must be options of its product (at most 20, the menu's limit).
 */
export const ORDER_LIMITS = { lines: 50, units: 999, noteChars: 1_000 } as const;

/** A name in the menu (product, category, station) or an event's name, as config.json takes it. */
export const MAX_NAME = 60;
/** Largest request body the API reads; larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;
