// Reversing a voucher sale (a mistake at the desk): the sale stays as it was, the reversal is added
// with who and why, and its money counts out again in the shift and the report where it happened.
import { answer, type Command } from "../command.ts";
import { readVoucherSale, reverseVoucherSaleRow } from "../../db/voucherSales.ts";
import { fail } from "../../errors.ts";
import type { VoucherReversedFrame, VoucherSale } from "../../protocol.ts";

export interface ReverseVoucherSaleInput {
  id: string;
  reason: string;
}
type ReverseVoucherSaleResult = { sale: VoucherSale; replay: boolean };

export const reverseVoucherSale: Command<ReverseVoucherSaleInput, VoucherSale | undefined, ReverseVoucherSaleResult> = {
  permission: "payment.reverse",

  async load({ db, event }, _state, { id }) {
    return (await readVoucherSale(db, event.config.id, id))?.sale;
  },

  decide({ db, actor, now }, state, { id, reason }, sale) {
    if (!sale) return fail("NOT_FOUND", `no voucher sale "${id}"`, "param.id");
    // Reversing twice is the same reversal: exactly once, like every command.
    if (sale.reversedAt !== null) return answer({ sale, replay: true });
    const reversed: VoucherSale = { ...sale, reversedAt: now, reversedBy: actor.name, reverseReason: reason };
    const frame: VoucherReversedFrame = { type: "voucher.reversed", seq: state.seq + 1, sale: reversed };
    return {
      kind: "plan",
      statements: [reverseVoucherSaleRow(db, reversed, frame.seq)],
      frames: [frame],
      state: { ...state, seq: frame.seq },
      result: { sale: reversed, replay: false },
    };
  },
};
