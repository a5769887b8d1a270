// Login with a name and the PIN of a role (and the admin PIN to take over a waiter's name in use on
// another device, auth/nameClaim.ts); logout (ends the session on the server); who am I.
import { Hono } from "hono";
import { endSession, lookupSession, sessionEnded, sessionSecret, type AppEnv } from "../auth/session.ts";
import { checkPin } from "../auth/pinCheck.ts";
import { startNamedSession } from "../auth/nameClaim.ts";
import { giveAdminMark, giveDeviceToken, randomId } from "../auth/device.ts";
import { ApiError } from "../errors.ts";
import { loginBodySchema } from "../schemas.ts";
import { valid } from "../validate.ts";

export const auth = new Hono<AppEnv>()
  .post("/login", valid("json", loginBodySchema), async (c) => {
    const { name, pin, adminPin } = c.req.valid("json");
    const { role, device } = await checkPin(c, pin, "pin");
    // A device without a token is a new device: its name is checked against every other device.
    const deviceId = device ?? randomId();
    await startNamedSession(c, { name, role, deviceId, adminPin });
    const [secret, secure] = [await sessionSecret(c.env), new URL(c.req.url).protocol === "https:"];
    if (!device) await giveDeviceToken(c, secret, deviceId, secure);
    // The admin's devices get a budget of wrong PINs of their own (auth/pinThrottle.ts).
    if (role === "admin") await giveAdminMark(c, secret, deviceId, secure);
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
