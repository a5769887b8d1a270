// The body of POST /events and the `?event=` query that sends a bill read, a payment or a void to
// an earlier event of the box (protocol/events.ts).
import { z } from "zod";
import { ID_PATTERN } from "../config/schema.ts";
import { OPEN_BILLS_CHOICES, type NewEventBody } from "../protocol.ts";
import { assertEqual } from "./typeCheck.ts";
import { plainTextSchema } from "./common.ts";

const eventIdSchema = (what: string) =>
  z.string({ error: what }).regex(ID_PATTERN, "must be 1–48 characters of a–z, 0–9, '-' or '_', starting with a letter or digit");

export const newEventBodySchema = z.strictObject({
  id: eventIdSchema("must be an event id"),
  name: plainTextSchema(60),
  openBills: z.enum(OPEN_BILLS_CHOICES, { error: `must be "keep": the open bills stay payable in the event that ends` }).optional(),
});
assertEqual<z.output<typeof newEventBodySchema>, NewEventBody>(true);

/** `?event=<id>`: an earlier event of this box instead of the current one. */
export const earlierEventQuerySchema = z.strictObject({ event: eventIdSchema("must be an event id").optional() });
