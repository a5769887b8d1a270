// Changing a role's PIN on /admin: the old PIN stops working and everyone who logged in with it is
// out at once, their screens included. Its own file: it changes the PINs of this file's database.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, login, openStream, PINS } from "./helpers.ts";
import { readChangedPins } from "../../worker/auth/pins.ts";

const change = (admin: string, body: Record<string, unknown>) => api("PUT", "/api/v1/access/pins", body, admin);

describe("changing a PIN", () => {
  it("refuses a wrong admin PIN and a short PIN, naming the field, and a waiter; nothing changes", async () => {
    const admin = await login("admin");
    const wrong = await change(admin, { role: "waiter", pin: "482915", currentAdminPin: "0000" });
    expect(wrong.status, wrong.text).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: "WRONG_PIN", path: "currentAdminPin" });
    const short = await change(admin, { role: "waiter", pin: "4829", currentAdminPin: PINS.admin });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ path: "pin" });
    expect(short.body.error.message).toContain("6 to 8 digits");
    const waiter = await login("waiter");
    expect((await api("PUT", "/api/v1/access/pins", { role: "waiter", pin: "482915", currentAdminPin: PINS.admin }, waiter)).status).toBe(403);
    expect(await readChangedPins(env.DB)).toBeUndefined();
  });

  it("ends every waiter session of the old PIN (their stream closes with the reason); the new PIN works, the old does not; stations stay", async () => {
    const admin = await login("admin");
    const [anna, ben] = [await login("waiter", "Anna"), await login("waiter", "Ben")];
    const station = await login("station");
    const annaStream = await openStream(anna);
    await annaStream.next();

    const res = await change(admin, { role: "waiter", pin: "482915", currentAdminPin: PINS.admin });
    expect(res.status, res.text).toBe(200);
    // Anna and Ben, and the waiter of the test before (the tests of a file share one database).
    expect(res.body).toEqual({ role: "waiter", endedSessions: 3 });

    await expect.poll(() => annaStream.closed?.code).toBe(4001);
    expect(annaStream.closed?.reason).toBe("the PIN was changed");
    for (const old of [anna, ben]) {
      const refused = await api("GET", "/api/v1/menu", undefined, old);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: "SESSION_ENDED", reason: "the PIN was changed" });
    }
    expect((await api("GET", "/api/v1/menu", undefined, station)).status).toBe(200);
    expect((await api("POST", "/api/v1/login", { name: "Anna", pin: PINS.waiter })).status).toBe(401);
    expect((await api("POST", "/api/v1/login", { name: "Anna", pin: "482915" })).status).toBe(200);
    // Each role keeps a PIN of its own.
    const clash = await change(admin, { role: "station", pin: "482915", currentAdminPin: PINS.admin });
    expect(clash.status, clash.text).toBe(400);
    expect(clash.body.error).toMatchObject({ path: "pin" });
    expect(clash.body.error.message).toContain("waiter PIN");
    // Kept in D1: the next start (and its printout) uses the new PIN.
    expect(await readChangedPins(env.DB)).toMatchObject({ waiterPin: "482915", stationPin: PINS.station, adminPin: PINS.admin });
  });
});
