import { describe, expect, it } from "vitest";
import { api, login, mustPlaceOrder, PINS, streamRequest, ticketOf } from "./helpers.ts";
import type { Role } from "../../worker/protocol.ts";

const fromClient = () => ({ "cf-connecting-ip": `10.0.${Math.floor(Math.random() * 250)}.${crypto.randomUUID()}` });

describe("login", () => {
  for (const role of ["waiter", "station", "admin"] as Role[]) {
    it(`logs a ${role} in with the ${role} PIN and sets an HttpOnly, SameSite=Strict cookie`, async () => {
      const res = await api("POST", "/api/v1/login", { name: "  Anna  ", pin: PINS[role] }, undefined, fromClient());
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ name: "Anna", role });
      const cookie = res.headers.get("set-cookie")!;
      expect(cookie).toMatch(/^mini_pos_session=[^;]+;/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).toMatch(/;\s*Path=\//i);

      const session = await api("GET", "/api/v1/session", undefined, cookie.split(";")[0]);
      expect(session.status, session.text).toBe(200);
      expect(session.body).toEqual({ name: "Anna", role });
    });
  }

  it("refuses a wrong PIN with 401 WRONG_PIN and sets no cookie", async () => {
    const res = await api("POST", "/api/v1/login", { name: "Mallory", pin: "0000" }, undefined, fromClient());
    expect(res.status, res.text).toBe(401);
    expect(res.body.error).toMatchObject({ code: "WRONG_PIN", path: "pin" });
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("gives a device token at the first login and keeps it at the next; the token alone is no session", async () => {
    const first = await api("POST", "/api/v1/login", { name: "Greta", pin: PINS.waiter });
    const cookies = first.headers.getSetCookie();
    const device = cookies.find((c) => c.startsWith("mini_pos_device="))!;
    expect(device).toMatch(/;\s*HttpOnly/i);
    expect(device).toMatch(/;\s*SameSite=Strict/i);
    expect(device).toMatch(/Max-Age=31536000/i);
    const again = await api("POST", "/api/v1/login", { name: "Greta", pin: PINS.waiter }, device.split(";")[0]);
    expect(again.status, again.text).toBe(200);
    expect(again.headers.getSetCookie().some((c) => c.startsWith("mini_pos_device="))).toBe(false);
    expect((await api("GET", "/api/v1/menu", undefined, device.split(";")[0])).status).toBe(401);
  });

  it("logs out on the server: the cookie is cleared, and a copy of it no longer works", async () => {
    const cookie = await login("waiter");
    const res = await api("POST", "/api/v1/logout", undefined, cookie);
    expect(res.status, res.text).toBe(200);
    const cleared = res.headers.get("set-cookie")!;
    expect(cleared).toMatch(/^mini_pos_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    for (const path of ["/api/v1/menu", "/api/v1/session"]) {
      const copied = await api("GET", path, undefined, cookie);
      expect(copied.status, copied.text).toBe(401);
      expect(copied.body.error).toMatchObject({ code: "SESSION_ENDED", reason: "logged out" });
      expect(copied.body.error.message).toContain("logged out");
    }
  });

  it("answers GET /session with 401 UNAUTHENTICATED when not logged in", async () => {
    const res = await api("GET", "/api/v1/session");
    expect(res.status, res.text).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("endpoints without a session", () => {
  const id = crypto.randomUUID();
  const calls: [string, string, unknown?][] = [
    ["GET", "/api/v1/session"],
    ["GET", "/api/v1/event"],
    ["GET", "/api/v1/menu"],
    ["GET", "/api/v1/tables"],
    ["GET", "/api/v1/tables/A1/orders"],
    ["POST", "/api/v1/orders", { id, table: "A1", menuVersion: 1, items: [{ product: "pils", qty: 1 }] }],
    ["GET", `/api/v1/orders/${id}`],
    ["GET", "/api/v1/tickets"],
    ["POST", `/api/v1/tickets/${id}.bar/bump`],
    ["POST", `/api/v1/tickets/${id}.bar/undo`],
    ["POST", `/api/v1/tickets/${id}.bar/pickup`],
    ["POST", `/api/v1/tickets/${id}.bar/items/0/bump`],
    ["POST", `/api/v1/tickets/${id}.bar/items/0/undo`],
    ["PUT", "/api/v1/products/pils/availability", { soldOut: true }],
  ];

  for (const [method, path, body] of calls) {
    it(`answers ${method} ${path.replace(id, ":id")} with 401 without a cookie`, async () => {
      const res = await api(method, path, body);
      expect(res.status, res.text).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    });
  }

  it("answers the stream with 401 without a cookie", async () => {
    const res = await streamRequest(undefined);
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("UNAUTHENTICATED");
  });

  it("answers health and login without a cookie", async () => {
    expect((await api("GET", "/api/v1/health")).status).toBe(200);
    expect((await api("POST", "/api/v1/login", { name: "Frida", pin: PINS.waiter }, undefined, fromClient())).status).toBe(200);
  });

  it("answers 401 to a tampered cookie", async () => {
    const cookie = await login("waiter");
    const [name, value] = cookie.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    // Another session's id (an admin's, say) under this cookie's signature.
    const admin = decodeURIComponent((await login("admin")).split("=")[1]!);
    const forged = `${name}=${encodeURIComponent(admin.split(".")[0] + "." + decoded.split(".")[1])}`;
    expect(forged).not.toBe(cookie);
    const asAdmin = await api("PUT", "/api/v1/products/pils/availability", { soldOut: true }, forged);
    expect(asAdmin.status, asAdmin.text).toBe(401);
    const session = await api("GET", "/api/v1/session", undefined, forged);
    expect(session.status, session.text).toBe(401);

    // A flipped character of the signature is also refused. (Not one of the last two: the base64
    // of a 32-byte HMAC ends in "=" and its last letter has two unused bits, so changing it may
    // leave the signature's bytes as they were.)
    const at = decoded.length - 10;
    const flipped = `${name}=${encodeURIComponent(decoded.slice(0, at) + (decoded[at] === "A" ? "B" : "A") + decoded.slice(at + 1))}`;
    expect((await api("GET", "/api/v1/menu", undefined, flipped)).status).toBe(401);
    // The genuine cookie still works.
    expect((await api("GET", "/api/v1/menu", undefined, cookie)).status).toBe(200);
  });
});

describe("roles", () => {
  it("does not let a waiter bump a ticket (403 FORBIDDEN)", async () => {
    const waiter = await login("waiter");
    const order = await mustPlaceOrder(waiter, { items: [{ product: "pils", qty: 1 }] });
    const ticket = ticketOf(order, "bar");
    for (const path of [`/tickets/${ticket.id}/bump`, `/tickets/${ticket.id}/undo`, `/tickets/${ticket.id}/items/0/bump`, `/tickets/${ticket.id}/items/0/undo`]) {
      const res = await api("POST", `/api/v1${path}`, undefined, waiter);
      expect(res.status, `${path}: ${res.text}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const stored = await api("GET", `/api/v1/orders/${order.id}`, undefined, waiter);
    expect(ticketOf(stored.body.order, "bar").doneAt).toBeNull();
  });

  it("does not let a station place an order (403 FORBIDDEN)", async () => {
    const station = await login("station");
    const id = crypto.randomUUID();
    const res = await api("POST", "/api/v1/orders", { id, table: "A1", menuVersion: 1, items: [{ product: "pils", qty: 1 }] }, station);
    expect(res.status, res.text).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect((await api("GET", `/api/v1/orders/${id}`, undefined, station)).status).toBe(404);
  });

  it("lets only an admin set availability", async () => {
    for (const role of ["waiter", "station"] as Role[]) {
      const res = await api("PUT", "/api/v1/products/gedopter/availability", { soldOut: true }, await login(role));
      expect(res.status, `${role}: ${res.text}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const admin = await login("admin");
    const menu = await api("GET", "/api/v1/menu", undefined, admin);
    expect(menu.body.products.find((p: any) => p.id === "gedopter").soldOut).toBe(false);

    const res = await api("PUT", "/api/v1/products/gedopter/availability", { soldOut: true }, admin);
    expect(res.status, res.text).toBe(200);
    expect(res.body.availability).toEqual({ product: "gedopter", soldOut: true, quota: null });
    const reset = await api("PUT", "/api/v1/products/gedopter/availability", { soldOut: false }, admin);
    expect(reset.status, reset.text).toBe(200);
  });

  it("lets a waiter and a station pick up a ready ticket, and an admin do everything", async () => {
    const admin = await login("admin");
    const order = await mustPlaceOrder(admin, { items: [{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }] });
    const bar = ticketOf(order, "bar");
    const kitchen = ticketOf(order, "kitchen");
    expect((await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, admin)).status).toBe(200);
    expect((await api("POST", `/api/v1/tickets/${kitchen.id}/bump`, undefined, await login("station"))).status).toBe(200);
    expect((await api("POST", `/api/v1/tickets/${bar.id}/pickup`, undefined, await login("waiter"))).status).toBe(200);
    expect((await api("POST", `/api/v1/tickets/${kitchen.id}/pickup`, undefined, await login("station"))).status).toBe(200);
  });
});

describe("before login", () => {
  it("tells anyone the event's name and language, and nothing more, so the login page speaks the event's language", async () => {
    const res = await api("GET", "/api/v1/event/public");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ name: "Sommerfest TSV Musterdorf 2026", language: "de" });
    // The rest of the event (layout, stations, PINs' roles) still needs a session.
    expect((await api("GET", "/api/v1/event")).status).toBe(401);
  });
});
