// The canonical form of each money request: what "the same request again" means for a replay.
// Lists are sorted and defaults filled in, so a retry that orders its lines differently is the same.
import { hashText } from "./command.ts";
import type { ItemRef, MoveBody, PayBody, SettlementBody, VoidBody } from "../protocol.ts";

const byRef = (a: ItemRef, b: ItemRef) => a.order.localeCompare(b.order) || a.line - b.line;
const refs = (list: readonly ItemRef[]) => [...list].sort(byRef).map((i) => [i.order, i.line, i.qty]);

export function hashPayment(b: PayBody): Promise<string> {
  const returns = [...(b.depositReturns ?? [])].sort((x, y) => x.product.localeCompare(y.product)).map((r) => [r.product, r.qty]);
  return hashText(JSON.stringify(["payment", b.table, b.method, refs(b.items), b.tenderedCents ?? null, b.tipCents ?? 0, returns, b.reason ?? ""]));
}

export function hashVoid(b: Omit<VoidBody, "adminPin">): Promise<string> {
  return hashText(JSON.stringify(["void", b.order, b.line, b.qty, b.reason, b.note ?? "", b.table ?? null]));
}

export function hashMove(from: string, b: MoveBody): Promise<string> {
  return hashText(JSON.stringify(["move", from, b.to, b.items ? refs(b.items) : null]));
}

export function hashSettlement(b: SettlementBody): Promise<string> {
  return hashText(JSON.stringify(["settlement", b.waiter, b.floatCents, b.countedCents]));
}
