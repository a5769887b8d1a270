// Moving items between tables (guests change tables): part of a line, several lines, or everything
// open; both bills, the table map, the frame, exactly once by id, and paying on the new table.
import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../worker/protocol.ts";
import { api, count, currentSeq, login, mustPlaceOrder, type Frame } from "./helpers.ts";
import { bill, billLinesOf, freshTable, getOrder, itemOf, move, mustPay, pay, tableState, valueOf, streamsClosedAfterEach } from "./money-helpers.ts";

let waiter: string;
let station: string;
let admin: string;
beforeAll(async () => {
  [waiter, station, admin] = await Promise.all([login("waiter", "Emil"), login("station", "Bar"), login("admin", "Orga")]);
});

const stream = streamsClosedAfterEach();

/** 4 Radler and 2 Bratwurst at a table of its own. */
async function order(): Promise<{ table: string; order: Order }> {
  const table = freshTable();
  return { table, order: await mustPlaceOrder(waiter, { table, items: [{ product: "radler", qty: 4 }, { product: "bratwurst", qty: 2 }] }) };
}

const moveRows = (id: string) => count("SELECT count(*) AS n FROM moves WHERE id = ?", id);

describe("moving items", () => {
  it("moves part of a line: both bills and the table map show the split, and the order has a position on each table", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    const res = await move(waiter, from, { to, items: [{ order: o.id, line: 0, qty: 3 }] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.replay).toBe(false);
    expect(res.body.move).toMatchObject({ id: res.sent.id, from, to, items: [{ order: o.id, line: 0, qty: 3 }], waiter: "Emil" });
    expect(res.body.move.seq).toBe(await currentSeq());

    const [a, b] = [await bill(waiter, from), await bill(waiter, to)];
    expect(billLinesOf(a, [o.id])).toEqual([
      [o.id, 0, 1],
      [o.id, 1, 2],
    ]);
    expect(billLinesOf(b, [o.id])).toEqual([[o.id, 0, 3]]);
    const moved = valueOf([o], [{ order: o.id, line: 0, qty: 3 }]);
    const all = valueOf([o], [{ order: o.id, line: 0, qty: 4 }, { order: o.id, line: 1, qty: 2 }]);
    expect(b.openCents).toBe(moved.amountCents + moved.depositCents);
    expect(a.openCents + b.openCents).toBe(all.amountCents + all.depositCents);
    expect((await tableState(waiter, from)).openCents).toBe(a.openCents);
    expect(await tableState(waiter, to)).toMatchObject({ openCents: b.openCents, openOrders: 1 });

    const stored = await getOrder(waiter, o.id);
    expect(stored.table).toBe(from);
    expect(stored.positions.filter((p) => p.line === 0).sort((x, y) => x.table.localeCompare(y.table))).toEqual(
      [
        { line: 0, table: from, qty: 1, paidQty: 0, voidedQty: 0 },
        { line: 0, table: to, qty: 3, paidQty: 0, voidedQty: 0 },
      ].sort((x, y) => x.table.localeCompare(y.table)),
    );
  });

  it("moves the whole table without items: every open item goes, paid ones stay paid where they were", async () => {
    const { table: from, order: first } = await order();
    const second = await mustPlaceOrder(waiter, { table: from, items: [{ product: "cola", qty: 1 }] });
    await mustPay(waiter, { table: from, items: [{ order: first.id, line: 1, qty: 2 }] });
    const to = freshTable();
    const res = await move(waiter, from, { to });
    expect(res.status, res.text).toBe(201);
    expect(res.body.move.items.sort((x: any, y: any) => (x.order + x.line).localeCompare(y.order + y.line))).toEqual(
      [
        { order: first.id, line: 0, qty: 4 },
        { order: second.id, line: 0, qty: 1 },
      ].sort((x, y) => (x.order + x.line).localeCompare(y.order + y.line)),
    );
    expect((await bill(waiter, from)).lines).toEqual([]);
    expect(await tableState(waiter, from)).toMatchObject({ openCents: 0, openOrders: 0 });
    const b = await bill(waiter, to);
    expect(billLinesOf(b, [first.id, second.id])).toEqual(
      [
        [first.id, 0, 4],
        [second.id, 0, 1],
      ].sort((x, y) => (String(x[0]) + x[1]).localeCompare(String(y[0]) + y[1])),
    );
    expect(await tableState(waiter, to)).toMatchObject({ openCents: b.openCents, openOrders: 2 });
  });

  it("lets the moved part be paid on the new table and no longer on the old one", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    expect((await move(waiter, from, { to, items: [{ order: o.id, line: 1, qty: 2 }] })).status).toBe(201);
    const onOld = await pay(waiter, { table: from, items: [{ order: o.id, line: 1, qty: 1 }] });
    expect(onOld.status, onOld.text).toBe(409);
    expect(onOld.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: o.id, line: 1, table: from, openQty: 0 }] });
    const p = await mustPay(waiter, { table: to, items: [{ order: o.id, line: 1, qty: 2 }] });
    expect(p).toMatchObject({ table: to, amountCents: 2 * itemOf(o, 1).unitCents });
    expect((await bill(waiter, to)).lines).toEqual([]);
    expect(billLinesOf(await bill(waiter, from), [o.id])).toEqual([[o.id, 0, 4]]);
  });

  it("answers a replay with 200 and the same move, another body with the same id with 409, and moves nothing twice", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    const first = await move(waiter, from, { to, items: [{ order: o.id, line: 0, qty: 1 }] });
    expect(first.status, first.text).toBe(201);
    const again = await move(waiter, from, first.sent);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ move: first.body.move, replay: true });
    const conflict = await move(waiter, from, { ...first.sent, items: [{ order: o.id, line: 0, qty: 2 }] });
    expect(conflict.status, conflict.text).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "ID_CONFLICT", path: "id" });
    expect(await moveRows(first.sent.id)).toBe(1);
    expect(billLinesOf(await bill(waiter, to), [o.id])).toEqual([[o.id, 0, 1]]);
  });

  it("refuses moving more than is open (409 NOT_OPEN), to the same or an unknown table (400), and from a station (403)", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    const seq = await currentSeq();
    const tooMany = await move(waiter, from, { to, items: [{ order: o.id, line: 0, qty: 5 }] });
    expect(tooMany.status, tooMany.text).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: "NOT_OPEN", lines: [{ order: o.id, line: 0, table: from, openQty: 4 }] });
    const unknown = await move(waiter, from, { to: "Z99" });
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "INVALID_INPUT", path: "to" });
    const same = await move(waiter, from, { to: from });
    expect(same.status, same.text).toBe(400);
    expect(same.body.error).toMatchObject({ code: "INVALID_INPUT", path: "to" });
    const empty = await move(waiter, from, { to, items: [] });
    expect(empty.status, empty.text).toBe(400);
    expect(empty.body.error).toMatchObject({ code: "INVALID_INPUT", path: "items" });
    const asStation = await move(station, from, { to });
    expect(asStation.status, asStation.text).toBe(403);
    const unknownFrom = await move(waiter, "Z99", { to });
    expect(unknownFrom.status, unknownFrom.text).toBe(404);
    expect(await currentSeq()).toBe(seq);
    expect(billLinesOf(await bill(waiter, from), [o.id])).toEqual([
      [o.id, 0, 4],
      [o.id, 1, 2],
    ]);
  });

  it("lets an admin move a table", async () => {
    const { table: from } = await order();
    const res = await move(admin, from, { to: freshTable() });
    expect(res.status, res.text).toBe(201);
    expect(res.body.move.waiter).toBe("Orga");
  });
});

