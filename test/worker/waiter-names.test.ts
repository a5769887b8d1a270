// A waiter's name is theirs (issue 19, item 4): names are stored in one form and may hold nothing
// invisible; a name that only looks like one used in the event is refused; a waiter's name logged
// in on one phone is not taken by another without the admin PIN. Each test uses names of its own:
// the tests of this file share one event.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, EVENT_ID, login, mustPlaceOrder, openStream, PINS, type ApiResponse } from "./helpers.ts";
import type { Role } from "../../worker/protocol.ts";
import { insertClaimedSession } from "../../worker/auth/nameStore.ts";
import { nameKey } from "../../worker/auth/nameKey.ts";
import { pinTag } from "../../worker/auth/session.ts";

/** A phone: its device token once it has one (from its first right login). */
interface Phone {
  device?: string;
}

/** Logs in from `phone` (keeping the device token it is given); returns the answer and the session cookie. */
async function loginFrom(phone: Phone, name: string, role: Role = "waiter", extra: Record<string, string> = {}): Promise<ApiResponse & { cookie?: string }> {
  const res = await api("POST", "/api/v1/login", { name, pin: PINS[role], ...extra }, phone.device);
  const cookies = res.headers.getSetCookie();
  phone.device ??= cookies.find((c) => c.startsWith("mini_pos_device="))?.split(";")[0];
  return { ...res, cookie: cookies.find((c) => c.startsWith("mini_pos_session="))?.split(";")[0] };
}

async function mustLogin(phone: Phone, name: string, role: Role = "waiter"): Promise<string> {
  const res = await loginFrom(phone, name, role);
  expect(res.status, res.text).toBe(200);
  return res.cookie!;
}

/** Session rows in D1, all of them: a refused login must write none. */
async function sessionRows(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM sessions").first<{ n: number }>())!.n;
}

async function sessionOf(cookie: string) {
  return api("GET", "/api/v1/session", undefined, cookie);
}

describe("names are stored in one form and hold nothing invisible", () => {
  const invisible: [string, string, string][] = [
    ["a zero-width space", "Anna\u200b", "U+200B at position 5"],
    ["a byte order mark at the start", "\ufeffAnna", "U+FEFF at position 1"],
    ["a zero-width joiner", "An\u200dna", "U+200D at position 3"],
    ["a soft hyphen", "An\u00adna", "U+00AD at position 3"],
    ["a Hangul filler", "Anna\u3164", "U+3164 at position 5"],
    ["a right-to-left override", "\u202eannA", "U+202E at position 1"],
    ["a tab", "Anna\tB", "U+0009 at position 5"],
  ];
  for (const [what, name, where] of invisible) {
    it(`refuses a name with ${what} with 400 on "name", naming the character and where it is, and writes no session`, async () => {
      const before = await sessionRows();
      const res = await loginFrom({}, name);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "name" });
      expect(res.body.error.message).toContain(where);
      expect(res.body.error.message).toContain("not allowed in a name");
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await sessionRows()).toBe(before);
    });
  }

  it("keeps the name in NFC with inner spaces collapsed, and answers with that form", async () => {
    const phone: Phone = {};
    const res = await loginFrom(phone, "  Mare\u0301n \u00a0  Ko\u0308hler ");
    expect(res.status, res.text).toBe(200);
    expect(res.body.name).toBe("Marén Köhler");
    expect((await sessionOf(res.cookie!)).body).toEqual({ name: "Marén Köhler", role: "waiter" });
    // Typed the other way (composed, one space) it is the same name: the same phone is simply in again.
    expect((await loginFrom(phone, "Marén Köhler")).status).toBe(200);
  });
});

