// Attacks on the PINs (issue 13, findings 1 and 2), each as the reproduction turned into what an
// honest user sees. Its own file: the attacks use up the login budget of this file's database.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { api, login, mustPlaceOrder, PINS } from "./helpers.ts";
import { PIN_LIMITS, reservePinAttempt } from "../../worker/auth/pinThrottle.ts";

const spoofed = (i: number) => ({ "cf-connecting-ip": `10.${i >> 8}.${i & 255}.7`, "x-forwarded-for": `192.0.2.${i & 255}`, "x-real-ip": `198.51.100.${i & 255}` });
const guess = (pin: string, headers: Record<string, string> = {}, cookie?: string) => api("POST", "/api/v1/login", { name: "Eve", pin }, cookie, headers);

/** A device that logged in here before: its device token (without a session). Each phone is its own waiter's. */
async function knownDevice(): Promise<string> {
  const res = await api("POST", "/api/v1/login", { name: `Handy ${crypto.randomUUID().slice(0, 8)}`, pin: PINS.waiter });
  expect(res.status, res.text).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith("mini_pos_device="))!.split(";")[0]!;
}

describe("PIN guessing", () => {
  // The tests of a file share one database: each attack starts with a clean count.
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM pin_attempts").run();
  });

  it("a known device logs in with the right PIN while new devices are locked out by a guesser", async () => {
    // The phones of the evening logged in before the attack started.
    const tresen = await knownDevice();
    const kasse = await knownDevice();

    // The guesser claims a new address on every try, in parallel bursts.
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => guess(String(100000 + i), spoofed(i))));
    const statuses = burst.map((r) => r.status);
    // At most the unknown pool's limit of PINs was compared at all (parallel requests could not
    // all pass a check made before any was counted); the rest were refused unseen.
    expect(statuses.filter((s) => s === 401)).toHaveLength(PIN_LIMITS.unknownPerMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - PIN_LIMITS.unknownPerMinute);
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.body.error).toMatchObject({ code: "TOO_MANY_ATTEMPTS", path: "pin", retryAfterSeconds: 60 });
    expect(refused.headers.get("retry-after")).toBe("60");

    // A new device must wait, even with the right PIN: the message tells what to do instead.
    const newcomer = await guess(PINS.admin, spoofed(999));
    expect(newcomer.status, newcomer.text).toBe(429);
    expect(newcomer.body.error.message).toMatch(/new devices/);

    // The evening's own devices are not locked out.
    const back = await api("POST", "/api/v1/login", { name: "Anna", pin: PINS.waiter }, tresen);
    expect(back.status, back.text).toBe(200);
    const admin = await api("POST", "/api/v1/login", { name: "Chef", pin: PINS.admin }, kasse);
    expect(admin.status, admin.text).toBe(200);

    // The admin sees that someone is guessing.
    const adminCookie = admin.headers.get("set-cookie")!.split(";")[0]!;
    const status = await api("GET", "/api/v1/security", undefined, adminCookie);
    expect(status.status, status.text).toBe(200);
    expect(status.body).toMatchObject({ newDevicesBlocked: true, wrongPins: { lastMinute: PIN_LIMITS.unknownPerMinute } });
    expect(status.body.refusedLoginsLastHour).toBeGreaterThanOrEqual(51);
  });

  it("a known device has a budget of its own, and all known devices one together: at most 20 wrong PINs a minute in all", async () => {
    const devices = await Promise.all([knownDevice(), knownDevice(), knownDevice()]);
    // One stolen device token guesses: PIN_LIMITS.perDevicePerMinute, then it waits.
    const own = await Promise.all(Array.from({ length: 8 }, (_, i) => guess(String(200000 + i), {}, devices[0])));
    expect(own.filter((r) => r.status === 401)).toHaveLength(PIN_LIMITS.perDevicePerMinute);
    expect(own.filter((r) => r.status === 429)[0]?.body.error.message).toMatch(/this device/);
    // Two more devices fill the known pool; the third device's right PIN then also waits.
    const more = await Promise.all(Array.from({ length: 8 }, (_, i) => guess(String(300000 + i), {}, devices[1])));
    expect(more.filter((r) => r.status === 401)).toHaveLength(PIN_LIMITS.knownPerMinute - PIN_LIMITS.perDevicePerMinute);
    expect((await guess(PINS.waiter, {}, devices[2])).status).toBe(429);
    expect(PIN_LIMITS.unknownPerMinute + PIN_LIMITS.knownPerMinute).toBeLessThanOrEqual(20);
  });

  it("a pause does not reset the count: the limit is a sliding minute kept in D1, not in memory", async () => {
    const t0 = Date.now() + 24 * 3600_000;
    const pool = { pool: "device", device: "f".repeat(32) } as const;
    const slots: (number | undefined)[] = [];
    for (let i = 0; i < PIN_LIMITS.perDevicePerMinute; i++) slots.push(await reservePinAttempt(env.DB, pool, t0 + i));
    expect(slots.every((s) => s !== undefined)).toBe(true);
    // The pause that beat the old in-memory limit (11 s, the coordinator evicted): still refused.
    expect(await reservePinAttempt(env.DB, pool, t0 + 11_000)).toBeUndefined();
    expect(await reservePinAttempt(env.DB, pool, t0 + 59_000)).toBeUndefined();
    // Once the first tries are a minute old, their slots are free again, and no more.
    const later = t0 + PIN_LIMITS.windowMs + 10;
    for (let i = 0; i < PIN_LIMITS.perDevicePerMinute; i++) expect(await reservePinAttempt(env.DB, pool, later + i)).toBeDefined();
    expect(await reservePinAttempt(env.DB, pool, later + 10)).toBeUndefined();
  });

  it("the admin PIN typed for a void counts against the waiter's device, not against the login budget", async () => {
    const device = await knownDevice();
    const waiter = await api("POST", "/api/v1/login", { name: "Vera", pin: PINS.waiter }, device);
    const cookie = `${waiter.headers.get("set-cookie")!.split(";")[0]}; ${device}`;
    const order = await mustPlaceOrder(cookie, { items: [{ product: "pils", qty: 1 }] });
    const body = (pin: string) => ({ id: crypto.randomUUID(), order: order.id, line: 0, qty: 1, reason: "mistake", adminPin: pin });
    const statuses: number[] = [];
    for (let i = 0; i < PIN_LIMITS.approvalPerDevicePerMinute + 1; i++) statuses.push((await api("POST", "/api/v1/voids", body(String(400000 + i)), cookie)).status);
    expect(statuses).toEqual([...Array(PIN_LIMITS.approvalPerDevicePerMinute).fill(401), 429]);
    // Even the right admin PIN waits now on this device; nothing was voided.
    const refused = await api("POST", "/api/v1/voids", body(PINS.admin), cookie);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/let the organiser approve/);
    expect((await api("GET", `/api/v1/orders/${order.id}`, undefined, cookie)).body.order.positions[0].voidedQty).toBe(0);
    // The logins' budget is untouched: the device logs in again.
    expect((await api("POST", "/api/v1/login", { name: "Vera", pin: PINS.waiter }, device)).status).toBe(200);
  });

  it("a right PIN is no guess: logging in all evening long never uses up the budget", async () => {
    for (let i = 0; i < 3 * PIN_LIMITS.unknownPerMinute; i++) await login("waiter");
    expect((await guess(PINS.station)).status).toBe(200);
  });
});
