// Taking back (Storno) some of one order line that is not paid: the station strikes it through, the
// bill no longer asks for it, and the audit list keeps who asked, who approved and why.
import { hashText, type Command } from "../command.ts";
import { changedOrders, itemOf, positionsOf, settleClosing, takeOpen, type Ledger } from "../../domain/ledger.ts";
import { closedFrames, isDuplicateId, replayOrConflict, sameOrConflict, writeOrders } from "./common.ts";
import { readOrdersByIds, updateItemVoided } from "../../db/orders.ts";
import { updateTicket } from "../../db/tickets.ts";
import * as money from "../../db/money.ts";
import { fail } from "../../errors.ts";
import { insertJobs } from "../../db/printJobs.ts";
import { voidJob } from "../../print/documents.ts";
import { openQtyOf, type DeltaFrame, type ItemVoidedFrame, type Order, type Ticket, type VoidBody, type VoidRecord } from "../../protocol.ts";

export interface VoidInput {
  body: Omit<VoidBody, "adminPin">;
  /** Who allowed it: the admin's name, or "admin PIN" when a waiter typed it. */
  approvedBy: string;
}
interface VoidData {
  existing: { void: VoidRecord; bodyHash: string } | undefined;
  ledger: Ledger;
}
type VoidResult = { void: VoidRecord; replay: boolean };

/** The table to take from: the one named, else the order's own table, else any that has enough open. */
function tableToVoid(order: Order, line: number, qty: number, named: string | undefined): string {
  if (named) return named;
  const open = order.positions.filter((p) => p.line === line && openQtyOf(p) >= qty);
  return (open.find((p) => p.table === order.table) ?? open[0])?.table ?? order.table;
}

/** The ticket after a void: a line voided in full needs nothing more; a ticket with nothing left is done. */
function ticketAfterVoid(ticket: Ticket, line: number, qty: number, autoClose: boolean, now: number): Ticket {
  const items = ticket.items.map((i) => (i.line === line ? { ...i, voidedQty: i.voidedQty + qty } : i));
  const after = { ...ticket, items };
  if (after.doneAt !== null) return after;
  if (items.every((i) => i.voidedQty >= i.qty)) return { ...after, doneAt: now, pickedUpAt: now };
  const rest = items.filter((i) => i.voidedQty < i.qty);
  return autoClose && rest.every((i) => i.doneAt !== null) ? { ...after, doneAt: now } : after;
}

export const voidItem: Command<VoidInput, VoidData, VoidResult> = {
  permission: "item.void",

  hash({ body: b }) {
    return hashText(JSON.stringify(["void", b.order, b.line, b.qty, b.reason, b.note ?? "", b.table ?? null]));
  },

  async load({ db, event }, _state, { body }) {
    const eventId = event.config.id;
    const [existing, ledger] = await Promise.all([money.readVoid(db, eventId, body.id), readOrdersByIds(db, eventId, [body.order])]);
    return { existing, ledger };
  },

  decide({ db, event, actor, now, requestHash }, state, { body, approvedBy }, { existing, ledger }) {
    if (existing) return sameOrConflict(actor, { bodyHash: existing.bodyHash, recordedBy: existing.void.waiter, result: { void: existing.void, replay: true } }, requestHash, "a void");
    const order = ledger.get(body.order);
    if (!order) return fail("NOT_FOUND", `no order "${body.order}"`, "order");
    const item = itemOf(order, body.line);
    if (!item) return fail("NOT_FOUND", `order ${body.order} has no line ${body.line}`, "line");
    // A counter order's own bill (issue 22) is a table of this order only.
    if (body.table !== undefined && body.table !== order.table && !event.tableNames.has(body.table)) return fail("INVALID_INPUT", `unknown table "${body.table}"`, "table");
    const table = tableToVoid(order, body.line, body.qty, body.table);
    const taken = takeOpen(ledger, table, [{ order: order.id, line: body.line, qty: body.qty }], "voidedQty", "qty");
    if (!(taken instanceof Map)) return taken;

    const ticket = order.tickets.find((t) => t.items.some((i) => i.line === body.line))!;
    const ticketAfter = ticketAfterVoid(ticket, body.line, body.qty, event.config.ui.auto_close, now);
    const withTicket = new Map(taken).set(order.id, { ...taken.get(order.id)!, tickets: order.tickets.map((t) => (t.id === ticket.id ? ticketAfter : t)) });
    const { ledger: after, closed } = settleClosing(withTicket, [order.id], now);

    const record: VoidRecord = {
      id: body.id,
      seq: state.seq + 1,
      order: order.id,
      line: body.line,
      table,
      product: item.product,
      name: item.name,
      qty: body.qty,
      unitCents: item.unitCents,
      depositCents: item.depositCents,
      valueCents: body.qty * (item.unitCents + item.depositCents),
      reason: body.reason,
      note: body.note ?? "",
      waiter: actor.name,
      approvedBy,
      createdAt: now,
    };
    const touched = changedOrders(ledger, after);
    const voided: ItemVoidedFrame = { type: "item.voided", seq: record.seq, void: record, ticket: ticketAfter, positions: touched.map(positionsOf) };
    const frames: DeltaFrame[] = [voided, ...closedFrames(record.seq, closed)];
    const eventId = event.config.id;
    const itemAfter = ticketAfter.items.find((i) => i.line === body.line)!;
    // A Storno slip at the printer of the station that makes it, in the same batch.
    const slip = voidJob(event.config, order, ticket, record);
    return {
      kind: "plan",
      statements: [
        money.insertVoid(db, eventId, record, requestHash),
        updateItemVoided(db, order.id, itemAfter),
        ...(ticket.doneAt === ticketAfter.doneAt ? [] : updateTicket(db, ticketAfter)),
        ...writeOrders(db, eventId, touched),
        ...insertJobs(db, eventId, slip ? [slip] : []),
      ],
      frames,
      state: { ...state, seq: frames[frames.length - 1]!.seq },
      result: { void: record, replay: false },
    };
  },

  async afterCommit(plan, ctx) {
    const ticket = plan.frames[0]?.type === "item.voided" ? plan.frames[0].ticket : undefined;
    const printer = ticket && ctx.event.config.stations.find((s) => s.id === ticket.station)?.printer;
    if (printer) ctx.print.kick([printer]);
  },

  async onCommitError({ db, event, actor, requestHash }, { body }, error) {
    if (!isDuplicateId(error, "voids.id")) return undefined;
    const existing = await money.readVoid(db, event.config.id, body.id);
    return replayOrConflict(actor, existing && { bodyHash: existing.bodyHash, recordedBy: existing.void.waiter, result: { void: existing.void, replay: true } }, requestHash, "a void");
  },
};
