// Moving open items, or a whole table, to another table's bill (guests change tables). Only open
// quantities move; what is paid or voided stays where it was taken.
import { hashText, type Command } from "../command.ts";
import { changedOrders, checkRefsExist, moveOpen, openRefsOn, positionsOf, type Ledger } from "../../domain/ledger.ts";
import { isDuplicateId, refsInOrder, replayOrConflict, sameOrConflict, writeOrders } from "./common.ts";
import { readOrdersByIds, readOrdersOnTable } from "../../db/orders.ts";
import { updateTicketTable } from "../../db/tickets.ts";
import * as money from "../../db/money.ts";
import { fail } from "../../errors.ts";
import { insertJobs } from "../../db/printJobs.ts";
import { movedJobs } from "../../print/documents.ts";
import { isCounterBill, openQtyOf, type MoveBody, type TableMove, type TableMovedFrame, type Ticket } from "../../protocol.ts";

export interface MoveInput {
  from: string;
  body: MoveBody;
}
interface MoveData {
  existing: { move: TableMove; bodyHash: string } | undefined;
  ledger: Ledger;
}
type MoveResult = { move: TableMove; replay: boolean };

/**
 * Tickets go where the guests are: an order whose open items now all lie on `to` sends its tickets
 * not yet picked up there, so the runner carries them to the new table.
 */
function followGuests(ledger: Ledger, to: string): { ledger: Ledger; tickets: Ticket[] } {
  const next = new Map(ledger);
  const tickets: Ticket[] = [];
  for (const order of ledger.values()) {
    const openTables = new Set(order.positions.filter((p) => openQtyOf(p) > 0).map((p) => p.table));
    if (openTables.size !== 1 || !openTables.has(to)) continue;
    const moved = order.tickets.map((t) => (t.pickedUpAt === null && t.table !== to ? { ...t, table: to } : t));
    const changed = moved.filter((t, i) => t !== order.tickets[i]);
    if (!changed.length) continue;
    tickets.push(...changed);
    next.set(order.id, { ...order, tickets: moved });
  }
  return { ledger: next, tickets };
}

export const moveItems: Command<MoveInput, MoveData, MoveResult> = {
  permission: "table.move",

  hash({ from, body: b }) {
    return hashText(JSON.stringify(["move", from, b.to, b.items ? refsInOrder(b.items) : null]));
  },

  async load({ db, event }, _state, { from, body }) {
    const eventId = event.config.id;
    const [existing, ledger] = await Promise.all([
      money.readMove(db, eventId, body.id),
      body.items ? readOrdersByIds(db, eventId, body.items.map((i) => i.order)) : readOrdersOnTable(db, eventId, from),
    ]);
    return { existing, ledger };
  },

  decide({ db, event, actor, now, requestHash }, state, { from, body }, { existing, ledger }) {
    if (existing) return sameOrConflict(actor, { bodyHash: existing.bodyHash, recordedBy: existing.move.waiter, result: { move: existing.move, replay: true } }, requestHash, "a move");
    // A counter order has a bill of its own (issue 22): nothing moves to or from it.
    if (isCounterBill(from) || isCounterBill(body.to))
      return fail("INVALID_INPUT", "a counter order has a bill of its own and is not moved; pay it at the counter", isCounterBill(from) ? "param.name" : "to");
    if (!event.tableNames.has(from)) return fail("NOT_FOUND", `unknown table "${from}"`, "param.name");
    if (!event.tableNames.has(body.to)) return fail("INVALID_INPUT", `unknown table "${body.to}"`, "to");
    if (body.to === from) return fail("INVALID_INPUT", "the items are on this table already; choose another table", "to");
    const refs = body.items ?? openRefsOn(ledger, from);
    if (!refs.length) return fail("NOT_OPEN", `nothing is open on table ${from}`, "items", { lines: [] });
    const missing = checkRefsExist(ledger, refs);
    if (missing) return missing;
    const after = moveOpen(ledger, from, body.to, refs);
    if (!(after instanceof Map)) return after;
    const move: TableMove = { id: body.id, seq: state.seq + 1, from, to: body.to, items: refs, waiter: actor.name, createdAt: now };
    const followed = followGuests(after, body.to);
    const touched = changedOrders(ledger, followed.ledger);
    // Every ticket still to carry of a touched order comes along, so the screens show where its parts go now.
    const tickets = touched.flatMap((o) => o.tickets.filter((t) => t.pickedUpAt === null));
    const frame: TableMovedFrame = { type: "table.moved", seq: move.seq, move, positions: touched.map(positionsOf), tickets };
    const eventId = event.config.id;
    // A ticket that now goes to another table prints again, naming it.
    const moved = followed.tickets.map((after) => {
      const order = followed.ledger.get(after.orderId)!;
      return { order, before: ledger.get(after.orderId)!.tickets.find((t) => t.id === after.id)!, after };
    });
    const reprints = movedJobs(event.config, move.id, move.seq, now, moved);
    return {
      kind: "plan",
      statements: [
        money.insertMove(db, eventId, move, requestHash),
        ...writeOrders(db, eventId, touched),
        ...followed.tickets.map((t) => updateTicketTable(db, t)),
        ...insertJobs(db, eventId, reprints),
      ],
      frames: [frame],
      state: { ...state, seq: move.seq },
      result: { move, replay: false },
    };
  },

  async afterCommit(plan, ctx) {
    const stations = new Set(plan.frames.flatMap((f) => (f.type === "table.moved" ? f.tickets.map((t) => t.station) : [])));
    const printers = ctx.event.config.stations.flatMap((s) => (stations.has(s.id) && s.printer ? [s.printer] : []));
    if (printers.length) ctx.print.kick(printers);
  },

  async onCommitError({ db, event, actor, requestHash }, { body }, error) {
    if (!isDuplicateId(error, "moves.id")) return undefined;
    const existing = await money.readMove(db, event.config.id, body.id);
    return replayOrConflict(actor, existing && { bodyHash: existing.bodyHash, recordedBy: existing.move.waiter, result: { move: existing.move, replay: true } }, requestHash, "a move");
  },
};
