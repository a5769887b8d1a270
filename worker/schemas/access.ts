// The admin's PIN change: what /admin sends to set a role's PIN.
import { z } from "zod";
import { NEW_PIN_DIGITS, ROLES, type ChangePinBody } from "../protocol.ts";
import { assertEqual } from "./typeCheck.ts";

/** PINs set on /admin: six digits at least, the length a guesser needs weeks for at the login limit. */
const newPin = z
  .string({ error: "must be a text of 6 to 8 digits" })
  .regex(new RegExp(`^[0-9]{${NEW_PIN_DIGITS.min},${NEW_PIN_DIGITS.max}}$`), `must be ${NEW_PIN_DIGITS.min} to ${NEW_PIN_DIGITS.max} digits`);

export const changePinBodySchema = z.strictObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  pin: newPin,
  /** The admin PIN typed again: a session left open on a laptop is not enough to change PINs. */
  currentAdminPin: z.string({ error: "must be the current admin PIN" }).regex(/^[0-9]{4,8}$/, "must be the current admin PIN (4 to 8 digits)"),
});
assertEqual<z.output<typeof changePinBodySchema>, ChangePinBody>(true);
