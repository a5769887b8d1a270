// The coordinator's pure rules, without the runtime around them.
import { describe, expect, it } from "vitest";
import config from "../../config.json";
import { checkConfig } from "../../worker/config/schema.ts";
import { buildEvent } from "../../worker/config/event.ts";
import { applyTicketAction } from "../../worker/domain/tickets.ts";
import { buildOrder, checkReferences, menuChanges, menuSnapshot, takeFromStock } from "../../worker/domain/orders.ts";
import { canonicalOrder, hashOrder } from "../../worker/coordinator/commands/placeOrder.ts";
import type { PlaceOrderBody, ProductAvailability, Ticket } from "../../worker/protocol.ts";

const event = buildEvent(checkConfig(config).config!);
const id = "7d0e2c5a-1b9f-4c3e-8a6d-2f1e0b9c8d7a";
const body = (items: PlaceOrderBody["items"], table = "A1"): PlaceOrderBody => ({ id, table, menuVersion: 1, items });
const avail = (...rows: ProductAvailability[]) => new Map(rows.map((a) => [a.product, a]));

function ticket(lines: number[], done: (number | null)[] = lines.map(() => null)): Ticket {
  return {
    id: `${id}.bar`,
    orderId: id,
    station: "bar",
    table: "A1",
    number: 1,
    counter: null,
    waiter: "Anna",
    createdAt: 1,
    doneAt: null,
    pickedUpAt: null,
    items: lines.map((line, i) => ({ line, product: "pils", name: "Pils", unitCents: 300, depositCents: 0, category: "bier", station: "bar", qty: 1, voidedQty: 0, note: "", options: [], doneAt: done[i] ?? null })),
  };
}

describe("applyTicketAction", () => {
  it("bumps one item; bumping the last item closes the ticket when auto_close is on", () => {
    const first = applyTicketAction(ticket([0, 1]), { type: "item.bump", line: 0 }, true, 10) as Ticket;
    expect(first.doneAt).toBeNull();
    expect(first.items.map((i) => i.doneAt)).toEqual([10, null]);
    const second = applyTicketAction(first, { type: "item.bump", line: 1 }, true, 20) as Ticket;
    expect(second.doneAt).toBe(20);
    expect(second.items.map((i) => i.doneAt)).toEqual([10, 20]);
  });

  it("leaves the ticket open when the last item is bumped and auto_close is off", () => {
    const t = applyTicketAction(ticket([0, 1], [10, null]), { type: "item.bump", line: 1 }, false, 20) as Ticket;
    expect(t.items.map((i) => i.doneAt)).toEqual([10, 20]);
    expect(t.doneAt).toBeNull();
    // The station then closes it by hand.
    const closed = applyTicketAction(t, { type: "ticket.bump" }, false, 30) as Ticket;
    expect(closed.doneAt).toBe(30);
    expect(closed.items.map((i) => i.doneAt)).toEqual([10, 20]);
  });

  it("bumps a whole ticket, keeping the time of items that were done before", () => {
    const t = applyTicketAction(ticket([0, 1, 2], [5, null, null]), { type: "ticket.bump" }, true, 50) as Ticket;
    expect(t.doneAt).toBe(50);
    expect(t.items.map((i) => i.doneAt)).toEqual([5, 50, 50]);
  });

  it("reopens a whole ticket with all its items and forgets a pickup", () => {
    const done = { ...ticket([0, 1], [5, 6]), doneAt: 6, pickedUpAt: 7 };
    const t = applyTicketAction(done, { type: "ticket.undo" }, true, 60) as Ticket;
    expect(t).toMatchObject({ doneAt: null, pickedUpAt: null });
    expect(t.items.map((i) => i.doneAt)).toEqual([null, null]);
  });

  it("reopens one item, which reopens the ticket", () => {
    const done = { ...ticket([0, 1], [5, 6]), doneAt: 6, pickedUpAt: 7 };
    const t = applyTicketAction(done, { type: "item.undo", line: 1 }, true, 60) as Ticket;
    expect(t).toMatchObject({ doneAt: null, pickedUpAt: null });
    expect(t.items.map((i) => i.doneAt)).toEqual([5, null]);
  });

  it("picks up only a done ticket", () => {
    expect(applyTicketAction(ticket([0]), { type: "ticket.pickup" }, true, 1)).toMatchObject({ ok: false, error: { code: "TICKET_NOT_READY" } });
    const done = { ...ticket([0], [5]), doneAt: 5 };
    expect(applyTicketAction(done, { type: "ticket.pickup" }, true, 9)).toMatchObject({ pickedUpAt: 9 });
  });

  it("returns the very same ticket when nothing changes, so that a retry is a no-op", () => {
    const open = ticket([0, 1], [5, null]);
    const done = { ...ticket([0], [5]), doneAt: 5 };
    const picked = { ...done, pickedUpAt: 6 };
    expect(applyTicketAction(open, { type: "ticket.undo" }, true, 9)).toBe(open);
    expect(applyTicketAction(open, { type: "item.bump", line: 0 }, true, 9)).toBe(open);
    expect(applyTicketAction(open, { type: "item.undo", line: 1 }, true, 9)).toBe(open);
    expect(applyTicketAction(done, { type: "ticket.bump" }, true, 9)).toBe(done);
    expect(applyTicketAction(picked, { type: "ticket.pickup" }, true, 9)).toBe(picked);
  });

  it("answers NOT_FOUND for a line the ticket does not have", () => {
    for (const type of ["item.bump", "item.undo"] as const) {
      expect(applyTicketAction(ticket([0, 2]), { type, line: 1 }, true, 9)).toMatchObject({ ok: false, error: { code: "NOT_FOUND", path: "line" } });
    }
  });

  it("does not change the ticket it is given", () => {
    const t = ticket([0, 1]);
    const copy = structuredClone(t);
    applyTicketAction(t, { type: "item.bump", line: 0 }, true, 9);
    applyTicketAction(t, { type: "ticket.bump" }, true, 9);
    expect(t).toEqual(copy);
  });
});

