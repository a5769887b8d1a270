// The print requests' schemas (issue 21): a job id in the path, the new job's id in the body.
import { z } from "zod";
import { uuidSchema } from "./common.ts";
import type { PrintRequestBody, ReceiptRequestBody } from "../protocol.ts";

/** A print job's id: a UUID, or the id an order, void or move gave its job (`<order>.<station>.ticket`). */
export const printJobIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, "must be a print job id");
export const printerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, "must be a printer id from config.json");
export const ticketIdSchema = z.string().regex(/^[0-9a-fA-F-]{36}\.[a-z0-9][a-z0-9_-]{0,47}$/, "must be a ticket id such as <order id>.<station>");

export const printRequestBodySchema = z.strictObject({ id: uuidSchema }) satisfies z.ZodType<PrintRequestBody, unknown>;
export const receiptRequestBodySchema = z.strictObject({ id: uuidSchema, business: z.boolean().default(false) }) satisfies z.ZodType<ReceiptRequestBody, unknown>;
export const receiptQuerySchema = z.strictObject({ business: z.enum(["0", "1"]).optional() });
