// Login with a name and the PIN of a role; logout (ends the session on the server); who am I.
import { Hono } from "hono";
import { endSession, lookupSession, sessionEnded, sessionSecret, startSession, type AppEnv } from "../auth/session.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { giveDeviceToken, randomId } from "../auth/device.ts";
import { ApiError } from "../errors.ts";
import { loginBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const auth = new Hono<AppEnv>()
  .post("/login", valid("json", loginBodySchema), async (c) => {
    const { name, pin } = c.req.valid("json");
    const { role, device } = await checkPin(c, pin, "pin");
    const deviceId = device ?? randomId();
    await startSession(c, { name, role }, deviceId);
    if (!device) await giveDeviceToken(c, await sessionSecret(c.env), deviceId, new URL(c.req.url).protocol === "https:");
    return c.json({ name, role });
  })
  .post("/logout", async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .get("/session", async (c) => {
    const found = await lookupSession(c);
    if (found && "ended" in found) throw sessionEnded(found.ended);
    if (!found) throw new ApiError("UNAUTHENTICATED", "not logged in");
    return c.json({ name: found.session.name, role: found.session.role });
  });