describe("canonicalOrder", () => {
  it("is the same for the same content, whatever the menu version, option order or missing note", () => {
    const a = canonicalOrder({ ...body([{ product: "pommes", qty: 1, options: ["mit Mayo", "mit Ketchup"] }]), menuVersion: 1 });
    const b = canonicalOrder({ ...body([{ product: "pommes", qty: 1, options: ["mit Ketchup", "mit Mayo"], note: "" }]), menuVersion: 7 });
    expect(a).toBe(b);
  });

  it("differs when the table, a product, a quantity, a note or the line order differs", () => {
    const lines = [{ product: "pils", qty: 1 }, { product: "pommes", qty: 2 }];
    const base = canonicalOrder(body(lines));
    const variants = [
      body(lines, "A2"),
      body([{ product: "radler", qty: 1 }, lines[1]!]),
      body([{ product: "pils", qty: 2 }, lines[1]!]),
      body([{ ...lines[0]!, note: "kalt" }, lines[1]!]),
      body([lines[1]!, lines[0]!]),
    ];
    for (const v of variants) expect(canonicalOrder(v)).not.toBe(base);
  });

  it("hashes to a hex SHA-256 that follows the canonical form", async () => {
    const h = await hashOrder(body([{ product: "pils", qty: 1 }]));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOrder({ ...body([{ product: "pils", qty: 1 }]), menuVersion: 9 })).toBe(h);
    expect(await hashOrder(body([{ product: "pils", qty: 2 }]))).not.toBe(h);
  });
});

describe("checkReferences", () => {
  it("names the first unknown table, product or option", () => {
    expect(checkReferences(event, body([{ product: "pils", qty: 1 }], "Z1"), true)?.error.path).toBe("table");
    expect(checkReferences(event, body([{ product: "pils", qty: 1 }, { product: "x", qty: 1 }]), true)?.error.path).toBe("items[1].product");
    expect(checkReferences(event, body([{ product: "pils", qty: 1, options: ["scharf"] }]), true)?.error.path).toBe("items[0].options[0]");
    expect(checkReferences(event, body([{ product: "pommes", qty: 1, options: ["rot-weiß"] }]), true)).toBeUndefined();
  });

  it("leaves an unknown product on a stale menu to menuChanges", () => {
    expect(checkReferences(event, body([{ product: "gone", qty: 1 }]), false)).toBeUndefined();
  });
});

