// A station's bump, undo or pickup of a ticket or one of its items. A bump that finishes the last
// ticket of a paid order closes the order.
import type { Command } from "../command.ts";
import { answer } from "../command.ts";
import { settleClosing, type Ledger } from "../../domain/ledger.ts";
import { applyTicketAction, changeTypeOf, type TicketAction } from "../../domain/tickets.ts";
import { closedFrames } from "./common.ts";
import { readOrdersByIds, updateOrderClosed } from "../../db/orders.ts";
import { updateTicket } from "../../db/tickets.ts";
import { fail } from "../../errors.ts";
import { parseTicketId, type DeltaFrame, type Ticket, type TicketChangedFrame } from "../../protocol.ts";

export interface TicketInput {
  ticketId: string;
  action: TicketAction;
}
type TicketResult = { ticket: Ticket; seq: number | null };

export const ticketAction: Command<TicketInput, Ledger, TicketResult> = {
  permission: ({ action }) => (action.type === "ticket.pickup" ? "ticket.pickup" : "ticket.bump"),

  load({ db, event }, _state, { ticketId }) {
    const named = parseTicketId(ticketId);
    return named ? readOrdersByIds(db, event.config.id, [named.orderId]) : Promise.resolve(new Map());
  },

  decide({ db, event, actor, now }, state, { ticketId, action }, ledger) {
    const order = ledger.get(parseTicketId(ticketId)?.orderId ?? "");
    const ticket = order?.tickets.find((t) => t.id === ticketId);
    if (!order || !ticket) return fail("NOT_FOUND", `no ticket "${ticketId}"`, "ticket");
    const after = applyTicketAction(ticket, action, event.config.ui.auto_close, now);
    if ("ok" in after) return after;
    if (after === ticket) return answer({ ticket, seq: null });
    const withTicket = new Map(ledger).set(order.id, { ...order, tickets: order.tickets.map((t) => (t.id === ticketId ? after : t)) });
    // A bump may close the order; an undo on a closed order (a correction from the history page)
    // opens it again, since the station has something to prepare once more.
    const { closed, reopened } = settleClosing(withTicket, [order.id], now);
    const changed: TicketChangedFrame = { type: changeTypeOf[action.type], seq: state.seq + 1, ticket: after, by: actor.name, ...(reopened[0] ? { reopened: reopened[0] } : {}) };
    const frames: DeltaFrame[] = [changed, ...closedFrames(changed.seq, closed)];
    return {
      kind: "plan",
      statements: [...updateTicket(db, after), ...[...closed, ...reopened].map((o) => updateOrderClosed(db, o))],
      frames,
      state: { ...state, seq: frames[frames.length - 1]!.seq },
      result: { ticket: after, seq: changed.seq },
    };
  },
};
