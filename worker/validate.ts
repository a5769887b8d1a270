// Request validation: zod schemas through @hono/zod-validator, with failures in the API's error body.
import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import { ApiError } from "./errors.ts";
import { issuePath } from "./schemas.ts";

type Target = "json" | "query" | "param";

/** Validates one part of the request; the first problem becomes a 400 naming its path. */
export function valid<T extends ZodType, Tg extends Target>(target: Tg, schema: T) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0]!;
    const path = issuePath(issue);
    const where = target === "json" ? path : `${target}.${path === "(root)" ? "" : path}`.replace(/\.$/, "");
    throw new ApiError("INVALID_INPUT", issue.message, where);
  });
}
