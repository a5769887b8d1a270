// The boundary validates: every endpoint answers bad input with a 4xx JSON error naming the path,
// never a 500, and changes nothing.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE, count, currentSeq, EVENT_ID, getMenu, login, mustPlaceOrder, pageHeaders, streamRequest, ticketOf, PINS, type ApiResponse } from "./helpers.ts";

let waiter: string;
let station: string;
let admin: string;
let version: number;
let ticketId: string;
beforeAll(async () => {
  [waiter, station, admin] = await Promise.all([login("waiter"), login("station"), login("admin")]);
  version = (await getMenu(waiter)).version;
  ticketId = ticketOf(await mustPlaceOrder(waiter, { items: [{ product: "pils", qty: 1 }] }), "bar").id;
});

/** What the event's stored state looks like; nothing a refused request does may change it. */
async function fingerprint() {
  const [seq, orders, items, availability, changes, doneTickets] = await Promise.all([
    currentSeq(),
    count("SELECT count(*) AS n FROM orders"),
    count("SELECT count(*) AS n FROM order_items"),
    env.DB.prepare("SELECT product_id, sold_out, quota FROM availability WHERE event_id = ? ORDER BY product_id").bind(EVENT_ID).all(),
    count("SELECT count(*) AS n FROM changes"),
    count("SELECT count(*) AS n FROM tickets WHERE done_at IS NOT NULL OR picked_up_at IS NOT NULL"),
  ]);
  return { seq, orders, items, availability: availability.results, changes, doneTickets };
}

function expectError(res: ApiResponse, status: number, code: string, path?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body.error, res.text).toEqual(expect.objectContaining({ code, message: expect.any(String), path: expect.any(String) }));
  if (path !== undefined) expect(res.body.error.path, res.text).toBe(path);
}

const order = (over: Record<string, unknown> = {}) => ({ id: crypto.randomUUID(), table: "A1", menuVersion: version, items: [{ product: "pils", qty: 1 }], ...over });
const line = (over: Record<string, unknown>) => order({ items: [{ product: "pils", qty: 1, ...over }] });

