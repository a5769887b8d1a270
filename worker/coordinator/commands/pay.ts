// Taking a payment at the table: some quantities of the table's open lines, by one method, with
// deposits charged, returned glasses paid back, a tip and the cash handed over. Exactly once by id.
import { hashText, type Command } from "../command.ts";
import { changedOrders, checkRefsExist, itemOf, positionsOf, settleClosing, takeOpen, type Ledger } from "../../domain/ledger.ts";
import { checkApproval, checkDepositReturns, depositsOutOf } from "../../domain/claims.ts";
import { closedFrames, isDuplicateId, refsInOrder, replayOrConflict, sameOrConflict, writeOrders } from "./common.ts";
import { readOrdersByIds } from "../../db/orders.ts";
import { readDepositProducts } from "../../db/deposits.ts";
import { byGroup, depositBook, depositGroupsOf, recordReturn, resolveReturns, type DepositBook } from "../../domain/depositGroups.ts";
import * as money from "../../db/money.ts";
import { fail } from "../../errors.ts";
import { counterBillOrder, payTotals, type DeltaFrame, type DepositReturnInput, type PayBody, type Payment, type PaymentRecordedFrame } from "../../protocol.ts";

export interface PayInput {
  /** The body without the admin PIN: the route checked it, and it is never stored or hashed. */
  body: Omit<PayBody, "adminPin">;
  /** Who approved it (an admin's session, or the admin PIN the route checked); needed for free and large tips. */
  approvedBy?: string;
}
interface PayData {
  existing: { payment: Payment; bodyHash: string } | undefined;
  ledger: Ledger;
  /** Glasses out and back per product and group, read only when the payment returns some. */
  deposits: DepositBook;
}
type PayResult = { payment: Payment; replay: boolean };

