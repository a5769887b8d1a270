// Pieces every money command shares: exactly-once answers, closing frames, writing changed orders.
import { answer, type Answer } from "../command.ts";
import * as q from "../../db/queries.ts";
import { fail, type Failure } from "../../errors.ts";
import type { Order, OrderClosedFrame } from "../../protocol.ts";

/** D1 reports an insert of a taken primary key as a UNIQUE constraint failure naming the column. */
export function isDuplicateId(error: unknown, column: string): boolean {
  return String(error).includes(`UNIQUE constraint failed: ${column}`);
}

/** The same id again: the stored result when the request is the same, else a conflict. */
export function sameOrConflict<T>(storedHash: string, hash: string, stored: T, what: string): Answer<T> | Failure {
  return storedHash === hash ? answer(stored) : fail("ID_CONFLICT", `${what} with this id exists with other content`, "id");
}

/** After a failed insert on the id: what the id holds (another event's record is a conflict too). */
export function replayOrConflict<T>(existing: { bodyHash: string; result: T } | undefined, hash: string, what: string): Answer<T> | Failure {
  return existing ? sameOrConflict(existing.bodyHash, hash, existing.result, what) : fail("ID_CONFLICT", `${what} with this id exists`, "id");
}

/** One order.closed frame per closed order, numbered after `afterSeq`. */
export function closedFrames(afterSeq: number, closed: Order[]): OrderClosedFrame[] {
  return closed.map((o, i) => ({ type: "order.closed", seq: afterSeq + 1 + i, orderId: o.id, closedAt: o.closedAt! }));
}

/** Writes the positions and closed state of orders a command changed. */
export function writeOrders(db: q.Db, eventId: string, orders: Order[]): q.Statement[] {
  return orders.flatMap((o) => [...q.replacePositions(db, eventId, o), q.updateOrderClosed(db, o)]);
}
