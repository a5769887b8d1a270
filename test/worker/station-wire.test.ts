// The station codec (worker/protocol/stationWire.ts) as a property: for random orders and frames
// of every kind, what the worker encodes for a station and the screen decodes after the wire gives
// the screen all it shows of them (its own ticket's lines with names, quantities, voids, notes,
// options and times, where the ticket and each part of a line a move split goes, who ordered it,
// whether the other stations are done),
// and a station is sent only the frames its screen needs, without prices.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BillPosition, DeltaFrame, Order, OrderPositions, StationDeltaFrame, Ticket } from "../../worker/protocol.ts";
import { decodeStationDelta, decodeStationSnapshot, encodeStationDelta, encodeStationSnapshot, parseTicketId, partsOf, ticketId, ticketTablesOf } from "../../worker/protocol.ts";
import { frame, order, orders, STATIONS } from "./station-arbitraries.ts";

/** Through the socket: what JSON keeps of it. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/**
 * What a station's screen shows of a ticket: another station's only as done or not; its own with
 * each line's parts by table (`positions`: its order's, where the screen has them).
 */
function shownTicket(t: Ticket, station: string, positions: readonly BillPosition[] = []) {
  if (t.station !== station) return { id: t.id, orderId: t.orderId, station: t.station, done: t.doneAt !== null };
  const items = t.items.map((i) => ({ line: i.line, product: i.product, name: i.name, qty: i.qty, voidedQty: i.voidedQty, note: i.note, options: i.options, doneAt: i.doneAt, tables: partsOf(i, positions, t.table) }));
  return { id: t.id, orderId: t.orderId, station: t.station, table: t.table, number: t.number, counter: t.counter, waiter: t.waiter, createdAt: t.createdAt, doneAt: t.doneAt, pickedUpAt: t.pickedUpAt, items };
}

/** What a station's screen shows of an order: its own ticket whole, the others done or not. */
function shownOrder(o: Order, station: string) {
  const own = o.tickets.find((t) => t.station === station);
  const others = Object.fromEntries(o.tickets.filter((t) => t !== own).map((t) => [t.station, shownTicket(t, station)]));
  return { id: o.id, table: o.table, number: o.number, counter: o.counter, waiter: o.waiter, createdAt: o.createdAt, closedAt: o.closedAt, own: own && shownTicket(own, station, o.positions), tables: own && ticketTablesOf(own, o.positions), others };
}

const hasTicketAt = (o: Order, station: string) => o.tickets.some((t) => t.station === station);

describe("the station codec", () => {
  it("gives back every order of the snapshot with a ticket at the station, as its screen shows it", () => {
    fc.assert(
      fc.property(orders, fc.constantFrom(...STATIONS), (all, station) => {
        const sent = encodeStationSnapshot(station, 12, 3, all, 1_750_000_000_000);
        expect(JSON.stringify(sent)).not.toMatch(/unitCents|depositCents|positions|category/);
        const shown = decodeStationSnapshot(wire(sent)).orders;
        expect(shown.map((o) => shownOrder(o, station))).toEqual(all.filter((o) => hasTicketAt(o, station)).map((o) => shownOrder(o, station)));
        for (const o of shown) for (const t of o.tickets) expect(t.id).toBe(ticketId(o.id, t.station));
      }),
      { numRuns: 500 },
    );
  });

  it("gives back the change each frame makes to what the station shows, completed from the orders the screen holds", () => {
    const cases = orders.chain((known) => fc.tuple(fc.constant(known), frame(known, 40), fc.constantFrom(...STATIONS)));
    fc.assert(
      fc.property(cases, ([known, sent, station]) => {
        const lean = encodeStationDelta(sent, station);
        const held = new Map(decodeStationSnapshot(wire(encodeStationSnapshot(station, 12, 3, known, 0))).orders.map((o) => [o.id, o]));
        const got = lean && decodeStationDelta(wire(lean) as StationDeltaFrame, station, held);
        expect(lean === undefined || !JSON.stringify(lean).includes("unitCents")).toBe(true);
        expectStationView(sent, got, station, held);
      }),
      { numRuns: 1000 },
    );
  });

  it("brings back a done ticket of a closed order from the tickets the screen remembers", () => {
    fc.assert(
      fc.property(order, fc.constantFrom(...STATIONS), (o, station) => {
        const own = o.tickets.find((t) => t.station === station);
        fc.pre(own !== undefined);
        const undone: DeltaFrame = { type: "ticket.reopened", seq: 5, ticket: { ...own!, doneAt: null, pickedUpAt: null }, by: "Theke" };
        const got = decodeStationDelta(wire(encodeStationDelta(undone, station)!), station, new Map(), [own!]);
        expect(got && "ticket" in got && shownTicket(got.ticket, station)).toEqual(shownTicket({ ...own!, doneAt: null, pickedUpAt: null }, station));
      }),
    );
  });
});

