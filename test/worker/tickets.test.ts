import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, count, EVENT_ID, login, mustPlaceOrder, ticketOf } from "./helpers.ts";
import type { Ticket } from "../../worker/protocol.ts";

let waiter: string;
let station: string;
beforeAll(async () => {
  waiter = await login("waiter", "Ben");
  station = await login("station", "Tresen");
});

/** A fresh order with a bar ticket of two lines (0 and 1) and a kitchen ticket (line 2). */
async function freshTickets(table = "A3") {
  const order = await mustPlaceOrder(waiter, {
    table,
    items: [{ product: "pils", qty: 2 }, { product: "cola", qty: 1 }, { product: "bratwurst", qty: 1 }],
  });
  return { order, bar: ticketOf(order, "bar"), kitchen: ticketOf(order, "kitchen") };
}

const act = (path: string, cookie = station) => api("POST", `/api/v1/tickets/${path}`, undefined, cookie);

async function storedTicket(id: string) {
  const ticket = await env.DB.prepare("SELECT done_at, picked_up_at FROM tickets WHERE id = ?").bind(id).first<{ done_at: number | null; picked_up_at: number | null }>();
  const items = await env.DB.prepare("SELECT line, done_at FROM order_items WHERE ticket_id = ? ORDER BY line").bind(id).all<{ line: number; done_at: number | null }>();
  return { ...ticket!, items: items.results };
}

const lastChange = () =>
  env.DB.prepare("SELECT seq, type, frame FROM changes WHERE event_id = ? ORDER BY seq DESC LIMIT 1").bind(EVENT_ID).first<{ seq: number; type: string; frame: string }>();

describe("bumping", () => {
  it("marks an item done, and closes the ticket when its last item is bumped (auto_close)", async () => {
    const { bar } = await freshTickets();
    const first = await act(`${bar.id}/items/0/bump`);
    expect(first.status, first.text).toBe(200);
    expect(first.body.ticket.doneAt).toBeNull();
    expect(first.body.ticket.items.map((i: any) => i.doneAt !== null)).toEqual([true, false]);
    expect(Number.isInteger(first.body.seq)).toBe(true);
    const change = await lastChange();
    expect(change).toMatchObject({ seq: first.body.seq, type: "item.bumped" });
    expect(JSON.parse(change!.frame)).toMatchObject({ by: "Tresen", ticket: { id: bar.id } });
    expect((await storedTicket(bar.id)).done_at).toBeNull();

    const second = await act(`${bar.id}/items/1/bump`);
    expect(second.status, second.text).toBe(200);
    expect(second.body.seq).toBe(first.body.seq + 1);
    expect(second.body.ticket.doneAt).not.toBeNull();
    const stored = await storedTicket(bar.id);
    expect(stored.done_at).toBe(second.body.ticket.doneAt);
    expect(stored.items.every((i) => i.done_at !== null)).toBe(true);
  });

  it("bumps a whole ticket: the ticket and all its items are done", async () => {
    const { bar, kitchen } = await freshTickets();
    const res = await act(`${bar.id}/bump`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ticket.doneAt).not.toBeNull();
    expect(res.body.ticket.items.every((i: any) => i.doneAt === res.body.ticket.doneAt)).toBe(true);
    expect((await lastChange())).toMatchObject({ seq: res.body.seq, type: "ticket.bumped" });
    const stored = await storedTicket(bar.id);
    expect(stored.done_at).toBe(res.body.ticket.doneAt);
    expect(stored.items.map((i) => i.done_at)).toEqual([res.body.ticket.doneAt, res.body.ticket.doneAt]);
    // The other station's ticket of the same order is untouched.
    expect((await storedTicket(kitchen.id)).done_at).toBeNull();
  });

  it("treats a repeated bump as a no-op with seq null and records no change", async () => {
    const { bar } = await freshTickets();
    const first = await act(`${bar.id}/bump`);
    expect(first.status, first.text).toBe(200);
    const changes = await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID);
    for (const path of [`${bar.id}/bump`, `${bar.id}/items/0/bump`]) {
      const again = await act(path);
      expect(again.status, again.text).toBe(200);
      expect(again.body.seq).toBeNull();
      expect(again.body.ticket).toEqual(first.body.ticket);
    }
    expect(await count("SELECT count(*) AS n FROM changes WHERE event_id = ?", EVENT_ID)).toBe(changes);
  });
});

describe("undo", () => {
  it("reopens a bumped ticket (ticket.reopened) with all its items", async () => {
    const { bar } = await freshTickets();
    await act(`${bar.id}/bump`);
    const res = await act(`${bar.id}/undo`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ticket).toMatchObject({ doneAt: null, pickedUpAt: null });
    expect(res.body.ticket.items.map((i: any) => i.doneAt)).toEqual([null, null]);
    expect(await lastChange()).toMatchObject({ seq: res.body.seq, type: "ticket.reopened" });
    expect(await storedTicket(bar.id)).toEqual({ done_at: null, picked_up_at: null, items: [{ line: 0, done_at: null }, { line: 1, done_at: null }] });
    const again = await act(`${bar.id}/undo`);
    expect(again.body.seq).toBeNull();
  });

  it("reopens one item (item.reopened), which reopens its closed ticket", async () => {
    const { bar } = await freshTickets();
    await act(`${bar.id}/bump`);
    const res = await act(`${bar.id}/items/1/undo`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ticket.doneAt).toBeNull();
    expect(res.body.ticket.items.map((i: any) => i.doneAt !== null)).toEqual([true, false]);
    expect(await lastChange()).toMatchObject({ seq: res.body.seq, type: "item.reopened" });
    const stored = await storedTicket(bar.id);
    expect(stored.done_at).toBeNull();
    expect(stored.items.map((i) => i.done_at !== null)).toEqual([true, false]);
  });
});

