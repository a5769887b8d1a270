// Attacks from the shared WiFi through the browser and the wire (issue 13, findings 5 and 7):
// another site's page acting for a logged-in phone, DNS rebinding, smuggled body types, the same
// id in two spellings, and text that turns around on a kitchen screen.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, count, getMenu, login, mustPlaceOrder, PINS, ticketOf } from "./helpers.ts";

const ORDER = (id: string, menuVersion: number, note?: string) => ({ id, table: "A1", menuVersion, items: [{ product: "pils", qty: 1, ...(note === undefined ? {} : { note }) }] });

describe("cross-site requests", () => {
  it("a page of another site (or this host on another port) cannot bump, order, log out or open the stream", async () => {
    const station = await login("station");
    const waiter = await login("waiter");
    const order = await mustPlaceOrder(waiter, { items: [{ product: "pils", qty: 1 }] });
    const bar = ticketOf(order, "bar");
    for (const origin of ["http://pos:8080", "http://evil.example", "null"]) {
      // The body-less no-cors POST of the attack, with the station's cookie riding along.
      const bump = await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, station, { origin, "content-type": "text/plain" });
      expect(bump.status, bump.text).toBeGreaterThanOrEqual(403);
      const asJson = await api("POST", `/api/v1/tickets/${bar.id}/bump`, undefined, station, { origin });
      expect(asJson.status, asJson.text).toBe(403);
      expect(asJson.body.error).toMatchObject({ code: "CROSS_ORIGIN", path: "header.origin" });
      const logout = await api("POST", "/api/v1/logout", undefined, station, { origin });
      expect(logout.status).toBe(403);
      const socket = await SELF.fetch("http://pos/api/v1/stream?station=bar", { headers: { upgrade: "websocket", cookie: station, origin } });
      expect(socket.status).toBe(403);
    }
    // Nothing happened: the ticket is open and the station still logged in.
    expect(ticketOf((await api("GET", `/api/v1/orders/${order.id}`, undefined, station)).body.order, "bar").doneAt).toBeNull();
    expect((await api("GET", "/api/v1/session", undefined, station)).status).toBe(200);
  });

  it("a request that changes data without any Origin is refused, saying which header to send", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const res = await SELF.fetch("http://pos/api/v1/orders", {
      method: "POST",
      headers: { cookie: waiter, "content-type": "application/json" },
      body: JSON.stringify(ORDER(crypto.randomUUID(), menu.version)),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "CROSS_ORIGIN" });
    expect(body.error.message).toContain("Origin: http://pos");
  });

  it("a cross-site form cannot log a station out: logout is a JSON POST like the rest", async () => {
    const station = await login("station");
    const form = await api("POST", "/api/v1/logout", "x=1", station, { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const bodiless = await api("POST", "/api/v1/logout", undefined, station, { "content-type": "" });
    expect(bodiless.status).toBe(415);
    expect((await api("GET", "/api/v1/session", undefined, station)).status).toBe(200);
  });
});

describe("DNS rebinding", () => {
  it("a request for another host name is refused and gets no cookie; IP addresses and localhost work", async () => {
    const rebound = await SELF.fetch("http://rebind.evil.example/api/v1/login", {
      method: "POST",
      headers: { origin: "http://rebind.evil.example", "content-type": "application/json" },
      body: JSON.stringify({ name: "Eve", pin: PINS.admin }),
    });
    expect(rebound.status).toBe(403);
    expect(rebound.headers.get("set-cookie")).toBeNull();
    expect(((await rebound.json()) as any).error).toMatchObject({ code: "HOST_NOT_ALLOWED", path: "header.host" });
    expect((await SELF.fetch("http://rebind.evil.example/api/v1/health")).status).toBe(403);

    // A waiter of her own on each (one waiter's name is not in use on two new devices at once).
    for (const [host, name] of [["192.168.4.1", "Anna"], ["localhost", "Ben"], ["[fd00::1]", "Clara"], ["10.0.0.2:8080", "Dora"]]) {
      const res = await SELF.fetch(`http://${host}/api/v1/login`, {
        method: "POST",
        headers: { origin: `http://${host}`, "content-type": "application/json" },
        body: JSON.stringify({ name, pin: PINS.waiter }),
      });
      expect(res.status, host).toBe(200);
    }
  });
});

