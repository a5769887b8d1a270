// Plain state transitions of a ticket: bump and undo, per item or whole, and pickup.
// Each returns the ticket after the action, or the same object when nothing changes (a retry).
import { fail, type Failure } from "../errors.ts";
import type { Ticket, TicketChangeType } from "../protocol.ts";

export type TicketAction =
  | { type: "ticket.bump" }
  | { type: "ticket.undo" }
  | { type: "ticket.pickup" }
  | { type: "item.bump"; line: number }
  | { type: "item.undo"; line: number };

export const changeTypeOf: Record<TicketAction["type"], TicketChangeType> = {
  "ticket.bump": "ticket.bumped",
  "ticket.undo": "ticket.reopened",
  "ticket.pickup": "ticket.picked_up",
  "item.bump": "item.bumped",
  "item.undo": "item.reopened",
};

export function applyTicketAction(ticket: Ticket, action: TicketAction, autoClose: boolean, now: number): Ticket | Failure {
  switch (action.type) {
    case "ticket.bump":
      if (ticket.doneAt !== null) return ticket;
      return { ...ticket, doneAt: now, items: ticket.items.map((i) => ({ ...i, doneAt: i.doneAt ?? now })) };
    case "ticket.undo":
      if (ticket.doneAt === null) return ticket;
      return { ...ticket, doneAt: null, pickedUpAt: null, items: ticket.items.map((i) => ({ ...i, doneAt: null })) };
    case "ticket.pickup":
      if (ticket.pickedUpAt !== null) return ticket;
      if (ticket.doneAt === null) return fail("TICKET_NOT_READY", "this ticket is not ready yet", "ticket");
      return { ...ticket, pickedUpAt: now };
    case "item.bump":
    case "item.undo": {
      const item = ticket.items.find((i) => i.line === action.line);
      if (!item) return fail("NOT_FOUND", `ticket ${ticket.id} has no line ${action.line}`, "line");
      if (action.type === "item.bump") {
        if (item.doneAt !== null) return ticket;
        const items = ticket.items.map((i) => (i.line === action.line ? { ...i, doneAt: now } : i));
        // A line voided in full needs no bump: it counts as done.
        const allDone = items.every((i) => i.doneAt !== null || i.voidedQty >= i.qty);
        return { ...ticket, items, doneAt: autoClose && allDone ? now : ticket.doneAt };
      }
      if (item.doneAt === null) return ticket;
      const items = ticket.items.map((i) => (i.line === action.line ? { ...i, doneAt: null } : i));
      return { ...ticket, items, doneAt: null, pickedUpAt: null };
    }
  }
}