describe("POST /orders", () => {
  // Bodies are built when the test runs, after beforeAll has read the menu version.
  const cases: [string, () => unknown, string][] = [
    ["qty 0", () => line({ qty: 0 }), "items[0].qty"],
    ["qty 1000", () => line({ qty: 1000 }), "items[0].qty"],
    ["qty 1.5", () => line({ qty: 1.5 }), "items[0].qty"],
    ['qty "2"', () => line({ qty: "2" }), "items[0].qty"],
    ["qty null", () => line({ qty: null }), "items[0].qty"],
    ["51 lines", () => order({ items: Array.from({ length: 51 }, () => ({ product: "pils", qty: 1 })) }), "items"],
    ["no lines", () => order({ items: [] }), "items"],
    ["a note of 201 characters", () => line({ note: "x".repeat(201) }), "items[0].note"],
    ["a note that is a number", () => line({ note: 5 }), "items[0].note"],
    ["options that are not a list", () => line({ options: "scharf" }), "items[0].options"],
    ["a missing table", () => ({ id: crypto.randomUUID(), menuVersion: 1, items: [{ product: "pils", qty: 1 }] }), "table"],
    ["a missing id", () => ({ table: "A1", menuVersion: 1, items: [{ product: "pils", qty: 1 }] }), "id"],
    ["a missing menu version", () => ({ id: crypto.randomUUID(), table: "A1", items: [{ product: "pils", qty: 1 }] }), "menuVersion"],
    ["a missing product", () => order({ items: [{ qty: 1 }] }), "items[0].product"],
    ["a non-UUID id", () => order({ id: "order-1" }), "id"],
    ["a negative menu version", () => order({ menuVersion: -1 }), "menuVersion"],
    ["a table name of 17 characters", () => order({ table: "T".repeat(17) }), "table"],
    ["an array body", () => [order()], ""],
  ];
  for (const [what, body, path] of cases) {
    it(`refuses ${what} with 400 INVALID_INPUT at ${path || "the root"} and stores nothing`, async () => {
      const before = await fingerprint();
      const res = await api("POST", "/api/v1/orders", body(), waiter);
      expectError(res, 400, "INVALID_INPUT");
      if (path) expect(res.body.error.path).toBe(path);
      expect(await fingerprint()).toEqual(before);
    });
  }

  it("refuses an extra field at the root and in a line with 400 naming the field", async () => {
    const before = await fingerprint();
    expectError(await api("POST", "/api/v1/orders", order({ price: 0 }), waiter), 400, "INVALID_INPUT", "price");
    expectError(await api("POST", "/api/v1/orders", line({ unitCents: 1 }), waiter), 400, "INVALID_INPUT", "items[0].unitCents");
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses malformed JSON with 400 INVALID_INPUT", async () => {
    const before = await fingerprint();
    expectError(await api("POST", "/api/v1/orders", '{"id": "x", ', waiter), 400, "INVALID_INPUT");
    expectError(await api("POST", "/api/v1/orders", "", waiter), 400, "INVALID_INPUT");
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a body that is not application/json with 415", async () => {
    const before = await fingerprint();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const res = await api("POST", "/api/v1/orders", JSON.stringify(order()), waiter, { "content-type": type });
      expectError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "header.content-type");
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a body over 64 KB with 413 PAYLOAD_TOO_LARGE, with or without a content-length", async () => {
    const before = await fingerprint();
    const big = JSON.stringify(line({ note: "x".repeat(70 * 1024) }));
    expectError(await api("POST", "/api/v1/orders", big, waiter), 413, "PAYLOAD_TOO_LARGE");

    // A streamed body has no content-length: the limit still holds.
    const bytes = new TextEncoder().encode(big);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/api/v1/orders`, { method: "POST", headers: pageHeaders("POST", { cookie: waiter }), body });
    const parsed = (await res.json()) as any;
    expect(res.status, JSON.stringify(parsed)).toBe(413);
    expect(parsed.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await fingerprint()).toEqual(before);
  });

  it("accepts the largest valid order: 50 lines, 999 items, five 200-character notes", async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ product: i % 2 ? "pommes" : "pils", qty: i === 0 ? 950 : 1, ...(i < 5 ? { note: `${i}`.padEnd(200, "ü") } : {}) }));
    const res = await api("POST", "/api/v1/orders", order({ items }), waiter);
    expect(res.status, res.text).toBe(201);
    expect(res.body.order.tickets.map((t: any) => t.items.length)).toEqual([25, 25]);
    expect(await count("SELECT count(*) AS n FROM order_items WHERE order_id = ?", res.body.order.id)).toBe(50);
  });

  it("stores a note with HTML verbatim and returns it as JSON text", async () => {
    const note = "<img src=x onerror=alert(1)>";
    const placed = await api("POST", "/api/v1/orders", line({ note }), waiter);
    expect(placed.status, placed.text).toBe(201);
    expect(placed.headers.get("content-type")).toMatch(/^application\/json/);
    expect(placed.headers.get("x-content-type-options")).toBe("nosniff");
    expect(placed.body.order.tickets[0].items[0].note).toBe(note);
    const stored = await env.DB.prepare("SELECT note FROM order_items WHERE order_id = ?").bind(placed.body.order.id).first<{ note: string }>();
    expect(stored?.note).toBe(note);
    const read = await api("GET", `/api/v1/orders/${placed.body.order.id}`, undefined, waiter);
    expect(read.headers.get("content-type")).toMatch(/^application\/json/);
    expect(read.body.order.tickets[0].items[0].note).toBe(note);
  });
});

describe("every other endpoint", () => {
  it("POST /login refuses bad bodies with 4xx and a path, and sets no cookie", async () => {
    const ip = { "cf-connecting-ip": crypto.randomUUID() };
    const cases: [unknown, string][] = [
      [{ name: "Anna" }, "pin"],
      [{ pin: PINS.waiter }, "name"],
      [{ name: "Anna", pin: "12a4" }, "pin"],
      [{ name: "Anna", pin: "123" }, "pin"],
      [{ name: "Anna", pin: Number(PINS.waiter) }, "pin"],
      [{ name: "", pin: PINS.waiter }, "name"],
      [{ name: "<script>", pin: PINS.waiter }, "name"],
      [{ name: "A".repeat(41), pin: PINS.waiter }, "name"],
      [{ name: "Anna", pin: PINS.waiter, role: "admin" }, "role"],
    ];
    for (const [body, path] of cases) {
      const res = await api("POST", "/api/v1/login", body, undefined, ip);
      expectError(res, 400, "INVALID_INPUT", path);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expectError(await api("POST", "/api/v1/login", "{", undefined, ip), 400, "INVALID_INPUT");
    expectError(await api("POST", "/api/v1/login", `name=Anna&pin=${PINS.waiter}`, undefined, { ...ip, "content-type": "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("POST /logout refuses a body that is not JSON with 415", async () => {
    expectError(await api("POST", "/api/v1/logout", "bye", waiter, { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("GET /session, /event, /menu and /tables refuse a garbage cookie with 401", async () => {
    for (const path of ["/session", "/event", "/menu", "/tables"]) {
      expectError(await api("GET", `/api/v1${path}`, undefined, "mini_pos_session=%%%garbage"), 401, "UNAUTHENTICATED");
    }
  });

  it("GET /tables/:name/orders refuses a name that is too long (400) or unknown (404)", async () => {
    expectError(await api("GET", `/api/v1/tables/${"T".repeat(17)}/orders`, undefined, waiter), 400, "INVALID_INPUT", "param.name");
    expectError(await api("GET", "/api/v1/tables/Z9/orders", undefined, waiter), 404, "NOT_FOUND", "param.name");
  });

  it("GET /orders/:id refuses a non-UUID id with 400 at param.id", async () => {
    expectError(await api("GET", "/api/v1/orders/42", undefined, waiter), 400, "INVALID_INPUT", "param.id");
    expectError(await api("GET", "/api/v1/orders/%3Cscript%3E", undefined, waiter), 400, "INVALID_INPUT", "param.id");
  });

  it("GET /tickets refuses a bad query with 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["limit=0", "query.limit"],
      ["limit=1001", "query.limit"],
      ["limit=abc", "query.limit"],
      ["state=closed", "query.state"],
      ["station=BAR!", "query.station"],
      [`q=${"x".repeat(41)}`, "query.q"],
      ["sort=asc", "query.sort"],
    ];
    for (const [query, path] of cases) expectError(await api("GET", `/api/v1/tickets?${query}`, undefined, station), 400, "INVALID_INPUT", path);
  });

  it("ticket actions refuse bad params with 400 and change nothing", async () => {
    const before = await fingerprint();
    for (const action of ["bump", "undo", "pickup"]) {
      expectError(await api("POST", `/api/v1/tickets/${"x".repeat(121)}/${action}`, undefined, admin), 400, "INVALID_INPUT", "param.id");
    }
    for (const action of ["bump", "undo"]) {
      for (const bad of ["abc", "-1", "100", "1.5", "1000"]) {
        expectError(await api("POST", `/api/v1/tickets/${ticketId}/items/${bad}/${action}`, undefined, station), 400, "INVALID_INPUT", "param.line");
      }
    }
    expectError(await api("POST", `/api/v1/tickets/${ticketId}/bump`, "now", station, { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await fingerprint()).toEqual(before);
  });

  it("PUT /products/:product/availability refuses bad bodies with 400 and changes nothing", async () => {
    const before = await fingerprint();
    const cases: [unknown, string][] = [
      [{}, ""],
      [{ quota: -1 }, "quota"],
      [{ quota: 1.5 }, "quota"],
      [{ quota: "3" }, "quota"],
      [{ quota: 100_001 }, "quota"],
      [{ soldOut: "yes" }, "soldOut"],
      [{ soldOut: true, price: 0 }, "price"],
    ];
    for (const [body, path] of cases) {
      const res = await api("PUT", "/api/v1/products/pils/availability", body, admin);
      expectError(res, 400, "INVALID_INPUT");
      if (path) expect(res.body.error.path, res.text).toBe(path);
    }
    expectError(await api("PUT", `/api/v1/products/${"p".repeat(49)}/availability`, { soldOut: true }, admin), 400, "INVALID_INPUT", "param.product");
    expectError(await api("PUT", "/api/v1/products/pils/availability", "{soldOut:true}", admin), 400, "INVALID_INPUT");
    expect(await fingerprint()).toEqual(before);
  });

  it("GET /stream refuses a bad query with 400 naming the parameter", async () => {
    for (const [query, path] of [["?since=abc", "query.since"], ["?since=-1", "query.since"], ["?since=1.5", "query.since"], ["?station=Bar%20", "query.station"], ["?foo=1", "query.foo"]]) {
      const res = await streamRequest(waiter, query);
      const body = (await res.json()) as any;
      expect(res.status, `${query}: ${JSON.stringify(body)}`).toBe(400);
      expect(body.error, query).toMatchObject({ code: "INVALID_INPUT", path });
    }
  });

  it("answers an unknown /api path with a JSON 404, also without a session", async () => {
    for (const [method, path, cookie] of [["GET", "/api/v1/nope", waiter], ["GET", "/api/v1/nope", undefined], ["POST", "/api/v1/orders/extra/segment", waiter], ["DELETE", "/api/v1/orders", waiter], ["GET", "/api/v2/menu", waiter]] as const) {
      const res = await api(method, path, undefined, cookie);
      expectError(res, 404, "NOT_FOUND", "url");
    }
  });
});
