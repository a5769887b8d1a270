// The admin-PIN lockout of issue 23 (item 4), as an insider does it: with the waiter PIN he logs in
// on 4 devices of his own and types wrong PINs at every place that takes one (the login, and the
// admin PIN of a Storno). While it runs, the organiser's phone logs in as admin and changes a PIN,
// and an honest waiter's Storno with the right admin PIN is approved. Its own file: the attack uses
// up budgets of this file's database.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { api, mustPlaceOrder, PINS } from "./helpers.ts";
import { PIN_LIMITS } from "../../worker/auth/pinThrottle.ts";

/** Logs in (on `device` cookies, else as a new device); returns every cookie the device holds afterwards. */
async function loginOn(name: string, pin: string, device = ""): Promise<{ session: string; device: string; all: string }> {
  const res = await api("POST", "/api/v1/login", { name, pin }, device || undefined);
  expect(res.status, res.text).toBe(200);
  const given = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const session = given.find((c) => c.startsWith("mini_pos_session="))!;
  const kept = [...device.split("; ").filter(Boolean), ...given.filter((c) => c !== session)];
  const deviceCookies = [...new Map(kept.map((c) => [c.split("=")[0], c])).values()].join("; ");
  return { session, device: deviceCookies, all: `${session}; ${deviceCookies}` };
}

const voidBody = (order: string, adminPin: string) => ({ id: crypto.randomUUID(), order, line: 0, qty: 1, reason: "mistake", adminPin });
const wrong = (i: number) => String(500000 + i);

describe("an insider with the waiter PIN types wrong PINs everywhere", () => {
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM pin_attempts").run();
  });

  it("the organiser's phone still logs in as admin and changes a PIN, and an honest waiter's Storno with the admin PIN is approved", { timeout: 60_000 }, async () => {
    // Before the evening: the organiser logged in on their phone, a waiter on hers.
    const organiser = await loginOn("Chef", PINS.admin);
    const anna = await loginOn("Anna", PINS.waiter);
    const order = await mustPlaceOrder(anna.all, { table: "A1", items: [{ product: "pils", qty: 2 }] });

    // The insider: 4 logins with the waiter PIN, each a device of its own.
    const insider = await Promise.all(Array.from({ length: 4 }, (_, i) => loginOn(`Mallory ${i}`, PINS.waiter)));
    const attack = Promise.all(
      insider.flatMap((device, d) => [
        ...Array.from({ length: 10 }, (_, i) => api("POST", "/api/v1/login", { name: `Mallory ${d}`, pin: wrong(d * 100 + i) }, device.device)),
        ...Array.from({ length: 10 }, (_, i) => api("POST", "/api/v1/voids", voidBody(crypto.randomUUID(), wrong(d * 100 + 50 + i)), device.all)),
      ]),
    );

    // While it runs: the organiser's phone logs in as admin …
    const back = await api("POST", "/api/v1/login", { name: "Chef", pin: PINS.admin }, organiser.device);
    expect(back.status, back.text).toBe(200);
    // … and the honest waiter's Storno with the right admin PIN is approved.
    const storno = await api("POST", "/api/v1/voids", voidBody(order.id, PINS.admin), anna.all);
    expect(storno.status, storno.text).toBe(201);
    expect(storno.body.void).toMatchObject({ approvedBy: "admin PIN" });

    const results = await attack;
    // The attack did fill what the insider can reach: the known devices' login pool, his devices' approval budgets.
    const logins = results.filter((_, i) => i % 20 < 10).map((r) => r.status);
    const approvals = results.filter((_, i) => i % 20 >= 10).map((r) => r.status);
    expect(logins.filter((s) => s === 401)).toHaveLength(PIN_LIMITS.knownPerMinute);
    expect(approvals.filter((s) => s === 401)).toHaveLength(4 * PIN_LIMITS.approvalPerDevicePerMinute);
    expect((await api("POST", "/api/v1/login", { name: "Mallory 0", pin: PINS.waiter }, insider[0]!.device)).status).toBe(429);
    expect((await api("POST", "/api/v1/voids", voidBody(order.id, PINS.admin), insider[0]!.all)).status).toBe(429);

    // After it too: the organiser logs in again, changes the station PIN with the admin PIN, and approves by session.
    const again = await loginOn("Chef", PINS.admin, organiser.device);
    const change = await api("PUT", "/api/v1/access/pins", { role: "station", pin: "246813", currentAdminPin: PINS.admin }, again.all);
    expect(change.status, change.text).toBe(200);
    const byAdmin = await api("POST", "/api/v1/voids", voidBody(order.id, PINS.admin), again.all);
    expect(byAdmin.status, byAdmin.text).toBe(201);
    expect((await api("GET", `/api/v1/orders/${order.id}`, undefined, anna.all)).body.order.positions[0].voidedQty).toBe(2);
  });

  it(`many insider devices together compare at most ${PIN_LIMITS.approvalsPerMinute} wrong admin PINs a minute in waiters' sessions`, { timeout: 60_000 }, async () => {
    const devices = Math.ceil(PIN_LIMITS.approvalsPerMinute / PIN_LIMITS.approvalPerDevicePerMinute) + 3;
    const insider = await Promise.all(Array.from({ length: devices }, (_, i) => loginOn(`Trudy ${i}`, PINS.waiter)));
    const tries = await Promise.all(insider.flatMap((d, n) => Array.from({ length: 3 }, (_, i) => api("POST", "/api/v1/voids", voidBody(crypto.randomUUID(), wrong(n * 10 + i)), d.all))));
    const statuses = tries.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PIN_LIMITS.approvalsPerMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(statuses.length - PIN_LIMITS.approvalsPerMinute);
    expect(tries.find((r) => r.status === 429)!.body.error).toMatchObject({ code: "TOO_MANY_ATTEMPTS", path: "adminPin", retryAfterSeconds: 60 });
    // The organiser's phone is not in that pool: it logs in.
    const organiser = await loginOn("Chefin", PINS.admin);
    expect((await api("POST", "/api/v1/login", { name: "Chefin", pin: PINS.admin }, organiser.device)).status).toBe(200);
  });
});
