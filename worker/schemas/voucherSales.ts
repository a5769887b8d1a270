// The request body of POST /voucher-sales (vouchers sold at a cash desk, issue 22), checked by
// path; the output is exactly the protocol's VoucherSaleBody.
import { z } from "zod";
import { ID_PATTERN } from "../config/schema.ts";
import { MAX_CENTS, VOUCHER_SALE_METHODS, type VoucherSaleBody } from "../protocol.ts";
import { uuidSchema } from "./common.ts";
import { assertEqual } from "./typeCheck.ts";

const cents = (what: string, min: number) =>
  z
    .number({ error: `must be ${what} in whole cents, such as 1000 for 10.00` })
    .int(`must be ${what} in whole cents, such as 1000 for 10.00`)
    .min(min, min > 0 ? `must be at least ${min} cent` : "must not be negative")
    .max(MAX_CENTS, `must be at most ${MAX_CENTS} cents`);

export const voucherSaleBodySchema = z.strictObject({
  id: uuidSchema,
  counter: z.string({ error: "must be a counter id from config.json" }).regex(ID_PATTERN, "must be a counter id from config.json"),
  method: z.enum(VOUCHER_SALE_METHODS, { error: `must be one of ${VOUCHER_SALE_METHODS.join(", ")}` }),
  amountCents: cents("the vouchers' value", 1),
  tenderedCents: cents("the cash handed over", 0).optional(),
});
assertEqual<z.output<typeof voucherSaleBodySchema>, VoucherSaleBody>(true);

export const voucherSaleQuerySchema = z.strictObject({ waiter: z.string().min(1).max(40).optional() });