describe("pickup", () => {
  it("refuses to pick up a ticket that is not ready (409 TICKET_NOT_READY), then picks it up once done", async () => {
    const { kitchen } = await freshTickets();
    const early = await act(`${kitchen.id}/pickup`, waiter);
    expect(early.status, early.text).toBe(409);
    expect(early.body.error).toMatchObject({ code: "TICKET_NOT_READY", path: "ticket" });
    expect((await storedTicket(kitchen.id)).picked_up_at).toBeNull();

    await act(`${kitchen.id}/bump`);
    const res = await act(`${kitchen.id}/pickup`, waiter);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ticket.pickedUpAt).not.toBeNull();
    expect(await lastChange()).toMatchObject({ seq: res.body.seq, type: "ticket.picked_up" });
    expect((await storedTicket(kitchen.id)).picked_up_at).toBe(res.body.ticket.pickedUpAt);
    expect((await act(`${kitchen.id}/pickup`, waiter)).body.seq).toBeNull();
  });
});

describe("unknown tickets and lines", () => {
  it("answers 404 for a ticket that does not exist", async () => {
    for (const path of ["nope/bump", `${crypto.randomUUID()}.bar/undo`, "nope/items/0/bump"]) {
      const res = await act(path);
      expect(res.status, `${path}: ${res.text}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("answers 404 for a line the ticket does not have", async () => {
    const { bar } = await freshTickets();
    // Line 2 exists in the order, but on the kitchen ticket.
    const res = await act(`${bar.id}/items/2/bump`);
    expect(res.status, res.text).toBe(404);
    expect(res.body.error).toMatchObject({ code: "NOT_FOUND", path: "line" });
    expect((await storedTicket(bar.id)).items.every((i) => i.done_at === null)).toBe(true);
  });
});

describe("the ticket list", () => {
  const ids = (res: { body: { tickets: Ticket[] } }) => res.body.tickets.map((t) => t.id);

  it("lists the open tickets of one station", async () => {
    const { bar, kitchen } = await freshTickets();
    const done = await freshTickets();
    await act(`${done.bar.id}/bump`);
    const res = await api("GET", "/api/v1/tickets?station=bar&state=open", undefined, station);
    expect(res.status, res.text).toBe(200);
    expect(ids(res)).toContain(bar.id);
    expect(ids(res)).not.toContain(kitchen.id);
    expect(ids(res)).not.toContain(done.bar.id);
    for (const t of res.body.tickets as Ticket[]) expect(t).toMatchObject({ station: "bar", doneAt: null });
    expect(res.body.tickets.find((t: Ticket) => t.id === bar.id)).toEqual(bar);

    const doneList = await api("GET", "/api/v1/tickets?station=bar&state=done", undefined, station);
    expect(ids(doneList)).toContain(done.bar.id);
    expect(ids(doneList)).not.toContain(bar.id);
  });

  it("lists the newest first and honours limit", async () => {
    await freshTickets();
    const latest = await freshTickets();
    const res = await api("GET", "/api/v1/tickets?limit=2", undefined, station);
    expect(res.status, res.text).toBe(200);
    expect(ids(res)).toHaveLength(2);
    expect(ids(res).sort()).toEqual([latest.bar.id, latest.kitchen.id].sort());
  });

  it("finds tickets by table name and by product name with q=", async () => {
    const atF7 = await mustPlaceOrder(waiter, { table: "F7", items: [{ product: "pils", qty: 1 }] });
    const salad = await mustPlaceOrder(waiter, { table: "A4", items: [{ product: "wurstsalat", qty: 1, options: ["ohne Brot"] }] });

    const byTable = await api("GET", "/api/v1/tickets?q=F7", undefined, station);
    expect(byTable.status, byTable.text).toBe(200);
    expect(ids(byTable)).toContain(ticketOf(atF7, "bar").id);
    expect(ids(byTable)).not.toContain(ticketOf(salad, "kitchen").id);
    for (const t of byTable.body.tickets as Ticket[]) expect(t.table).toContain("F7");

    const byProduct = await api("GET", `/api/v1/tickets?q=${encodeURIComponent("wurstSALAT")}&station=kitchen`, undefined, station);
    expect(byProduct.status, byProduct.text).toBe(200);
    expect(ids(byProduct)).toContain(ticketOf(salad, "kitchen").id);
    expect(ids(byProduct)).not.toContain(ticketOf(atF7, "bar").id);
    for (const t of byProduct.body.tickets as Ticket[]) expect(t.items.some((i) => i.name === "Wurstsalat")).toBe(true);

    // LIKE wildcards are searched for literally.
    const wildcard = await api("GET", `/api/v1/tickets?q=${encodeURIComponent("%")}`, undefined, station);
    expect(wildcard.status, wildcard.text).toBe(200);
    expect(wildcard.body.tickets).toEqual([]);
  });
});
