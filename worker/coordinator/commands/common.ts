// Pieces every money command shares: exactly-once answers, closing frames, writing changed orders.
import { answer, type Answer } from "../command.ts";
import type { Db, Statement } from "../../db/client.ts";
import { replacePositions, updateOrderClosed } from "../../db/orders.ts";
import { fail, type Failure } from "../../errors.ts";
import type { ItemRef, Order, OrderClosedFrame, Session } from "../../protocol.ts";

/** Item references in one order (by order, then line) as [order, line, qty]: part of a money request's hash. */
export function refsInOrder(list: readonly ItemRef[]): [string, number, number][] {
  return [...list].sort((a, b) => a.order.localeCompare(b.order) || a.line - b.line).map((i) => [i.order, i.line, i.qty]);
}

/** D1 reports an insert of a taken primary key as a UNIQUE constraint failure naming the column. */
export function isDuplicateId(error: unknown, column: string): boolean {
  return String(error).includes(`UNIQUE constraint failed: ${column}`);
}

/** A stored record as a replay would answer it: its request's hash, who recorded it, the answer. */
export interface StoredRecord<T> {
  bodyHash: string;
  recordedBy: string;
  result: T;
}

/**
 * Who gets a stored record back by sending its id and body again: the one who recorded it (the
 * phone retrying), or an admin. Anyone else who learnt an id gets the conflict any other body
 * gets, so a replay reads nothing that GET /payments would not show them.
 */
export function mayReplay(actor: Session, recordedBy: string): boolean {
  return actor.role === "admin" || actor.name === recordedBy;
}

/** The same id again: the stored result when the request is the same and the asker recorded it, else a conflict. */
export function sameOrConflict<T>(actor: Session, stored: StoredRecord<T>, hash: string, what: string): Answer<T> | Failure {
  return stored.bodyHash === hash && mayReplay(actor, stored.recordedBy) ? answer(stored.result) : fail("ID_CONFLICT", `${what} with this id exists with other content`, "id");
}

/** After a failed insert on the id: what the id holds (another event's record is a conflict too). */
export function replayOrConflict<T>(actor: Session, existing: StoredRecord<T> | undefined, hash: string, what: string): Answer<T> | Failure {
  return existing ? sameOrConflict(actor, existing, hash, what) : fail("ID_CONFLICT", `${what} with this id exists`, "id");
}

/** One order.closed frame per closed order, numbered after `afterSeq`. */
export function closedFrames(afterSeq: number, closed: Order[]): OrderClosedFrame[] {
  return closed.map((o, i) => ({ type: "order.closed", seq: afterSeq + 1 + i, orderId: o.id, closedAt: o.closedAt! }));
}

/** Writes the positions and closed state of orders a command changed. */
export function writeOrders(db: Db, eventId: string, orders: Order[]): Statement[] {
  return orders.flatMap((o) => [...replacePositions(db, eventId, o), updateOrderClosed(db, o)]);
}
