// Request bodies and queries of the login, order and station endpoints.
import { z } from "zod";
import { MAX_NOTE, MAX_QTY, ORDER_LIMITS, type AvailabilityBody, type LoginBody, type OrderLine, type PlaceOrderBody } from "../protocol.ts";
import { loginNameSchema, plainTextSchema, uuidSchema } from "./common.ts";
import { assertEqual } from "./typeCheck.ts";

export const loginBodySchema = z.strictObject({
  name: loginNameSchema,
  pin: z.string({ error: "must be a text of 4 to 8 digits" }).regex(/^[0-9]{4,8}$/, "must be 4 to 8 digits"),
  /** Only to take over a waiter's name that is in use on another device (409 NAME_IN_USE without it). */
  adminPin: z.string({ error: "must be the admin PIN" }).regex(/^[0-9]{4,8}$/, "must be the admin PIN (4 to 8 digits)").optional(),
});
assertEqual<z.output<typeof loginBodySchema>, LoginBody>(true);

export const orderLineSchema = z.strictObject({
  product: z.string({ error: "must be a product id" }).min(1).max(48),
  qty: z
    .number({ error: "must be a whole number from 1 to 999" })
    .int("must be a whole number from 1 to 999")
    .min(1, "must be at least 1")
    .max(MAX_QTY, "must be at most 999"),
  // Kept as typed (no trim): the order's replay hash was always taken over the note as sent.
  note: plainTextSchema(MAX_NOTE, { allowAngles: true, allowEmpty: true, keepSpaces: true }).optional(),
  options: z
    .array(z.string().max(40))
    .max(20)
    .refine((list) => new Set(list).size === list.length, "must not name an option twice")
    .optional(),
});
assertEqual<z.output<typeof orderLineSchema>, OrderLine>(true);

/**
 * The order's items and note characters added up (ORDER_LIMITS), refused at the line where the
 * sum goes over: that is the line the phone shows the problem on.
 */
function checkOrderTotals(items: OrderLine[], ctx: z.RefinementCtx): void {
  let units = 0;
  let noteChars = 0;
  for (const [i, line] of items.entries()) {
    units += line.qty;
    if (units > ORDER_LIMITS.units) {
      ctx.addIssue({ code: "custom", message: `an order has at most ${ORDER_LIMITS.units} items in all (the quantities added up); split it`, path: [i, "qty"] });
      return;
    }
    noteChars += line.note?.length ?? 0;
    if (noteChars > ORDER_LIMITS.noteChars) {
      ctx.addIssue({ code: "custom", message: `the notes of an order have at most ${ORDER_LIMITS.noteChars} characters in all`, path: [i, "note"] });
      return;
    }
  }
}

export const placeOrderBodySchema = z
  .strictObject({
    id: uuidSchema,
    table: z.string({ error: "must be a table name" }).min(1).max(16).optional(),
    /** Counter service (issue 22): a cash desk's id instead of a table. */
    counter: z.string({ error: "must be a counter id" }).min(1).max(48).optional(),
    menuVersion: z.number({ error: "must be the menu version number" }).int().min(0),
    items: z
      .array(orderLineSchema)
      .min(1, "an order needs at least one line")
      .max(ORDER_LIMITS.lines, `an order has at most ${ORDER_LIMITS.lines} lines`)
      .superRefine(checkOrderTotals),
  })
  .superRefine((body, ctx) => {
    if (body.table !== undefined && body.counter !== undefined)
      ctx.addIssue({ code: "custom", message: "give either a table or a counter, not both", path: ["counter"] });
    else if (body.table === undefined && body.counter === undefined)
      ctx.addIssue({ code: "custom", message: "give the table (table service) or the counter (counter service)", path: ["table"] });
  });
assertEqual<z.output<typeof placeOrderBodySchema>, PlaceOrderBody>(true);

export const availabilityBodySchema = z
  .strictObject({
    soldOut: z.boolean().optional(),
    /** How many are left; null removes the quota. */
    quota: z.number().int().min(0).max(100_000).nullable().optional(),
  })
  .refine((b) => b.soldOut !== undefined || b.quota !== undefined, { message: "give soldOut, quota or both" });
assertEqual<z.output<typeof availabilityBodySchema>, AvailabilityBody>(true);

export const streamQuerySchema = z.strictObject({
  station: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be a station id").optional(),
  since: z
    .string()
    .regex(/^[0-9]{1,15}$/, "must be the last sequence number seen, a whole number")
    .transform(Number)
    .optional(),
  // "tickets": every open order as the station screens and the runners' pickup page need it, also for a
  // waiter's login (a runner); left out, a waiter's socket gets the phone's snapshot.
  view: z.enum(["phone", "tickets"], { error: "must be \"phone\" (the phone's snapshot), \"tickets\" (every open order) or left out" }).optional(),
});

export const ticketQuerySchema = z.strictObject({
  station: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be a station id").optional(),
  state: z.enum(["open", "done", "all"]).default("all"),
  q: z.string().max(40).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "must be a whole number from 1 to 1000")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, "must be a whole number from 1 to 1000")
    .optional(),
});
