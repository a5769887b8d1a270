// Request bodies and queries of the money endpoints: payments, voids, moves and settlements.
import { z } from "zod";
import {
  COUNTER_BILL_NAME,
  MAX_CENTS,
  MAX_ORDER_LINES,
  MAX_QTY,
  PAYMENT_METHODS,
  VOID_REASONS,
  type DepositReturnInput,
  type ItemRef,
  type MoveBody,
  type PayBody,
  type ReverseBody,
  type SettlementBody,
  type VoidBody,
} from "../protocol.ts";
import { personNameSchema, plainTextSchema, uuidSchema } from "./common.ts";
import { assertEqual } from "./typeCheck.ts";

const centsSchema = (what: string) =>
  z
    .number({ error: `must be ${what} in whole cents, such as 1250 for 12.50` })
    .int(`must be ${what} in whole cents, such as 1250 for 12.50`)
    .min(0, "must not be negative")
    .max(MAX_CENTS, `must be at most ${MAX_CENTS} cents`);
const lineNumber = z.number({ error: "must be a line number" }).int("must be a line number").min(0).max(MAX_ORDER_LINES - 1);
const qtySchema = z.number({ error: "must be a whole number from 1 to 999" }).int("must be a whole number from 1 to 999").min(1, "must be at least 1").max(MAX_QTY, "must be at most 999");
/** A table's name, or a counter order's own bill: "#" and the order's id (issue 22, protocol/counter.ts). */
export const tableNameSchema = z
  .string({ error: "must be a table name" })
  .min(1)
  .refine((t) => t.length <= 16 || COUNTER_BILL_NAME.test(t), "must be a table name (at most 16 characters) or a counter order's bill (\"#\" and the order's id in lower case)");
/** Typed on a waiter's phone for one void, free payment or large tip; checked by the route, never stored or hashed. */
const adminPinSchema = z.string({ error: "must be the admin PIN" }).regex(/^[0-9]{4,8}$/, "must be the admin PIN (4 to 8 digits)");

/** Some quantity of one line of one order. */
export const itemRefSchema = z.strictObject({ order: uuidSchema, line: lineNumber, qty: qtySchema });
assertEqual<z.output<typeof itemRefSchema>, ItemRef>(true);

/** Glasses back by deposit group; `{ product, qty }` as phones sent it before groups (their outbox may still hold such). */
const depositReturnSchema = z
  .strictObject({ group: z.string().trim().min(1).max(60).optional(), product: z.string().min(1).max(48).optional(), qty: qtySchema })
  .refine((r) => (r.group === undefined) !== (r.product === undefined), { message: "must name a deposit group (group) or, as before groups, a product", path: ["group"] })
  .transform((r): DepositReturnInput => (r.group !== undefined ? { group: r.group, qty: r.qty } : { product: r.product!, qty: r.qty }));

export const payBodySchema = z
  .strictObject({
    id: uuidSchema,
    table: tableNameSchema,
    method: z.enum(PAYMENT_METHODS, { error: `must be one of ${PAYMENT_METHODS.join(", ")}` }),
    items: z
      .array(itemRefSchema)
      .max(MAX_ORDER_LINES * 2, "a payment has at most 200 lines")
      .refine((l) => new Set(l.map((i) => `${i.order}.${i.line}`)).size === l.length, "must name each line of an order once"),
    tenderedCents: centsSchema("the amount handed over").optional(),
    tipCents: centsSchema("the tip").optional(),
    depositReturns: z
      .array(depositReturnSchema)
      .max(20)
      .refine((l) => new Set(l.map((d) => ("group" in d ? `group ${d.group}` : d.product))).size === l.length, "must name each deposit group (or product) once")
      .optional(),
    /** Why it is free (method "free": helpers, the band); required there. */
    reason: plainTextSchema(120).optional(),
    /** A waiter's free payment, or a tip above the limit, needs the admin PIN typed for it. */
    adminPin: adminPinSchema.optional(),
  })
  .refine((b) => b.items.length > 0 || (b.depositReturns?.length ?? 0) > 0, { message: "a payment needs at least one item or a deposit return", path: ["items"] })
  .refine((b) => b.method !== "free" || b.reason !== undefined, { message: 'a free payment needs a reason (who it is for)', path: ["reason"] });
assertEqual<z.output<typeof payBodySchema>, PayBody>(true);

export const voidBodySchema = z.strictObject({
  id: uuidSchema,
  order: uuidSchema,
  line: lineNumber,
  qty: qtySchema,
  reason: z.enum(VOID_REASONS, { error: `must be one of ${VOID_REASONS.join(", ")}` }),
  note: plainTextSchema(200).optional(),
  /** The table whose bill holds the items; needed only when a move split the line over tables. */
  table: tableNameSchema.optional(),
  /** A waiter's void needs the admin PIN, typed for this one void. */
  adminPin: adminPinSchema.optional(),
});
assertEqual<z.output<typeof voidBodySchema>, VoidBody>(true);

export const reverseBodySchema = z.strictObject({ reason: plainTextSchema(200) });
assertEqual<z.output<typeof reverseBodySchema>, ReverseBody>(true);

export const moveBodySchema = z.strictObject({
  id: uuidSchema,
  to: tableNameSchema,
  /** What to move; without it every open item of the table moves. */
  items: z
    .array(itemRefSchema)
    .min(1, "name at least one item, or leave items out to move the whole table")
    .max(MAX_ORDER_LINES * 2)
    .refine((l) => new Set(l.map((i) => `${i.order}.${i.line}`)).size === l.length, "must name each line of an order once")
    .optional(),
});
assertEqual<z.output<typeof moveBodySchema>, MoveBody>(true);

export const settlementBodySchema = z.strictObject({
  id: uuidSchema,
  waiter: personNameSchema,
  /** Change money handed out to the waiter at the start of the shift. */
  floatCents: centsSchema("the float"),
  /** Cash the organiser counted from the waiter, float included. */
  countedCents: centsSchema("the counted cash"),
});
assertEqual<z.output<typeof settlementBodySchema>, SettlementBody>(true);

export const paymentQuerySchema = z.strictObject({
  table: tableNameSchema.optional(),
  waiter: z.string().min(1).max(40).optional(),
});
