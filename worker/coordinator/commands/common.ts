// Pieces every money command shares: exactly-once answers, closing frames, writing changed orders.
import { answer, type Answer } from "../command.ts";
import type { Db, Statement } from "../../db/client.ts";
import { replacePositions, updateOrderClosed } from "../../db/orders.ts";
import { fail, type Failure } from "../../errors.ts";
import type { ItemRef, Order, OrderClosedFrame } from "../../protocol.ts";

/** Item references in one order (by order, then line) as [order, line, qty]: part of a money request's hash. */
export function refsInOrder(list: readonly ItemRef[]): [string, number, number][] {
  return [...list].sort((a, b) => a.order.localeCompare(b.order) || a.line - b.line).map((i) => [i.order, i.line, i.qty]);
}

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
export function writeOrders(db: Db, eventId: string, orders: Order[]): Statement[] {
  return orders.flatMap((o) => [...replacePositions(db, eventId, o), updateOrderClosed(db, o)]);
}
