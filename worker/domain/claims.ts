// What a waiter claims in a payment is bounded by the record or approved (DESIGN invariant 12):
// no more glasses back than deposits went out (per deposit group), and no free items, large tip or
// extra glasses back without the admin PIN.
// Plain functions of what the command loaded; the pay and reversal commands call them in decide.
import { fail, type Failure } from "../errors.ts";
import { tipLimitCents, type DepositGroupBalance, type Payment, type PaymentMethod } from "../protocol.ts";
import { byGroup, type DepositBook, type DepositGroups, type GroupReturn } from "./depositGroups.ts";

/** Glasses of each product a payment hands out with a deposit that comes in (not free). */
export function depositsOutOf(method: PaymentMethod, items: readonly Pick<Payment["items"][number], "product" | "qty" | "depositCents">[]): Map<string, number> {
  const out = new Map<string, number>();
  if (method === "free") return out;
  for (const i of items) if (i.depositCents > 0) out.set(i.product, (out.get(i.product) ?? 0) + i.qty);
  return out;
}

/**
 * Each group's return must fit in what is out and not back yet, counting the deposits this payment
 * takes itself, unless the admin approves it. The refusal names every group that is short and how
 * many of it can still come back.
 */
export function checkDepositReturns(groups: ReadonlyMap<string, DepositGroupBalance>, returns: readonly GroupReturn[], outHere: ReadonlyMap<string, number>): Failure | undefined {
  const short: { index: number; group: string; left: number }[] = [];
  for (const r of returns) {
    const left = Math.max(0, (groups.get(r.group)?.open ?? 0) + (outHere.get(r.group) ?? 0));
    if (r.qty > left) short.push({ index: r.index, group: r.group, left });
  }
  if (!short.length) return undefined;
  const what = short.map((s) => `${s.group}: ${s.left} can still come back`).join("; ");
  return fail("DEPOSIT_LIMIT", `more glasses returned than deposits went out (${what}); more needs the admin PIN`, `depositReturns[${short[0]!.index}].qty`, {
    groups: short.map(({ group, left }) => ({ group, left })),
  });
}

/** Reversing takes the payment's deposits out of their groups and gives its returns back; refused if a group would then have more back than out. */
export function checkReversalDeposits(book: DepositBook, payment: Payment, groups: DepositGroups): Failure | undefined {
  const charged = new Map(payment.items.map((i) => [i.product, i.depositCents]));
  const out = byGroup(depositsOutOf(payment.method, payment.items), groups, (product) => charged.get(product) ?? 0);
  const back = new Map<string, number>();
  for (const r of payment.depositReturns)
    for (const p of r.products) {
      const { group } = groups.groupOf(p.product, r.depositCents);
      back.set(group, (back.get(group) ?? 0) + p.qty);
    }
  const short: { group: string; left: number }[] = [];
  for (const [group, qty] of out) {
    const open = book.groups.get(group)?.open ?? 0;
    const openAfter = open - qty + (back.get(group) ?? 0);
    if (openAfter < 0 && openAfter < open) short.push({ group, left: openAfter });
  }
  if (!short.length) return undefined;
  const what = short.map((s) => `${-s.left} ${s.group}`).join(", ");
  return fail(
    "DEPOSIT_LIMIT",
    `the glasses of this payment have come back already: reversing it would leave more returned than went out (${what}); reverse the payment that took them back first`,
    "param.id",
    { groups: short.map((s) => ({ group: s.group, left: 0 })) },
  );
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/**
 * A free payment needs approval; so does a tip above the payment's amount (goods + deposit) or the
 * event's limit. `approvedBy` is who approved (from the route's PIN check), or undefined.
 */
export function checkApproval(
  p: { method: PaymentMethod; amountCents: number; depositCents: number; tipCents: number },
  event: { tipLimitCents: number | null; currency: string },
  approvedBy: string | undefined,
): Failure | { approvedBy: string | null } {
  const tipLimit = tipLimitCents(p.amountCents + p.depositCents, event.tipLimitCents);
  const bigTip = p.tipCents > tipLimit;
  if (p.method !== "free" && !bigTip) return { approvedBy: null };
  if (approvedBy !== undefined) return { approvedBy };
  if (p.method === "free") return fail("FORBIDDEN", "giving items away (method free) needs the admin PIN", "adminPin");
  const why = tipLimit === event.tipLimitCents && tipLimit < p.amountCents + p.depositCents ? "the event's tip limit" : "the payment's amount";
  return fail("FORBIDDEN", `a tip above ${money(tipLimit, event.currency)} (${why}) needs the admin PIN`, "tipCents");
}
