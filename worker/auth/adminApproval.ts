// Who approves what a waiter may do only with the admin's word (a void, a free payment, a large
// tip): an admin's session by itself, else the admin PIN typed on the phone for this one request.
// The PIN is checked against a budget of wrong PINs (a wrong one is a guess all the same), then
// dropped: it is never stored and never part of a request's replay hash. The budget is the one of
// waiters' sessions (auth/pinThrottle.ts, "approval"), counted per the device the session logged in
// on: an insider who types wrong admin PINs uses up his own device's and the waiters' budget, never
// the one the organiser's devices log in and approve with.
import type { Context } from "hono";
import type { AppEnv } from "./session.ts";
import { checkPin } from "./pinCheck.ts";
import { findSession } from "./sessionStore.ts";
import { openDb } from "../db/client.ts";
import { ApiError } from "../errors.ts";
import { APPROVED_BY_ADMIN_PIN } from "../protocol.ts";

/** The approver's name ("admin PIN" for a typed PIN), or undefined when no PIN was typed; a wrong PIN is 401 (429 once the budget is used). */
export async function adminApproval(c: Context<AppEnv>, adminPin: string | undefined): Promise<string | undefined> {
  const session = c.var.session;
  if (session.role === "admin") return session.name;
  if (adminPin === undefined) return undefined;
  // The session's own device (a cookie of this request could be left out); the row was just read, so this is its cache.
  const device = (await findSession(openDb(c.env.DB), session.id, Date.now()))?.deviceId ?? session.id;
  if ((await checkPin(c, adminPin, "adminPin", { pool: "approval", device })).role !== "admin") throw new ApiError("WRONG_PIN", "this is not the admin PIN", "adminPin");
  return APPROVED_BY_ADMIN_PIN;
}