describe("ticket ids", () => {
  it("name their order and station and are read back the same", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/), (orderId, station) => {
        expect(parseTicketId(ticketId(orderId, station))).toEqual({ orderId, station });
      }),
    );
    expect(parseTicketId("nope")).toBeUndefined();
    expect(parseTicketId(".bar")).toBeUndefined();
  });
});

/** What the decoded frame `got` must be for the frame the worker sent, seen from `station`. */
function expectStationView(sent: DeltaFrame, got: DeltaFrame | undefined, station: string, held: ReadonlyMap<string, Order>) {
  const view = (o: Order) => shownOrder(o, station);
  const known = (t: Ticket) => held.has(t.orderId);
  if (got) expect(got.type).toBe(sent.type);
  if ("orderId" in sent || "event" in sent) return expect(got).toEqual(sent);
  if ("order" in sent) return expect(got && "order" in got ? view(got.order) : undefined).toEqual(hasTicketAt(sent.order, station) ? view(sent.order) : undefined);
  if ("by" in sent) {
    const reopened = sent.reopened && hasTicketAt(sent.reopened, station) ? sent.reopened : undefined;
    if (!reopened && !known(sent.ticket)) return expect(got).toBeUndefined();
    if (!got || !("by" in got)) throw new Error(`no ticket change decoded: ${JSON.stringify(got)}`);
    expect(got.by).toBe(sent.by);
    expect(got.reopened && view(got.reopened)).toEqual(reopened && view(reopened));
    return expect(shownTicket(got.ticket, station)).toEqual(shownTicket(sent.ticket, station));
  }
  if ("void" in sent) {
    if (!known(sent.ticket)) return expect(got).toBeUndefined();
    if (!got || !("void" in got)) throw new Error(`no void decoded: ${JSON.stringify(got)}`);
    expect(got.void).toEqual(sent.void);
    expect(got.positions).toEqual(sent.ticket.station === station ? sent.positions : []);
    return expect(shownTicket(got.ticket, station)).toEqual(shownTicket(sent.ticket, station));
  }
  if ("tickets" in sent) {
    const mine = sent.tickets.filter((t) => t.station === station);
    if (!mine.length) return expect(got).toBeUndefined();
    if (!got || !("tickets" in got)) throw new Error(`no move decoded: ${JSON.stringify(got)}`);
    expect(got.move).toEqual(sent.move);
    // Each line's parts by table after the move, as the positions the frame brings say.
    const at = (list: readonly OrderPositions[], t: Ticket) => list.find((p) => p.order === t.orderId)?.positions;
    return expect(got.tickets.map((t) => shownTicket(t, station, at(got.positions, t)))).toEqual(mine.filter(known).map((t) => shownTicket(t, station, at(sent.positions, t))));
  }
  if ("reopened" in sent) {
    const mine = sent.reopened.filter((o) => hasTicketAt(o, station));
    if (!mine.length) return expect(got).toBeUndefined();
    if (!got || !("payment" in got) || !("reopened" in got)) throw new Error(`no reversal decoded: ${JSON.stringify(got)}`);
    expect(got.payment).toEqual(sent.payment);
    return expect(got.reopened.map(view)).toEqual(mine.map(view));
  }
  // The menu, availability, payments and settlements are not on a station's screen.
  expect(got).toBeUndefined();
}
