// Schemas every request uses: ids and the texts people read on other screens.
import { z } from "zod";
import { forbiddenTextProblem } from "../protocol.ts";

/** Ids are compared in one canonical form (lower case), so the same UUID in another case is the same id. */
export const uuidSchema = z.uuid({ error: "must be a UUID such as 7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7a" }).transform((id) => id.toLowerCase());

/** A one-line text that people read on other screens: trimmed, within `max`, no forbidden characters. */
export function plainTextSchema(max: number, options: { allowAngles?: boolean; allowEmpty?: boolean; keepSpaces?: boolean } = {}) {
  const text = z.string({ error: "must be a text" });
  const base = options.keepSpaces ? text : text.trim();
  const sized = (options.allowEmpty ? base : base.min(1, "must not be empty")).max(max, `must be at most ${max} characters`);
  return sized.superRefine((s, ctx) => {
    const problem = forbiddenTextProblem(s, options.allowAngles ?? false);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const personNameSchema = plainTextSchema(40);
