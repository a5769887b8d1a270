// Checking a typed PIN against the login throttle: used by login and by a waiter's void, which
// asks for the admin PIN; both are places where a PIN could be guessed, so both count wrong tries.
import type { Context } from "hono";
import { roleForPin, type AppEnv } from "./session.ts";
import { coordinator } from "../coordinator/stub.ts";
import { ApiError } from "../errors.ts";
import type { Role } from "../protocol.ts";

/** The client's address as the runtime reports it; all clients without one share a budget. */
function clientKey(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? headers.get("x-real-ip") ?? "unknown";
}

const tooManyAttempts = (path: string) => new ApiError("TOO_MANY_ATTEMPTS", "too many wrong PINs; wait a minute and try again", path);

/** The role this PIN belongs to; a wrong PIN is counted and answered 401 (429 once the budget is used). */
export async function checkPin(c: Context<AppEnv>, pin: string, path: string): Promise<Role> {
  const event = coordinator(c.env);
  const client = clientKey(c.req.raw.headers);
  if (await event.loginBlocked(client)) throw tooManyAttempts(path);
  const role = await roleForPin(c.env, pin);
  if (!role) {
    if (await event.loginFailed(client)) throw tooManyAttempts(path);
    throw new ApiError("WRONG_PIN", "this PIN is not right", path);
  }
  return role;
}
