// Reversing a payment (wrong method, a mistake): the payment stays as it was, a reversal is added
// with who and why, and its items are open again. Orders the payment had closed open again too.
import type { Command } from "../command.ts";
import { answer } from "../command.ts";
import { changedOrders, giveBack, positionsOf, settleClosing, type Ledger } from "../../domain/ledger.ts";
import { writeOrders } from "./common.ts";
import { checkReversalDeposits, depositsOutOf } from "../../domain/claims.ts";
import { readOrdersByIds } from "../../db/orders.ts";
import { readDepositProducts } from "../../db/deposits.ts";
import { depositBook, depositGroupsOf, type DepositBook } from "../../domain/depositGroups.ts";
import * as money from "../../db/money.ts";
import { fail } from "../../errors.ts";
import type { Payment, PaymentReversedFrame } from "../../protocol.ts";

export interface ReverseInput {
  id: string;
  reason: string;
}
interface ReverseData {
  payment: Payment | undefined;
  ledger: Ledger;
  /** Glasses out and back per product and group, read only when the payment handed deposits out. */
  deposits: DepositBook;
}
type ReverseResult = { payment: Payment; replay: boolean };

export const reversePayment: Command<ReverseInput, ReverseData, ReverseResult> = {
  permission: "payment.reverse",

  async load({ db, event }, _state, { id }) {
    const eventId = event.config.id;
    const stored = await money.readPayment(db, eventId, id);
    const p = stored?.payment;
    const [ledger, products] = await Promise.all([
      p ? readOrdersByIds(db, eventId, p.items.map((i) => i.order)) : new Map(),
      p && !p.reversal && depositsOutOf(p.method, p.items).size ? readDepositProducts(db, eventId) : new Map(),
    ]);
    return { payment: p, ledger, deposits: depositBook(products.values(), depositGroupsOf(event)) };
  },

  decide({ db, event, actor, now }, state, { id, reason }, { payment, ledger, deposits }) {
    if (!payment) return fail("NOT_FOUND", `no payment "${id}"`, "param.id");
    // Reversing twice is the same reversal: exactly once, like every command.
    if (payment.reversal) return answer({ payment, replay: true });
    const depositsFit = checkReversalDeposits(deposits, payment, depositGroupsOf(event));
    if (depositsFit) return depositsFit;
    const given = giveBack(ledger, payment.items.map((i) => ({ ...i, table: payment.table })), "paidQty");
    const { ledger: after, reopened } = settleClosing(given, payment.items.map((i) => i.order), now);
    const reversed: Payment = { ...payment, reversal: { seq: state.seq + 1, at: now, by: actor.name, reason } };
    const touched = changedOrders(ledger, after);
    const frame: PaymentReversedFrame = { type: "payment.reversed", seq: state.seq + 1, payment: reversed, positions: touched.map(positionsOf), reopened };
    return {
      kind: "plan",
      statements: [money.reversePaymentRow(db, reversed), ...writeOrders(db, event.config.id, touched)],
      frames: [frame],
      state: { ...state, seq: frame.seq },
      result: { payment: reversed, replay: false },
    };
  },
};
