// What a waiter claims in a payment is bounded by the record or approved (DESIGN invariant 12):
// no more glasses back than deposits went out, and no free items or large tip without the admin PIN.
// Plain functions of what the command loaded; the pay and reversal commands call them in decide.
import { fail, type Failure } from "../errors.ts";
import { tipLimitCents, type DepositBalance, type Payment, type PaymentMethod } from "../protocol.ts";

/** Glasses of each product a payment hands out with a deposit that comes in (not free). */
export function depositsOutOf(method: PaymentMethod, items: readonly Pick<Payment["items"][number], "product" | "qty" | "depositCents">[]): Map<string, number> {
  const out = new Map<string, number>();
  if (method === "free") return out;
  for (const i of items) if (i.depositCents > 0) out.set(i.product, (out.get(i.product) ?? 0) + i.qty);
  return out;
}

/**
 * Each return must fit in what is out and not back yet, counting the deposits this payment takes
 * itself. The refusal names every product that is short and how many of it can still come back.
 */
export function checkDepositReturns(
  balances: ReadonlyMap<string, DepositBalance>,
  returns: readonly { product: string; name: string; qty: number }[],
  outHere: ReadonlyMap<string, number>,
): Failure | undefined {
  const short: { index: number; product: string; name: string; left: number }[] = [];
  for (const [index, r] of returns.entries()) {
    const left = Math.max(0, (balances.get(r.product)?.open ?? 0) + (outHere.get(r.product) ?? 0));
    if (r.qty > left) short.push({ index, product: r.product, name: r.name, left });
  }
  if (!short.length) return undefined;
  const what = short.map((s) => `${s.name}: ${s.left} can still come back`).join("; ");
  return fail("DEPOSIT_LIMIT", `more glasses returned than deposits went out (${what})`, `depositReturns[${short[0]!.index}].qty`, {
    products: short.map(({ product, name, left }) => ({ product, name, left })),
  });
}

/** Reversing takes the payment's deposits out of the pool and gives its returns back; refused if returns would then exceed deposits. */
export function checkReversalDeposits(balances: ReadonlyMap<string, DepositBalance>, payment: Payment): Failure | undefined {
  const out = depositsOutOf(payment.method, payment.items);
  const back = new Map(payment.depositReturns.map((r) => [r.product, r.qty]));
  const short: { product: string; name: string; left: number }[] = [];
  for (const [product, qty] of out) {
    const b = balances.get(product);
    const openAfter = (b?.open ?? 0) - qty + (back.get(product) ?? 0);
    if (openAfter < 0) short.push({ product, name: b?.name ?? product, left: openAfter });
  }
  if (!short.length) return undefined;
  const what = short.map((s) => `${-s.left} ${s.name}`).join(", ");
  return fail(
    "DEPOSIT_LIMIT",
    `the glasses of this payment have come back already: reversing it would leave more returned than went out (${what}); reverse the payment that took them back first`,
    "param.id",
    { products: short.map((s) => ({ ...s, left: 0 })) },
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