describe("body types", () => {
  it("takes only application/json, with at most a utf-8 charset", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const before = await count("SELECT count(*) AS n FROM orders");
    for (const type of ["application/json-patch+json", "application/json; charset=utf-16", "text/json", "application/jsonx", "multipart/form-data; boundary=x"]) {
      const res = await api("POST", "/api/v1/orders", ORDER(crypto.randomUUID(), menu.version), waiter, { "content-type": type });
      expect(res.status, `${type}: ${res.text}`).toBe(415);
      expect(res.body.error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", path: "header.content-type" });
    }
    expect(await count("SELECT count(*) AS n FROM orders")).toBe(before);
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""]) {
      const res = await api("POST", "/api/v1/orders", ORDER(crypto.randomUUID(), menu.version), waiter, { "content-type": type });
      expect(res.status, `${type}: ${res.text}`).toBe(201);
    }
  });
});

describe("ids", () => {
  it("the same order id in upper and lower case is one order", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const id = crypto.randomUUID();
    const first = await api("POST", "/api/v1/orders", ORDER(id.toUpperCase(), menu.version), waiter);
    expect(first.status, first.text).toBe(201);
    expect(first.body.order.id).toBe(id);
    const again = await api("POST", "/api/v1/orders", ORDER(id, menu.version), waiter);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ replay: true, order: { id } });
    expect((await api("GET", `/api/v1/orders/${id.toUpperCase()}`, undefined, waiter)).body.order.seq).toBe(first.body.order.seq);
  });
});

describe("text that turns around on a screen", () => {
  const tricks: [string, string][] = [
    ["a right-to-left override", "ohne \u202eEis"],
    ["a line separator", "ohne\u2028Eis"],
    ["a paragraph separator", "ohne\u2029Eis"],
    ["a next-line character (C1)", "ohne\u0085Eis"],
    ["a left-to-right isolate", "\u2066Pils\u2069"],
    ["a right-to-left mark", "Pils\u200f"],
    ["a line break", "ohne\nEis"],
  ];
  for (const [what, text] of tricks) {
    it(`refuses ${what} in a note, a waiter's name and a void reason, naming the character`, async () => {
      const waiter = await login("waiter");
      const menu = await getMenu(waiter);
      const note = await api("POST", "/api/v1/orders", ORDER(crypto.randomUUID(), menu.version, text), waiter);
      expect(note.status, note.text).toBe(400);
      expect(note.body.error.path).toBe("items[0].note");
      expect(note.body.error.message).toMatch(/U\+[0-9A-F]{4} at position \d+/);

      const name = await api("POST", "/api/v1/login", { name: text, pin: PINS.waiter });
      expect(name.status, name.text).toBe(400);
      expect(name.body.error.path).toBe("name");

      const order = await mustPlaceOrder(waiter, { items: [{ product: "pils", qty: 1 }] });
      const admin = await login("admin");
      const reverse = await api("POST", "/api/v1/voids", { id: crypto.randomUUID(), order: order.id, line: 0, qty: 1, reason: "mistake", note: text }, admin);
      expect(reverse.status, reverse.text).toBe(400);
      expect(reverse.body.error.path).toBe("note");
    });
  }

  it("keeps umlauts, emoji and right-to-left scripts themselves", async () => {
    const waiter = await login("waiter");
    const menu = await getMenu(waiter);
    const res = await api("POST", "/api/v1/orders", ORDER(crypto.randomUUID(), menu.version, "süß, 🍋, שלום"), waiter);
    expect(res.status, res.text).toBe(201);
  });
});
