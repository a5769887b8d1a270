// Who approves what a waiter may do only with the admin's word (a void, a free payment, a large
// tip): an admin's session by itself, else the admin PIN typed on the phone for this one request.
// The PIN is checked against the login budget (a wrong one is a guess all the same), then dropped:
// it is never stored and never part of a request's replay hash.
import type { Context } from "hono";
import type { AppEnv } from "./session.ts";
import { checkPin } from "./pinCheck.ts";
import { ApiError } from "../errors.ts";
import { APPROVED_BY_ADMIN_PIN } from "../protocol.ts";

/** The approver's name ("admin PIN" for a typed PIN), or undefined when no PIN was typed; a wrong PIN is 401 (429 once the budget is used). */
export async function adminApproval(c: Context<AppEnv>, adminPin: string | undefined): Promise<string | undefined> {
  const session = c.var.session;
  if (session.role === "admin") return session.name;
  if (adminPin === undefined) return undefined;
  if ((await checkPin(c, adminPin, "adminPin")).role !== "admin") throw new ApiError("WRONG_PIN", "this is not the admin PIN", "adminPin");
  return APPROVED_BY_ADMIN_PIN;
}
