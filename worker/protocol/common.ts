// Pieces every part of the protocol uses: roles, ids, names, and the size limits.
// Common pieces
import { z } from "zod";

export const ROLES = ["waiter", "station", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Ids are compared in one canonical form (lower case), so the same UUID in another case is the same id. */
export const uuidSchema = z.uuid({ error: "must be a UUID such as 7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7a" }).transform((id) => id.toLowerCase());
export const personNameSchema = z
  .string({ error: "must be a text" })
  .trim()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters")
  .refine((s) => !/[\u0000-\u001f\u007f<>]/.test(s), "must not contain control characters or < >");

export const MAX_ORDER_LINES = 100;
export const MAX_QTY = 999;
export const MAX_NOTE = 200;
/** Largest request body the API reads; larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;
