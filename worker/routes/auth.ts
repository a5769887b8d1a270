// Login with a name and the PIN of a role; logout; who am I.
import { Hono } from "hono";
import { endSession, readSession, roleForPin, startSession, type AppEnv } from "../auth/session.ts";
import { coordinator } from "../coordinator/stub.ts";
import { ApiError } from "../errors.ts";
import { loginBodySchema } from "../protocol.ts";
import { valid } from "../validate.ts";

/** The client's address as the runtime reports it; all clients without one share a budget. */
function clientKey(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? headers.get("x-real-ip") ?? "unknown";
}

const tooManyAttempts = () => new ApiError("TOO_MANY_ATTEMPTS", "too many wrong PINs; wait a minute and try again", "pin");

export const auth = new Hono<AppEnv>()
  .post("/login", valid("json", loginBodySchema), async (c) => {
    const { name, pin } = c.req.valid("json");
    const event = coordinator(c.env);
    const client = clientKey(c.req.raw.headers);
    if (await event.loginBlocked(client)) throw tooManyAttempts();
    const role = await roleForPin(c.env, pin);
    if (!role) {
      if (await event.loginFailed(client)) throw tooManyAttempts();
      throw new ApiError("WRONG_PIN", "this PIN is not right", "pin");
    }
    await startSession(c, { name, role });
    return c.json({ name, role });
  })
  .post("/logout", (c) => {
    endSession(c);
    return c.json({ ok: true });
  })
  .get("/session", async (c) => {
    const session = await readSession(c);
    if (!session) throw new ApiError("UNAUTHENTICATED", "not logged in");
    return c.json(session);
  });
