// Sums over shifts and settlements for the end-of-night report. Pure, in integer cents.
import type { Settlement, WaiterShift } from "../../../worker/protocol.ts";

export const SHIFT_FIGURES = ["cashCents", "cardCents", "voucherCents", "freeCents", "tipsCents", "cardTipsCents", "depositOutCents", "depositBackCents", "voidedCents"] as const;
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

/** Every stored settlement plus every current shift, so nothing taken tonight is left out. */
export function reportTotals(settlements: readonly Settlement[], current: readonly WaiterShift[]): ReportTotals {
  const totals = emptyTotals();
  for (const s of settlements) {
    addShift(totals, s.shift);
    totals.floatCents += s.floatCents;
    totals.expectedCents += s.expectedCashCents;
    totals.countedCents += s.countedCents;
    totals.differenceCents += s.differenceCents;
  }
  for (const shift of current) {
    addShift(totals, shift);
    totals.expectedCents += shift.expectedCashCents;
  }
  return totals;
}

/** A shift with nothing in it (the fresh one right after a settlement). */
export function isEmptyShift(shift: WaiterShift): boolean {
  return shift.payments === 0 && SHIFT_FIGURES.every((f) => shift[f] === 0);
}
