// The one place the frontend reads the stream's delta frames by their type: what each frame does
// to live state (`applyDelta`, carried out by EventState for every page and by the bar's memory of
// closed orders), when the change it reports happened (the station screens' clock), and which
// frames change the money figures or the report (the admin pages reload then). A new frame type
// is read here, and the pages follow through the changes it makes.
import type { DeltaFrame, Menu, Order, OrderPositions, ProductAvailability, Ticket } from "../../../worker/protocol.ts";

/** What a frame can change in live state. Each holder of live state carries out the changes it keeps. */
export interface LiveChanges {
  /** Orders taken whole: placed, or open again (an undo or a reversed payment reopened them). */
  orders(orders: readonly Order[]): void;
  /** A ticket after a change (a bump, undo or pickup, a void, a move): the whole ticket, replacing the old one. */
  ticket(ticket: Ticket): void;
  /** The bill positions of the orders a money frame touched, whole. */
  positions(list: readonly OrderPositions[]): void;
  closed(orderId: string, closedAt: number): void;
  availability(menuVersion: number, list: readonly ProductAvailability[]): void;
  /** The menu was edited on /admin: the whole new menu. */
  menu(menuVersion: number, menu: Menu): void;
  /** This event ended and the next one started. */
  nextEvent(event: { id: string; name: string }): void;
}

/** Carries a frame's changes out on `to`, in the order they must happen (a ticket before the positions that may close its order). */
export function applyDelta(frame: DeltaFrame, to: Partial<LiveChanges>): void {
  switch (frame.type) {
    case "order.placed":
      return to.orders?.([frame.order]);
    case "availability.changed":
      return to.availability?.(frame.menuVersion, frame.availability);
    case "menu.changed":
      return to.menu?.(frame.menuVersion, frame.menu);
    case "event.started":
      return to.nextEvent?.(frame.event);
    case "payment.recorded":
      return to.positions?.(frame.positions);
    case "table.moved":
      to.positions?.(frame.positions);
      for (const ticket of frame.tickets) to.ticket?.(ticket);
      return;
    case "payment.reversed":
      to.orders?.(frame.reopened);
      return to.positions?.(frame.positions);
    case "order.closed":
      return to.closed?.(frame.orderId, frame.closedAt);
    case "settlement.recorded":
    case "voucher.sold":
    case "voucher.reversed":
      return;
    case "item.voided":
      to.ticket?.(frame.ticket);
      return to.positions?.(frame.positions);
    case "print.changed":
      // Printer and job states (issue 21): the screens that show them read the frame themselves.
      return;
    default:
      // A bump, undo or pickup. An undo that reopened a closed order brings it back whole (with this ticket in it).
      if (frame.reopened) to.orders?.([frame.reopened]);
      return to.ticket?.(frame.ticket);
  }
}

/** The latest time stamped on a ticket: the moment of the change a frame reports. */
function latest(ticket: Ticket): number {
  let max = Math.max(ticket.createdAt, ticket.doneAt ?? 0, ticket.pickedUpAt ?? 0);
  for (const item of ticket.items) max = Math.max(max, item.doneAt ?? 0);
  return max;
}

/** When the change a frame reports happened, if the frame says so. */
export function changedAt(frame: DeltaFrame): number | undefined {
  switch (frame.type) {
    case "order.placed":
      return frame.order.createdAt;
    case "availability.changed":
    case "menu.changed":
    case "event.started":
      return undefined;
    case "payment.recorded":
    case "payment.reversed":
      return frame.payment.reversal?.at ?? frame.payment.createdAt;
    case "item.voided":
      return frame.void.createdAt;
    case "table.moved":
      return frame.move.createdAt;
    case "order.closed":
      return frame.closedAt;
    case "settlement.recorded":
      return frame.settlement.createdAt;
    case "voucher.sold":
    case "voucher.reversed":
      return frame.sale.reversedAt ?? frame.sale.createdAt;
    case "print.changed":
      return undefined;
    default:
      return latest(frame.ticket);
  }
}

/** After these frames settlement, payment and audit figures may have changed. */
export function changesMoney(frame: DeltaFrame): boolean {
  switch (frame.type) {
    case "payment.recorded":
    case "payment.reversed":
    case "item.voided":
    case "settlement.recorded":
    case "table.moved":
    case "voucher.sold":
    case "voucher.reversed":
      return true;
    default:
      return false;
  }
}

/** After these frames the statistics (GET /report) may have changed: orders, ticket times, payments, voids, settlements, vouchers sold. */
export function changesReport(frame: DeltaFrame): boolean {
  switch (frame.type) {
    case "order.placed":
    case "order.closed":
    case "ticket.bumped":
    case "ticket.reopened":
    case "ticket.picked_up":
    case "payment.recorded":
    case "payment.reversed":
    case "item.voided":
    case "settlement.recorded":
    case "voucher.sold":
    case "voucher.reversed":
      return true;
    default:
      return false;
  }
}
