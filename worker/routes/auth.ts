// Login with a name and the PIN of a role; logout; who am I.
import { Hono } from "hono";
import { endSession, readSession, startSession, type AppEnv } from "../auth/session.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { ApiError } from "../errors.ts";
import { loginBodySchema } from "../protocol.ts";
import { valid } from "../validate.ts";

export const auth = new Hono<AppEnv>()
  .post("/login", valid("json", loginBodySchema), async (c) => {
    const { name, pin } = c.req.valid("json");
    const role = await checkPin(c, pin, "pin");
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
