// Storing a waiter's settlement: the organiser counted the cash handed in; the shift's figures are
// kept as they were, and that waiter's later payments start a new shift.
import { hashText, type Command } from "../command.ts";
import { isDuplicateId, replayOrConflict, sameOrConflict } from "./common.ts";
import * as money from "../../db/money.ts";
import { readShifts } from "../../db/shifts.ts";
import { fail } from "../../errors.ts";
import { expectedCountCents, type Settlement, type SettlementBody, type SettlementRecordedFrame, type WaiterShift } from "../../protocol.ts";

export interface SettleInput {
  body: SettlementBody;
}
interface SettleData {
  existing: { settlement: Settlement; bodyHash: string } | undefined;
  /** Undefined when nobody of that name took an order, a payment or a settlement here. */
  shift: WaiterShift | undefined;
}
type SettleResult = { settlement: Settlement; replay: boolean };

export const settle: Command<SettleInput, SettleData, SettleResult> = {
  permission: "settlement.record",

  hash({ body: b }) {
    return hashText(JSON.stringify(["settlement", b.waiter, b.floatCents, b.countedCents]));
  },

  async load({ db, event }, _state, { body }) {
    const eventId = event.config.id;
    const [existing, shifts] = await Promise.all([money.readSettlement(db, eventId, body.id), readShifts(db, eventId, body.waiter)]);
    return { existing, shift: shifts[0] };
  },

  decide({ db, event, actor, now, requestHash }, state, { body }, { existing, shift }) {
    if (existing) return sameOrConflict(actor, { bodyHash: existing.bodyHash, recordedBy: existing.settlement.by, result: { settlement: existing.settlement, replay: true } }, requestHash, "a settlement");
    // A typo must not settle a waiter who does not exist (names are compared exactly).
    if (!shift) return fail("NOT_FOUND", `nobody called "${body.waiter}" has taken orders or payments at this event`, "waiter");
    // The one cash rule (protocol/cash.ts): float + net cash − card tips.
    const expectedCashCents = expectedCountCents(body.floatCents, shift);
    const settlement: Settlement = {
      id: body.id,
      seq: state.seq + 1,
      waiter: body.waiter,
      floatCents: body.floatCents,
      countedCents: body.countedCents,
      expectedCashCents,
      differenceCents: body.countedCents - expectedCashCents,
      shift,
      by: actor.name,
      createdAt: now,
    };
    const frame: SettlementRecordedFrame = { type: "settlement.recorded", seq: settlement.seq, settlement };
    return {
      kind: "plan",
      statements: [money.insertSettlement(db, event.config.id, settlement, requestHash)],
      frames: [frame],
      state: { ...state, seq: frame.seq },
      result: { settlement, replay: false },
    };
  },

  async onCommitError({ db, event, actor, requestHash }, { body }, error) {
    if (!isDuplicateId(error, "settlements.id")) return undefined;
    const existing = await money.readSettlement(db, event.config.id, body.id);
    return replayOrConflict(actor, existing && { bodyHash: existing.bodyHash, recordedBy: existing.settlement.by, result: { settlement: existing.settlement, replay: true } }, requestHash, "a settlement");
  },
};
