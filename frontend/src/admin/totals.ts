// Sums over shifts and settlements for the end-of-night report. Pure, in integer cents.
import type { Settlement, WaiterShift } from "../../../worker/protocol.ts";

export const SHIFT_FIGURES = ["cashCents", "cardCents", "voucherCents", "freeCents", "tipsCents", "cardTipsCents", "depositOutCents", "depositBackCents", "voidedCents", "voucherSoldCashCents", "voucherSoldCardCents"] as const;
export type ShiftFigure = (typeof SHIFT_FIGURES)[number];

export interface ReportTotals extends Record<ShiftFigure, number> {
  payments: number;
  /** Floats of the settled shifts (an open shift's float is not known yet). */
  floatCents: number;
  /** Settled shifts: float + cash; open shifts: their cash (no float handed in yet). */
  expectedCents: number;
  countedCents: number;
  differenceCents: number;
}

export function emptyTotals(): ReportTotals {
  const totals = { payments: 0, floatCents: 0, expectedCents: 0, countedCents: 0, differenceCents: 0 } as ReportTotals;
  for (const f of SHIFT_FIGURES) totals[f] = 0;
  return totals;
}

function addShift(totals: ReportTotals, shift: WaiterShift): void {
  totals.payments += shift.payments;
  for (const f of SHIFT_FIGURES) totals[f] += shift[f];
}

/**
 * The sums of the end-of-night report, like with like: the settled shifts (float, expected,
 * counted and difference all theirs), the shifts still to settle (their cash to hand in, nothing
 * counted yet), and every shift of tonight for the takings by method, so nothing taken is left out.
 */
export interface SplitTotals {
  settled: ReportTotals;
  open: ReportTotals;
  all: ReportTotals;
}

export function reportTotals(settlements: readonly Settlement[], current: readonly WaiterShift[]): SplitTotals {
  const settled = emptyTotals();
  const open = emptyTotals();
  const all = emptyTotals();
  for (const s of settlements) {
    for (const totals of [settled, all]) addShift(totals, s.shift);
    settled.floatCents += s.floatCents;
    settled.expectedCents += s.expectedCashCents;
    settled.countedCents += s.countedCents;
    settled.differenceCents += s.differenceCents;
  }
  for (const shift of current) {
    for (const totals of [open, all]) addShift(totals, shift);
    open.expectedCents += shift.expectedCashCents;
  }
  return { settled, open, all };
}

/** A shift with nothing in it (the fresh one right after a settlement). */
export function isEmptyShift(shift: WaiterShift): boolean {
  return shift.payments === 0 && shift.voucherSales === 0 && SHIFT_FIGURES.every((f) => shift[f] === 0);
}