describe("moves on the stream", () => {
  it("sends table.moved with the next seq, the move and the order's positions on both tables", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    const s = await stream(station);
    const { seq } = await s.next();
    const res = await move(waiter, from, { to, items: [{ order: o.id, line: 1, qty: 1 }] });
    const frame = (await s.next()) as Frame;
    expect(frame).toMatchObject({ type: "table.moved", seq: seq + 1, move: res.body.move });
    expect(frame.positions).toHaveLength(1);
    expect(frame.positions[0].order).toBe(o.id);
    expect(frame.positions[0].positions.filter((p: any) => p.line === 1).map((p: any) => [p.table, p.qty]).sort()).toEqual(
      [
        [from, 1],
        [to, 1],
      ].sort(),
    );
    // A replay sends nothing.
    await move(waiter, from, res.sent);
    expect(await s.drain()).toEqual([]);
  });
});

describe("the runner after a move", () => {
  // The guests sit at the new table now: a ticket that becomes ready must be carried there.
  it("shows a ticket that becomes ready after a whole-table move on the new table of the map, not on the empty old one", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    expect((await move(waiter, from, { to })).status).toBe(201);
    expect((await api("POST", `/api/v1/tickets/${o.tickets[0]!.id}/bump`, undefined, station)).status).toBe(200);
    expect(await tableState(waiter, to)).toMatchObject({ openOrders: 1, readyTickets: 1 });
    expect(await tableState(waiter, from)).toMatchObject({ openOrders: 0, openCents: 0, readyTickets: 0 });
  });

  it("sends the moved tickets with the new table in table.moved, and keeps them where they were after a partial move", async () => {
    const { table: from, order: o } = await order();
    const s = await stream(station);
    await s.next();
    const to = freshTable();
    const part = await move(waiter, from, { to, items: [{ order: o.id, line: 0, qty: 1 }] });
    expect(part.status, part.text).toBe(201);
    // Some items are still open on the old table: the guests are split, the tickets stay (and come along, for the parts' tables).
    expect(((await s.next()) as Frame).tickets.map((t: { id: string; table: string }) => [t.id, t.table]).sort()).toEqual(o.tickets.map((t) => [t.id, from]).sort());
    // The rest follows: now every open item is on the new table, and so are the tickets.
    expect((await move(waiter, from, { to })).status).toBe(201);
    const whole = (await s.next()) as Frame;
    expect(whole.type).toBe("table.moved");
    expect(whole.tickets.map((t: { id: string; table: string }) => [t.id, t.table]).sort()).toEqual(o.tickets.map((t) => [t.id, to]).sort());
  });
});