export const pay: Command<PayInput, PayData, PayResult> = {
  permission: "payment.take",

  /** Lists sorted and defaults filled in, so a retry that lists its lines in another order is the same payment. */
  hash({ body: b }) {
    // A return by product hashes as it did before groups, so an old phone's retry is still the same payment.
    const key = (r: DepositReturnInput) => ("group" in r ? `group:${r.group}` : r.product);
    const returns = [...(b.depositReturns ?? [])].sort((x, y) => key(x).localeCompare(key(y))).map((r) => ("group" in r ? ["group", r.group, r.qty] : [r.product, r.qty]));
    return hashText(JSON.stringify(["payment", b.table, b.method, refsInOrder(b.items), b.tenderedCents ?? null, b.tipCents ?? 0, returns, b.reason ?? ""]));
  },

  async load({ db, event }, _state, { body }) {
    const eventId = event.config.id;
    const [existing, ledger, products] = await Promise.all([
      money.readPayment(db, eventId, body.id),
      readOrdersByIds(db, eventId, body.items.map((i) => i.order)),
      body.depositReturns?.length ? readDepositProducts(db, eventId) : new Map(),
    ]);
    return { existing, ledger, deposits: depositBook(products.values(), depositGroupsOf(event)) };
  },

  decide({ db, event, actor, now, requestHash }, state, { body, approvedBy }, { existing, ledger, deposits }) {
    if (existing) return sameOrConflict(actor, { bodyHash: existing.bodyHash, recordedBy: existing.payment.waiter, result: { payment: existing.payment, replay: true } }, requestHash, "a payment");
    const { methods, tips } = event.config.payment;
    // A counter order's own bill (issue 22) is paid with that order's lines; that the order exists in
    // this event is checked with the lines below (404 at items[i].order while it does not).
    const billOrder = counterBillOrder(body.table);
    if (billOrder !== undefined ? !body.items.some((i) => i.order === billOrder) : !event.tableNames.has(body.table))
      return fail("INVALID_INPUT", billOrder !== undefined ? `the payment's lines are not of counter order "${billOrder}"` : `unknown table "${body.table}"`, "table");
    if (!methods.includes(body.method)) return fail("INVALID_INPUT", `this event does not take "${body.method}"; it takes ${methods.join(", ")}`, "method");
    if (body.tipCents && !tips) return fail("INVALID_INPUT", "this event takes no tips", "tipCents");
    const missing = checkRefsExist(ledger, body.items);
    if (missing) return missing;

    const groups = depositGroupsOf(event);
    const returned = resolveReturns(body.depositReturns ?? [], event, groups, deposits);
    if (!Array.isArray(returned)) return returned;
    const taken = takeOpen(ledger, body.table, body.items, "paidQty");
    if (!(taken instanceof Map)) return taken;

    const items = body.items.map((ref) => {
      const item = itemOf(ledger.get(ref.order)!, ref.line)!;
      return { order: ref.order, line: ref.line, qty: ref.qty, product: item.product, name: item.name, unitCents: item.unitCents, depositCents: item.depositCents };
    });
    // The same sums as the phone's pay sheet shows (protocol/totals.ts).
    const { amountCents, depositCents, depositReturnCents, tipCents, totalCents } = payTotals(items, returned, body.tipCents ?? 0);
    // What the waiter claims is bounded by the record (glasses back, per deposit group) or approved
    // (more glasses back, free, large tips): invariant 12.
    const outHere = depositsOutOf(body.method, items);
    const charged = new Map(items.map((i) => [i.product, i.depositCents]));
    const returnsShort = checkDepositReturns(deposits.groups, returned, byGroup(outHere, groups, (p) => charged.get(p) ?? 0));
    if (returnsShort && approvedBy === undefined) return returnsShort;
    const approval = checkApproval({ method: body.method, amountCents, depositCents, tipCents }, { tipLimitCents: event.info.payment.tipLimitCents, currency: event.config.currency }, approvedBy);
    if ("ok" in approval) return approval;
    const depositReturns = returned.map((r) => recordReturn(r, deposits, groups, outHere));
    if (totalCents < 0 && body.method !== "cash") return fail("INVALID_INPUT", "money back (more deposit returned than charged) is paid in cash", "method");
    const tenderedCents = body.tenderedCents ?? null;
    if (tenderedCents !== null && tenderedCents < totalCents)
      return fail("INVALID_INPUT", `the amount handed over (${tenderedCents} cents) is less than the total (${totalCents} cents)`, "tenderedCents");

    const { ledger: after, closed } = settleClosing(taken, body.items.map((i) => i.order), now);
    const payment: Payment = {
      id: body.id,
      seq: state.seq + 1,
      table: body.table,
      waiter: actor.name,
      method: body.method,
      amountCents,
      depositCents,
      depositReturnCents,
      tipCents,
      totalCents,
      tenderedCents,
      changeCents: tenderedCents === null ? null : tenderedCents - totalCents,
      reason: body.reason ?? "",
      items,
      depositReturns,
      createdAt: now,
      reversal: null,
      approvedBy: returnsShort ? approvedBy! : approval.approvedBy,
    };
    const touched = changedOrders(ledger, after);
    const recorded: PaymentRecordedFrame = { type: "payment.recorded", seq: payment.seq, payment, positions: touched.map(positionsOf) };
    const frames: DeltaFrame[] = [recorded, ...closedFrames(payment.seq, closed)];
    return {
      kind: "plan",
      statements: [...money.insertPayment(db, event.config.id, payment, requestHash), ...writeOrders(db, event.config.id, touched)],
      frames,
      state: { ...state, seq: frames[frames.length - 1]!.seq },
      result: { payment, replay: false },
    };
  },

  async onCommitError({ db, event, actor, requestHash }, { body }, error) {
    if (!isDuplicateId(error, "payments.id")) return undefined;
    const existing = await money.readPayment(db, event.config.id, body.id);
    return replayOrConflict(actor, existing && { bodyHash: existing.bodyHash, recordedBy: existing.payment.waiter, result: { payment: existing.payment, replay: true } }, requestHash, "a payment");
  },
};
