// A login flood with the waiter PIN (issue 23, item 6) must not hide the waiters at work from the
// admin: GET /sessions shows one row per name, role and device with its count, stations and admins
// first, then names with orders or payments, and pages through the rest; ending a row ends its sessions.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, login, mustPlaceOrder, PINS } from "./helpers.ts";
import type { SessionInfo, SessionList } from "../../worker/protocol.ts";

const randomHex = () => [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
const cookieOf = (res: { headers: Headers }, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(";")[0];

async function list(admin: string, page?: number): Promise<SessionList> {
  const res = await api<SessionList>("GET", `/api/v1/sessions${page === undefined ? "" : `?page=${page}`}`, undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe("the admin's session list under a login flood", () => {
  it("shows a waiter who placed orders on the first page after a flood of 600 waiter sessions, one row with a count for a flood from one device, and pages through the rest", async () => {
    const anna = await login("waiter", "Anna");
    await mustPlaceOrder(anna, { items: [{ product: "pils", qty: 2 }] });
    const station = await login("station", "Theke");

    // One person floods: 300 logins as one name from one device, and 300 under new names from no device at all.
    const first = await api("POST", "/api/v1/login", { name: "Mallory", pin: PINS.waiter });
    expect(first.status, first.text).toBe(200);
    const device = cookieOf(first, "mini_pos_device")!;
    const flood: string[] = [cookieOf(first, "mini_pos_session")!];
    // One after another: the login limit counts a PIN as tried until it is found right.
    for (let i = 1; i < 5; i++) {
      const res = await api("POST", "/api/v1/login", { name: "Mallory", pin: PINS.waiter }, device);
      expect(res.status, res.text).toBe(200);
      flood.push(cookieOf(res, "mini_pos_session")!);
    }
    const guest = await api("POST", "/api/v1/login", { name: "Gast 0", pin: PINS.waiter });
    expect(guest.status, guest.text).toBe(200);
    // The rest of the flood as the rows those logins write (a login costs a PIN hash: 600 take minutes
    // here): 295 more of Mallory's on that device, 299 more guests, each on a device of its own.
    const later = Date.now() + 1000;
    const copy = (from: string, name: string | null, device: string | null, i: number) =>
      env.DB.prepare(
        `INSERT INTO sessions (id, role, name, name_key, device_id, user_agent, pin_tag, created_at, last_seen_at)
         SELECT ?, role, coalesce(?, name), name_key || ?, coalesce(?, device_id), user_agent, pin_tag, ?, ? FROM sessions WHERE id = ?`,
      ).bind(randomHex(), name, name ? ` ${i}` : "", device, later + i, later + i, from);
    const admin = await login("admin", "Orga");
    const before = (await list(admin)).sessions;
    const malloryId = before.find((r) => r.name === "Mallory")!.id;
    const guestId = before.find((r) => r.name === "Gast 0")!.id;
    await env.DB.batch([
      ...Array.from({ length: 295 }, (_, i) => copy(malloryId, null, null, i)),
      ...Array.from({ length: 299 }, (_, i) => copy(guestId, `Gast ${i + 1}`, randomHex().slice(0, 32), i)),
    ]);

    const page0 = await list(admin);
    expect(page0.pageSize).toBe(50);
    expect(page0.total).toBe(304); // Orga, Theke, Anna, Mallory's device, 300 guests
    expect(page0.sessions).toHaveLength(50);
    const rows = page0.sessions;
    // Those who know the station and admin PINs first, then the waiter at work.
    expect(rows.slice(0, 2).map((s) => s.role).sort()).toEqual(["admin", "station"]);
    expect(rows[2]).toMatchObject({ name: "Anna", role: "waiter", orders: 1, payments: 0, sessions: 1, current: false });
    expect(rows.find((s) => s.name === "Orga")).toMatchObject({ current: true });

    // Every row once over all pages; Mallory's 300 sessions are one row with its count.
    const all: SessionInfo[] = [...rows];
    for (let page = 1; page * page0.pageSize < page0.total; page++) all.push(...(await list(admin, page)).sessions);
    expect(all).toHaveLength(304);
    expect(new Set(all.map((s) => s.id)).size).toBe(304);
    const mallory = all.filter((s) => s.name === "Mallory");
    expect(mallory).toHaveLength(1);
    expect(mallory[0]).toMatchObject({ sessions: 300, orders: 0 });
    expect((await list(admin, 99)).sessions).toEqual([]);

    // Ending that row ends all 300; Anna, the station and the admin stay in.
    const end = await api("POST", `/api/v1/sessions/${mallory[0]!.id}/end`, undefined, admin);
    expect(end.status, end.text).toBe(200);
    expect(end.body.endedSessions).toBe(300);
    for (const cookie of flood) expect((await api("GET", "/api/v1/tables", undefined, cookie)).body.error?.code).toBe("SESSION_ENDED");
    for (const cookie of [anna, station, admin]) expect((await api("GET", "/api/v1/tables", undefined, cookie)).status).toBe(200);
    expect((await list(admin)).total).toBe(303);
  }, 120_000);

  it("refuses a page that is no number", async () => {
    const admin = await login("admin", "Orga2");
    const res = await api("GET", "/api/v1/sessions?page=-1", undefined, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe("query.page");
  });
});