describe("menuChanges", () => {
  const seen = () => menuSnapshot(event, new Map());

  it("is empty when nothing the order uses changed", () => {
    const availability = avail({ product: "radler", soldOut: true, quota: null });
    expect(menuChanges(event, body([{ product: "pils", qty: 1 }]), seen(), availability)).toEqual([]);
  });

  it("lists a product sold out since, once even when it is on several lines", () => {
    const availability = avail({ product: "pils", soldOut: true, quota: null });
    const order = body([{ product: "pils", qty: 1 }, { product: "pommes", qty: 1 }, { product: "pils", qty: 2, note: "kalt" }]);
    expect(menuChanges(event, order, seen(), availability)).toEqual([{ product: "pils", name: "Pils", kind: "sold_out" }]);
  });

  it("does not list a product that was already sold out in the menu the waiter saw", () => {
    const availability = avail({ product: "pils", soldOut: true, quota: null });
    expect(menuChanges(event, body([{ product: "pils", qty: 1 }]), menuSnapshot(event, availability), availability)).toEqual([]);
  });

  it("lists a price change with the old and new price in cents", () => {
    const old = { ...seen(), pils: { name: "Pils", priceCents: 280, soldOut: false } };
    expect(menuChanges(event, body([{ product: "pils", qty: 1 }]), old, new Map())).toEqual([{ product: "pils", name: "Pils", kind: "price", oldCents: 280, newCents: 300 }]);
  });

  it("lists a product that is no longer on the menu as removed", () => {
    const old = { ...seen(), met: { name: "Met", priceCents: 450, soldOut: false } };
    expect(menuChanges(event, body([{ product: "met", qty: 1 }]), old, new Map())).toEqual([{ product: "met", name: "Met", kind: "removed", oldCents: 450 }]);
  });
});

describe("takeFromStock", () => {
  it("changes nothing for products without a quota", () => {
    expect(takeFromStock(event, body([{ product: "pils", qty: 5 }]), new Map())).toEqual([]);
  });

  it("counts a quota down by the quantity of all lines of that product", () => {
    const availability = avail({ product: "pils", soldOut: false, quota: 10 });
    expect(takeFromStock(event, body([{ product: "pils", qty: 3 }, { product: "pommes", qty: 1 }, { product: "pils", qty: 2 }]), availability)).toEqual([
      { product: "pils", soldOut: false, quota: 5 },
    ]);
  });

  it("sells out when the quota reaches exactly zero", () => {
    const availability = avail({ product: "pils", soldOut: false, quota: 2 });
    expect(takeFromStock(event, body([{ product: "pils", qty: 2 }]), availability)).toEqual([{ product: "pils", soldOut: true, quota: 0 }]);
  });

  it("refuses more than is left with QUOTA_EXCEEDED and what is left", () => {
    const availability = avail({ product: "pils", soldOut: false, quota: 2 });
    expect(takeFromStock(event, body([{ product: "pils", qty: 2 }, { product: "pils", qty: 1 }]), availability)).toMatchObject({
      ok: false,
      error: { code: "QUOTA_EXCEEDED", path: "items", products: [{ product: "pils", name: "Pils", left: 2 }] },
    });
  });

  it("refuses a sold-out product with SOLD_OUT, before any quota problem", () => {
    const availability = avail({ product: "pils", soldOut: false, quota: 1 }, { product: "pommes", soldOut: true, quota: null });
    expect(takeFromStock(event, body([{ product: "pils", qty: 5 }, { product: "pommes", qty: 1 }]), availability)).toMatchObject({
      ok: false,
      error: { code: "SOLD_OUT", products: [{ product: "pommes", name: "Pommes", left: 0 }] },
    });
  });
});

describe("buildOrder", () => {
  it("snapshots each item and splits the order into one ticket per station, in order of first appearance", () => {
    const order = buildOrder(
      event,
      body([
        { product: "pommes", qty: 2, note: "  rot-weiß bitte ", options: ["rot-weiß"] },
        { product: "pils", qty: 3 },
        { product: "bratwurst", qty: 1 },
      ]),
      { seq: 42, number: 7, waiter: "Anna", menuVersion: 3, now: 1000 },
    );
    expect(order).toMatchObject({ id, seq: 42, number: 7, counter: null, table: "A1", waiter: "Anna", menuVersion: 3, createdAt: 1000, totalCents: 2 * 350 + 3 * 300 + 350 });
    expect(order.tickets.map((t) => [t.id, t.station, t.items.map((i) => i.line)])).toEqual([
      [`${id}.kitchen`, "kitchen", [0, 2]],
      [`${id}.bar`, "bar", [1]],
    ]);
    expect(order.tickets[0]).toMatchObject({ orderId: id, table: "A1", waiter: "Anna", createdAt: 1000, doneAt: null, pickedUpAt: null });
    expect(order.tickets[0]!.items[0]).toEqual({
      line: 0,
      product: "pommes",
      name: "Pommes",
      unitCents: 350,
      depositCents: 0,
      category: "essen",
      station: "kitchen",
      qty: 2,
      voidedQty: 0,
      note: "rot-weiß bitte",
      options: ["rot-weiß"],
      doneAt: null,
    });
    expect(order.tickets[1]!.items[0]).toMatchObject({ product: "pils", unitCents: 300, note: "", options: [] });
  });
});
