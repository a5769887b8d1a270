// A payment the server refused whole while the guest's money is in the waiter's hand: what of it is
// still open (recorded at once as a new payment), and what goes back to the guest. Pure, in integer
// cents, summed by the protocol's payTotals as the server sums a payment.
import { payTotals, type DepositReturnInput, type ItemRef, type PayBody, type PaymentMethod } from "../../../worker/protocol.ts";
import type { PaymentEntry } from "./outbox.ts";
import { refKey, type BillRow } from "./payMath.ts";

export interface PaymentRest {
  /** The new payment (without its id): the refused one's items that are still open, same method. */
  body: Omit<PayBody, "id">;
  /** A name per item of `body.items`. */
  names: string[];
  /** What the rest records (negative: money paid out for returned glasses). */
  totalCents: number;
  /** What the guest gets back by the refused payment's method once the rest is recorded. */
  giveBackCents: number;
}

/** The money the waiter took for a payment: a free one takes none. */
export const takenCents = (entry: PaymentEntry): number => (entry.body.method === "free" ? 0 : entry.totalCents);

/** Money of a refused payment not recorded anywhere: all of it, or after its rest what goes back. */
export const unrecordedCents = (entry: PaymentEntry): number => (entry.rest ? entry.rest.giveBackCents : takenCents(entry));

/**
 * The rest of a payment refused because some of its items were no longer open (NOT_OPEN): each item
 * at most what the server said is left and what the phone's bill still shows open (`rows`, which
 * leave out what other payments on this phone are paying). Undefined when nothing of it is left.
 */
export function restOfRefused(entry: PaymentEntry, rows: readonly BillRow[], depositOf: (r: DepositReturnInput) => number): PaymentRest | undefined {
  const open = new Map<string, { qty: number; unitCents: number; depositCents: number }>();
  for (const row of rows) for (const p of row.parts) open.set(refKey(p.order, p.line), { qty: p.qty, unitCents: row.unitCents, depositCents: row.depositCents });
  const leftOnServer = new Map((entry.error?.lines ?? []).map((l) => [refKey(l.order, l.line), l.openQty]));

  const items: ItemRef[] = [];
  const names: string[] = [];
  const priced: { qty: number; unitCents: number; depositCents: number }[] = [];
  entry.body.items.forEach((item, n) => {
    const key = refKey(item.order, item.line);
    const here = open.get(key);
    const qty = Math.min(item.qty, here?.qty ?? 0, leftOnServer.get(key) ?? item.qty);
    if (!here || qty <= 0) return;
    items.push({ order: item.order, line: item.line, qty });
    names.push(entry.names[n] ?? "?");
    priced.push({ qty, unitCents: here.unitCents, depositCents: here.depositCents });
  });
  // Returned glasses were paid out in any case; the tip stays with what the guest still pays for.
  const returns = entry.body.depositReturns ?? [];
  if (!items.length && !returns.length) return undefined;
  const tipCents = items.length ? (entry.body.tipCents ?? 0) : 0;
  const totals = payTotals(priced, returns.map((r) => ({ qty: r.qty, depositCents: depositOf(r) })), tipCents);

  // Everything else of the refused payment stays as it was (the reason of a free one, for example).
  const { id: _id, items: _items, tenderedCents, tipCents: _tip, ...kept } = entry.body;
  // Money back is paid in cash (the server's rule); otherwise the method the guest paid by.
  const method: PaymentMethod = totals.totalCents < 0 ? "cash" : entry.body.method;
  const body: Omit<PayBody, "id"> = {
    ...kept,
    method,
    items,
    ...(tipCents > 0 ? { tipCents } : {}),
    // What the guest handed over, so the change recorded is what the guest got back in all.
    ...(method === "cash" && tenderedCents !== undefined && totals.totalCents > 0 ? { tenderedCents } : {}),
  };
  // A card payment whose rest is cash paid out: the card's whole amount goes back by card.
  const recordedHere = method === entry.body.method ? totals.totalCents : 0;
  return { body, names, totalCents: totals.totalCents, giveBackCents: Math.max(0, takenCents(entry) - recordedHere) };
}
