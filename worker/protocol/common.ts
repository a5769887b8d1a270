// Pieces every part of the protocol uses: roles and the size limits.
export const ROLES = ["waiter", "station", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const MAX_ORDER_LINES = 100;
export const MAX_QTY = 999;
export const MAX_NOTE = 200;
/** A name in the menu (product, category, station) or an event's name, as config.json takes it. */
export const MAX_NAME = 60;
/** Largest request body the API reads; larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;
