// The one cash rule for a waiter's shift. "Meine Kasse" on the phone, the settlement (stored by
// the server and previewed on /admin), the end-of-night page and the report all call these, so a
// waiter who hands in what the phone says settles at 0,00.
//
// Tips belong to the waiter. A cash tip never enters the shift's cash figure (the waiter keeps it).
// A card tip reached the organiser's card account, so the waiter pays it to themselves from the
// cash bag: the cash to hand in is the shift's net cash minus its card tips. It can be negative
// (a shift of card payments with tips): then the organiser owes the waiter that much in cash.
// Vouchers sold for cash at a desk (issue 22) are cash in the bag too: they add to it.
import type { WaiterShift } from "./settlement.ts";

type CashFigures = Pick<WaiterShift, "cashCents" | "cardTipsCents" | "voucherSoldCashCents">;

/**
 * Cash to hand in, float not included: net cash (goods + deposit out − deposit back of the cash
 * payments, tips not included) − card tips + vouchers sold for cash.
 */
export function cashToHandInCents(shift: CashFigures): number {
  return shift.cashCents - shift.cardTipsCents + shift.voucherSoldCashCents;
}

/** What the organiser should count from the waiter: the float handed out plus the cash to hand in. */
export function expectedCountCents(floatCents: number, shift: CashFigures): number {
  return floatCents + cashToHandInCents(shift);
}
