// The admin's access page: who is logged in, and ending a session (a lost phone) on the server.
import { describe, expect, it } from "vitest";
import { api, login, openStream, PINS } from "./helpers.ts";
import type { SessionInfo } from "../../worker/protocol.ts";

const PHONE_UA = "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

async function sessions(admin: string): Promise<SessionInfo[]> {
  const res = await api<{ sessions: SessionInfo[] }>("GET", "/api/v1/sessions", undefined, admin);
  expect(res.status, res.text).toBe(200);
  return res.body.sessions;
}

describe("sessions", () => {
  it("lists who is logged in with role, device and times, and marks the admin's own session", async () => {
    const admin = await login("admin", "Orga");
    const res = await api("POST", "/api/v1/login", { name: "Lena", pin: PINS.waiter }, undefined, { "user-agent": PHONE_UA });
    expect(res.status).toBe(200);
    const list = await sessions(admin);
    const lena = list.find((s) => s.name === "Lena")!;
    expect(lena).toMatchObject({ role: "waiter", device: "Android · Chrome", current: false });
    expect(lena.lastSeenAt).toBeGreaterThanOrEqual(lena.createdAt);
    expect(list.find((s) => s.name === "Orga")).toMatchObject({ role: "admin", current: true });
    // A waiter may not see the list.
    const waiter = res.headers.get("set-cookie")!.split(";")[0]!;
    expect((await api("GET", "/api/v1/sessions", undefined, waiter)).status).toBe(403);
  });

  it("ending a lost phone's session logs it out at once: its requests get 401 SESSION_ENDED and its stream closes", async () => {
    const admin = await login("admin", "Orga");
    const lost = await login("waiter", "Verloren");
    const stream = await openStream(lost);
    await stream.next(); // the snapshot
    const id = (await sessions(admin)).find((s) => s.name === "Verloren")!.id;

    const end = await api("POST", `/api/v1/sessions/${id}/end`, undefined, admin);
    expect(end.status, end.text).toBe(200);
    const refused = await api("GET", "/api/v1/tables", undefined, lost);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "SESSION_ENDED", reason: "ended by Orga" });
    expect(refused.body.error.message).toContain("ended by Orga");
    await expect.poll(() => stream.closed?.code).toBe(4001);
    expect(stream.closed?.reason).toContain("ended by Orga");
    expect((await sessions(admin)).some((s) => s.id === id)).toBe(false);
    // Ending it again, or an id that never was: 404 naming the id.
    const again = await api("POST", `/api/v1/sessions/${id}/end`, undefined, admin);
    expect(again.status).toBe(404);
    expect(again.body.error.path).toBe("param.id");
    expect((await api("POST", "/api/v1/sessions/not-an-id/end", undefined, admin)).body.error.path).toBe("param.id");
  });
});
