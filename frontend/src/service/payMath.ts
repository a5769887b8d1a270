// The pay sheet's arithmetic, pure and in integer cents: bill lines grouped into visual rows, a
// picked quantity split over the (order, line) positions of a row, totals (summed by the protocol's
// payTotals, as the server sums the payment), cash quick amounts, change and round-up tips.
import { payTotals, type BillLine, type ItemRef, type PayTotals } from "../../../worker/protocol.ts";

/** One (order, line) position inside a visual row, with what is still there to pick. */
export interface RowPart {
  order: string;
  line: number;
  qty: number;
}

/** Bill lines of the same product, options, price, deposit and note, merged into one visual row. */
export interface BillRow extends Pick<BillLine, "product" | "name" | "options" | "note" | "unitCents" | "depositCents"> {
  key: string;
  /** Open and not waiting in a payment on this phone: what can be picked. */
  openQty: number;
  /** Waiting in the outbox as part of a payment ("being paid"). */
  payingQty: number;
  /** Oldest first: picks and voids take from the first ones first. */
  parts: RowPart[];
}

export const refKey = (order: string, line: number) => `${order}.${line}`;

/** Groups the open lines of a bill; `paying` are items of payments still waiting on this phone. */
export function groupBill(lines: readonly BillLine[], paying: readonly ItemRef[] = []): BillRow[] {
  const waiting = new Map<string, number>();
  for (const p of paying) waiting.set(refKey(p.order, p.line), (waiting.get(refKey(p.order, p.line)) ?? 0) + p.qty);
  const sorted = [...lines].sort((a, b) => a.orderedAt - b.orderedAt || (a.order < b.order ? -1 : a.order > b.order ? 1 : a.line - b.line));
  const rows = new Map<string, BillRow>();
  for (const l of sorted) {
    if (l.openQty <= 0) continue;
    const options = [...l.options].sort();
    const key = JSON.stringify([l.product, options, l.unitCents, l.depositCents, l.note]);
    let row = rows.get(key);
    if (!row) {
      row = { key, product: l.product, name: l.name, options, note: l.note, unitCents: l.unitCents, depositCents: l.depositCents, openQty: 0, payingQty: 0, parts: [] };
      rows.set(key, row);
    }
    const paying = Math.min(l.openQty, waiting.get(refKey(l.order, l.line)) ?? 0);
    row.payingQty += paying;
    row.openQty += l.openQty - paying;
    if (l.openQty > paying) row.parts.push({ order: l.order, line: l.line, qty: l.openQty - paying });
  }
  return [...rows.values()];
}

/** Splits `qty` of a row over its positions, oldest first. */
export function splitRow(row: BillRow, qty: number): ItemRef[] {
  const out: ItemRef[] = [];
  let left = Math.min(qty, row.openQty);
  for (const part of row.parts) {
    if (left <= 0) break;
    const take = Math.min(left, part.qty);
    out.push({ order: part.order, line: part.line, qty: take });
    left -= take;
  }
  return out;
}

/** Picks per row key → the payment's items. */
export function pickedItems(rows: readonly BillRow[], picks: Readonly<Record<string, number>>): ItemRef[] {
  return rows.flatMap((row) => splitRow(row, picks[row.key] ?? 0));
}

/** The picked quantities of the rows with returns and tip, summed as the server sums the payment. */
export function pickedTotals(
  rows: readonly BillRow[],
  picks: Readonly<Record<string, number>>,
  returns: readonly { depositCents: number; qty: number }[] = [],
  tipCents = 0,
): PayTotals {
  const picked = rows.map((row) => ({ qty: Math.min(picks[row.key] ?? 0, row.openQty), unitCents: row.unitCents, depositCents: row.depositCents }));
  return payTotals(picked, returns, tipCents);
}

const ceilTo = (cents: number, step: number) => Math.ceil(cents / step) * step;

/** What the guest may hand over: the exact amount and the next 5, 10, 20, 50 at or above it, without repeats. */
export function quickTendered(totalCents: number): number[] {
  if (totalCents <= 0) return [];
  return [...new Set([totalCents, ...[500, 1000, 2000, 5000].map((step) => ceilTo(totalCents, step))])].sort((a, b) => a - b);
}

/** Change due for cash, or null while nothing (or too little) is handed over. */
export function changeDue(tenderedCents: number | null, totalCents: number): number | null {
  if (tenderedCents === null || tenderedCents < totalCents) return null;
  return tenderedCents - totalCents;
}

/** Round-up tips: what takes the amount to the next full 1, 5 and 10 above it (6.00 → 7.00, 10.00). */
export function roundUpTips(baseCents: number): { toCents: number; tipCents: number }[] {
  if (baseCents <= 0) return [];
  const targets = [...new Set([100, 500, 1000].map((step) => (Math.floor(baseCents / step) + 1) * step))];
  return targets.map((toCents) => ({ toCents, tipCents: toCents - baseCents }));
}

/** Items given by (order, line) → picks per row (pay right after ordering preselects an order's lines). */
export function picksFor(rows: readonly BillRow[], items: readonly ItemRef[]): Record<string, number> {
  const wanted = new Map(items.map((i) => [refKey(i.order, i.line), i.qty]));
  const picks: Record<string, number> = {};
  for (const row of rows) {
    const qty = row.parts.reduce((n, p) => n + Math.min(p.qty, wanted.get(refKey(p.order, p.line)) ?? 0), 0);
    if (qty > 0) picks[row.key] = qty;
  }
  return picks;
}