describe("a name that looks like one already used in the event is refused", () => {
  const lookAlikes: [string, string][] = [
    ["a Cyrillic А", "\u0410nna"],
    ["another case", "anna"],
    ["all capitals", "ANNA"],
    ["full-width letters", "\uff21\uff4e\uff4e\uff41"],
    ["a Greek Α and a Cyrillic а", "\u0391nn\u0430"],
  ];
  const anna: Phone = {};
  for (const [what, name] of lookAlikes) {
    it(`refuses "Anna" with ${what} with 409 NAME_TOO_SIMILAR naming "Anna", and writes no session`, async () => {
      await mustLogin(anna, "Anna"); // Anna's phone, in again for each test
      const before = await sessionRows();
      // From another phone and from Anna's own: a look-alike is no one's name.
      for (const phone of [{}, anna]) {
        const res = await loginFrom(phone, name);
        expect(res.status, res.text).toBe(409);
        expect(res.body.error).toMatchObject({ code: "NAME_TOO_SIMILAR", path: "name", existingName: "Anna" });
        expect(res.body.error.message).toContain(`looks like "Anna", which is already used in this event: pick another name or log in as "Anna"`);
      }
      expect(await sessionRows()).toBe(before);
    });
  }

  it("counts names of the event's orders too, after their waiter logged out", async () => {
    const ben: Phone = {};
    const cookie = await mustLogin(ben, "Benedikt");
    await mustPlaceOrder(cookie, { items: [{ product: "pils", qty: 1 }] });
    expect((await api("POST", "/api/v1/logout", undefined, cookie)).status).toBe(200);
    // As if he had logged in before this event began: only his order is left to say he works in it.
    await env.DB.prepare("UPDATE sessions SET created_at = 1 WHERE name = 'Benedikt'").run();
    const res = await loginFrom({}, "benedikt");
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NAME_TOO_SIMILAR", existingName: "Benedikt" });
    // Benedikt himself, on any phone, is Benedikt again.
    expect((await loginFrom({}, "Benedikt")).status).toBe(200);
  });

  it("asks for the right PIN before it says anything about names", async () => {
    await mustLogin({}, "Gisela");
    const res = await api("POST", "/api/v1/login", { name: "gisela", pin: "0000" });
    expect(res.status, res.text).toBe(401);
    expect(res.body.error).toMatchObject({ code: "WRONG_PIN", path: "pin" });
  });

  it("holds for admins, and leaves station screens their shared names", async () => {
    await mustLogin({}, "Orga", "admin");
    expect((await loginFrom({}, "orga", "admin")).body.error).toMatchObject({ code: "NAME_TOO_SIMILAR", existingName: "Orga" });
    expect((await loginFrom({}, "0rga")).body.error).toMatchObject({ code: "NAME_TOO_SIMILAR", existingName: "Orga" });
    // Two admins' screens and two bar screens under one name each: neither is a waiter's name.
    await mustLogin({}, "Orga", "admin");
    await mustLogin({}, "Bar", "station");
    await mustLogin({}, "Bar", "station");
    await mustLogin({}, "bar", "station");
  });
});

