// Selling vouchers (Wertmarken) at a cash desk (issue 22): money in by cash or card, vouchers of
// that value out. No bill changes: the goods are paid later with the vouchers (payments of method
// "voucher"). Exactly once by the id the desk made, like a payment.
import { hashText, type Command } from "../command.ts";
import { isDuplicateId, replayOrConflict, sameOrConflict, type StoredRecord } from "./common.ts";
import { insertVoucherSale, readVoucherSale } from "../../db/voucherSales.ts";
import { fail } from "../../errors.ts";
import type { VoucherSale, VoucherSaleBody, VoucherSoldFrame } from "../../protocol.ts";

export interface SellVouchersInput {
  body: VoucherSaleBody;
}
interface SellVouchersData {
  existing: { sale: VoucherSale; bodyHash: string } | undefined;
}
type SellVouchersResult = { sale: VoucherSale; replay: boolean };

function stored(existing: { sale: VoucherSale; bodyHash: string }): StoredRecord<SellVouchersResult> {
  return { bodyHash: existing.bodyHash, recordedBy: existing.sale.waiter, result: { sale: existing.sale, replay: true } };
}

export const sellVouchers: Command<SellVouchersInput, SellVouchersData, SellVouchersResult> = {
  permission: "payment.take",

  hash({ body: b }) {
    return hashText(JSON.stringify(["voucher-sale", b.counter, b.method, b.amountCents, b.tenderedCents ?? null]));
  },

  async load({ db, event }, _state, { body }) {
    return { existing: await readVoucherSale(db, event.config.id, body.id) };
  },

  decide({ db, event, actor, now, requestHash }, state, { body }, { existing }) {
    if (existing) return sameOrConflict(actor, stored(existing), requestHash, "a voucher sale");
    if (state.ended) return fail("INVALID_INPUT", `"${event.config.name}" has ended; vouchers are sold for the current event`, "counter");
    // Read defensively: an event without counter service has none.
    const counters = event.info.counters ?? [];
    if (!counters.some((c) => c.id === body.counter))
      return fail("INVALID_INPUT", counters.length ? `unknown counter "${body.counter}"; this event has ${counters.map((c) => c.id).join(", ")}` : "this event has no counters (config.json counters)", "counter");
    const methods = event.config.payment.methods;
    if (!methods.includes(body.method)) return fail("INVALID_INPUT", `this event does not take "${body.method}"; it takes ${methods.join(", ")}`, "method");
    const tenderedCents = body.tenderedCents ?? null;
    if (tenderedCents !== null && body.method !== "cash") return fail("INVALID_INPUT", "cash handed over belongs to a cash sale", "tenderedCents");
    if (tenderedCents !== null && tenderedCents < body.amountCents)
      return fail("INVALID_INPUT", `the amount handed over (${tenderedCents} cents) is less than the vouchers' value (${body.amountCents} cents)`, "tenderedCents");

    const sale: VoucherSale = {
      id: body.id,
      seq: state.seq + 1,
      counter: body.counter,
      waiter: actor.name,
      method: body.method,
      amountCents: body.amountCents,
      tenderedCents,
      createdAt: now,
      reversedAt: null,
      reversedBy: null,
      reverseReason: null,
    };
    const frame: VoucherSoldFrame = { type: "voucher.sold", seq: sale.seq, sale };
    return {
      kind: "plan",
      statements: [insertVoucherSale(db, event.config.id, sale, requestHash)],
      frames: [frame],
      state: { ...state, seq: frame.seq },
      result: { sale, replay: false },
    };
  },

  async onCommitError({ db, event, actor, requestHash }, { body }, error) {
    if (!isDuplicateId(error, "voucher_sales.id")) return undefined;
    const existing = await readVoucherSale(db, event.config.id, body.id);
    return replayOrConflict(actor, existing && stored(existing), requestHash, "a voucher sale");
  },
};