describe("a partial move on the station socket", () => {
  it("sends the bar its ticket with each moved line's parts by table, and only that station's ticket", async () => {
    const { table: from, order: o } = await order();
    const bar = await stream(station, "?station=bar");
    await bar.next();
    const to = freshTable();
    expect((await move(waiter, from, { to, items: [{ order: o.id, line: 0, qty: 2 }] })).status).toBe(201);
    const frame = (await bar.next()) as Frame;
    expect(frame.type).toBe("table.moved");
    expect(frame.tickets).toHaveLength(1);
    const [ticket] = frame.tickets;
    expect(ticket).toMatchObject({ id: `${o.id}.bar`, table: from });
    // 4 Radler: 2 stay at the old table, 2 go to the new one; the line stays one line.
    expect(ticket.items).toEqual([expect.objectContaining({ line: 0, product: "radler", qty: 4, tables: [{ table: from, qty: 2 }, { table: to, qty: 2 }] })]);
    // The rest follows: the ticket goes to the new table whole, its line no longer split.
    expect((await move(waiter, from, { to })).status).toBe(201);
    const whole = (await bar.next()) as Frame;
    expect(whole.tickets).toEqual([expect.objectContaining({ id: `${o.id}.bar`, table: to, items: [expect.not.objectContaining({ tables: expect.anything() })] })]);
    // A screen that connects now sees the same in its snapshot.
    const late = await stream(station, "?station=bar");
    const snap = (await late.next()) as Frame;
    expect(snap.orders.find((x: { id: string }) => x.id === o.id)).toMatchObject({ ticketTable: to, items: [expect.not.objectContaining({ tables: expect.anything() })] });
  });
});

describe("the order's own table", () => {
  it("keeps the order in its table's history after a whole-table move", async () => {
    const { table: from, order: o } = await order();
    const to = freshTable();
    expect((await move(waiter, from, { to })).status).toBe(201);
    const history = await api("GET", `/api/v1/tables/${from}/orders`, undefined, waiter);
    expect(history.body.orders.map((x: Order) => x.id)).toContain(o.id);
  });
});