describe("a waiter's name in use on one phone is not taken by another without the admin", () => {
  it("refuses a second phone with 409 NAME_IN_USE, and nothing changes for the first", async () => {
    const first: Phone = {};
    const cookie = await mustLogin(first, "Hanne");
    const stream = await openStream(cookie);
    await stream.next(); // the snapshot
    const before = await sessionRows();

    // From a phone that never logged in here (no device token: a device of its own, too).
    const res = await loginFrom({}, "Hanne");
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NAME_IN_USE", path: "name", existingName: "Hanne" });
    expect(res.body.error.message).toContain("logged in on another phone");
    expect(res.body.error.message).toContain("admin PIN");
    expect(res.body.error.message).toContain('/admin, page "Logged in"');
    expect(res.cookie).toBeUndefined();
    const known: Phone = {};
    await mustLogin(known, "Hannes-Nachbar");
    expect((await loginFrom(known, "Hanne")).body.error.code).toBe("NAME_IN_USE");
    // With spaces around it is her name all the same.
    expect((await loginFrom({}, " Hanne ")).body.error.code).toBe("NAME_IN_USE");

    expect(await sessionRows()).toBe(before + 1); // Hannes-Nachbar's login, no other
    expect((await sessionOf(cookie)).body).toEqual({ name: "Hanne", role: "waiter" });
    expect(await stream.drain(300)).toEqual([]);
    expect(stream.closed).toBeUndefined();
    stream.close();
  });

  it("lets the same phone log in again as often as it likes (a reload, a second tab)", async () => {
    const phone: Phone = {};
    const first = await mustLogin(phone, "Jörg");
    const again = await loginFrom(phone, "Jo\u0308rg");
    expect(again.status, again.text).toBe(200);
    expect(again.body.name).toBe("Jörg");
    expect((await sessionOf(first)).status).toBe(200);
    expect((await sessionOf(again.cookie!)).status).toBe(200);
    // The decomposed form from another phone is her name, in use: 409, not a new waiter.
    const other = await loginFrom({}, "Jo\u0308rg");
    expect(other.body.error).toMatchObject({ code: "NAME_IN_USE", existingName: "Jörg" });
  });

  it("takes the name over with the admin PIN typed as well: the old phone's session and socket end with the reason", async () => {
    const old: Phone = {};
    const oldCookie = await mustLogin(old, "Karla");
    const stream = await openStream(oldCookie);
    await stream.next();

    const phone: Phone = {};
    const res = await loginFrom(phone, "Karla", "waiter", { adminPin: PINS.admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ name: "Karla", role: "waiter" });
    expect((await sessionOf(res.cookie!)).body).toEqual({ name: "Karla", role: "waiter" });

    const reason = "taken over on another device with the admin PIN";
    const refused = await sessionOf(oldCookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "SESSION_ENDED", reason });
    await expect.poll(() => stream.closed?.code).toBe(4001);
    expect(stream.closed?.reason).toContain(reason);

    // The old phone now needs the admin PIN itself to get the name back.
    expect((await loginFrom(old, "Karla")).body.error.code).toBe("NAME_IN_USE");
  });

  it("refuses a wrong admin PIN with 401 on adminPin, counts it as a wrong PIN, and leaves the name with its phone", async () => {
    const anna: Phone = {};
    const cookie = await mustLogin(anna, "Lotte");
    const admin = await login("admin", "Lottes-Chefin");
    const wrongBefore = (await api("GET", "/api/v1/security", undefined, admin)).body.wrongPins.lastMinute as number;
    const before = await sessionRows();

    const res = await loginFrom({}, "Lotte", "waiter", { adminPin: "123456" });
    expect(res.status, res.text).toBe(401);
    expect(res.body.error).toMatchObject({ code: "WRONG_PIN", path: "adminPin" });
    // The waiter PIN in the admin PIN's place is no admin PIN either.
    const waiterPin = await loginFrom({}, "Lotte", "waiter", { adminPin: PINS.waiter });
    expect(waiterPin.body.error).toMatchObject({ code: "WRONG_PIN", path: "adminPin" });

    const wrongAfter = (await api("GET", "/api/v1/security", undefined, admin)).body.wrongPins.lastMinute as number;
    expect(wrongAfter).toBe(wrongBefore + 1);
    expect(await sessionRows()).toBe(before);
    expect((await sessionOf(cookie)).status).toBe(200);
  });

  it("frees the name when its phone logs out, or when the organiser ends that session", async () => {
    const first: Phone = {};
    const cookie = await mustLogin(first, "Mona");
    expect((await api("POST", "/api/v1/logout", undefined, cookie)).status).toBe(200);
    const second: Phone = {};
    await mustLogin(second, "Mona");

    const admin = await login("admin", "Monas-Chef");
    const list = (await api("GET", "/api/v1/sessions", undefined, admin)).body.sessions as { id: string; name: string }[];
    for (const s of list.filter((s) => s.name === "Mona")) expect((await api("POST", `/api/v1/sessions/${s.id}/end`, undefined, admin)).status).toBe(200);
    await mustLogin({}, "Mona");
  });

  it("lets admins and station screens share a name across devices", async () => {
    await mustLogin({}, "Kasse", "admin");
    await mustLogin({}, "Kasse", "admin");
    await mustLogin({}, "Küche", "station");
    await mustLogin({}, "Küche", "station");
  });

  it("writes a login's row only while the name is still free, so a login that passed the checks just before another cannot take it", async () => {
    // Two phones' logins checked at the same moment both pass the checks; the write itself decides.
    // Here the second phone's write comes after the first phone is in, as when it lost that race.
    await mustLogin({}, "Nele");
    const now = Date.now();
    const scope = { eventId: EVENT_ID, now, cutoff: now - 4 * 24 * 3600_000, tags: [await pinTag(env, "waiter"), await pinTag(env, "admin")] as const };
    const row = (name: string) => ({ id: crypto.randomUUID().replaceAll("-", "").repeat(2), role: "waiter", name, nameKey: nameKey(name), deviceId: "f".repeat(32), userAgent: "", pinTag: scope.tags[0], createdAt: now, lastSeenAt: now });
    const before = await sessionRows();
    expect(await insertClaimedSession(env.DB, row("Nele"), { alone: true, distinct: true }, scope)).toEqual({ created: false, ended: [] });
    expect(await insertClaimedSession(env.DB, row("nele"), { alone: true, distinct: true }, scope)).toEqual({ created: false, ended: [] });
    expect(await sessionRows()).toBe(before);
    // Taken over with the admin PIN: the first phone's session ends in the same write.
    const taken = await insertClaimedSession(env.DB, row("Nele"), { alone: true, distinct: true, takeOver: "test" }, scope);
    expect(taken.created).toBe(true);
    expect(taken.ended).toHaveLength(1);
  });
});
