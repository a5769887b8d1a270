// Deposits by group (issue 20, item 11): guests bring back glasses, not products, so a waiter returns
// "2 × Glas 0,5 l" and the bound of invariant 12 holds per group: out and back are the sums over the
// group's products. Which group a product is in is the menu's now (config/depositGroups.ts); a
// product taken off the menu (or whose deposit was removed) counts in the group of the amount it
// was charged. Plain functions of what the commands and GET /deposits read.
import { amountGroupName } from "../config/depositGroups.ts";
import type { LoadedEvent } from "../config/event.ts";
import { fail, type Failure } from "../errors.ts";
import type { DepositBalance, DepositGroupBalance, DepositReturn, DepositReturnInput } from "../protocol.ts";

/** One product's glasses out and back, with the deposit it was charged (db/deposits.ts). */
export interface ProductDeposits {
  product: string;
  name: string;
  depositCents: number;
  out: number;
  back: number;
}

export interface DepositGroups {
  /** A product's group now, and what one glass of it pays back. */
  groupOf(product: string, chargedCents: number): { group: string; depositCents: number };
  /** The groups on the menu, each with its deposit and its products in menu order. */
  menu: Map<string, { depositCents: number; products: string[] }>;
}

export function depositGroupsOf(event: Pick<LoadedEvent, "products" | "productById" | "config">): DepositGroups {
  const menu = new Map<string, { depositCents: number; products: string[] }>();
  for (const p of event.products) {
    if (p.depositCents <= 0) continue;
    const g = menu.get(p.depositGroup) ?? menu.set(p.depositGroup, { depositCents: p.depositCents, products: [] }).get(p.depositGroup)!;
    g.products.push(p.id);
  }
  const { language, currency } = event.config;
  return {
    menu,
    groupOf(product, chargedCents) {
      const p = event.productById.get(product);
      if (p && p.depositCents > 0) return { group: p.depositGroup, depositCents: p.depositCents };
      const group = amountGroupName(chargedCents, language, currency);
      return { group, depositCents: menu.get(group)?.depositCents ?? chargedCents };
    },
  };
}

export interface DepositBook {
  products: Map<string, DepositBalance>;
  /** Every group on the menu (also with nothing out) and every group with glasses out or back. */
  groups: Map<string, DepositGroupBalance>;
}

/** The products' figures summed by group. */
export function depositBook(rows: Iterable<ProductDeposits>, groups: DepositGroups): DepositBook {
  const book: DepositBook = { products: new Map(), groups: new Map() };
  const groupFor = (group: string, depositCents: number) =>
    book.groups.get(group) ?? book.groups.set(group, { group, depositCents, out: 0, back: 0, open: 0 }).get(group)!;
  for (const [group, g] of groups.menu) groupFor(group, g.depositCents);
  for (const r of rows) {
    const { group, depositCents } = groups.groupOf(r.product, r.depositCents);
    book.products.set(r.product, { product: r.product, name: r.name, group, out: r.out, back: r.back, open: r.out - r.back });
    const g = groupFor(group, depositCents);
    g.out += r.out;
    g.back += r.back;
    g.open = g.out - g.back;
  }
  return book;
}

/** Glasses per group of some product counts (the deposits a payment charges, or the products a return counts against). */
export function byGroup(counts: ReadonlyMap<string, number>, groups: DepositGroups, chargedCents: (product: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [product, n] of counts) {
    const { group } = groups.groupOf(product, chargedCents(product));
    out.set(group, (out.get(group) ?? 0) + n);
  }
  return out;
}

/** A return asked for, resolved to its group; `index` is its first entry in the body (for the error's path). */
export interface GroupReturn {
  index: number;
  group: string;
  qty: number;
  depositCents: number;
}

/**
 * The body's returns by group. A `{ product }` entry (a phone's outbox from before groups) counts for
 * the product's group; entries of one group are added up. Unknown groups and products are refused.
 */
export function resolveReturns(input: readonly DepositReturnInput[], event: Pick<LoadedEvent, "productById">, groups: DepositGroups, book: DepositBook): GroupReturn[] | Failure {
  const out = new Map<string, GroupReturn>();
  for (const [index, r] of input.entries()) {
    let group: string;
    if ("group" in r) {
      if (!groups.menu.has(r.group) && !book.groups.has(r.group))
        return fail("INVALID_INPUT", `unknown deposit group "${r.group}"; the groups are ${[...groups.menu.keys()].join(", ") || "none"}`, `depositReturns[${index}].group`);
      group = r.group;
    } else {
      const product = event.productById.get(r.product);
      if (!product) return fail("INVALID_INPUT", `unknown product "${r.product}"`, `depositReturns[${index}].product`);
      if (!product.depositCents) return fail("INVALID_INPUT", `${product.name} carries no deposit`, `depositReturns[${index}].product`);
      group = product.depositGroup;
    }
    const depositCents = groups.menu.get(group)?.depositCents ?? book.groups.get(group)!.depositCents;
    const entry = out.get(group) ?? out.set(group, { index, group, qty: 0, depositCents }).get(group)!;
    entry.qty += r.qty;
  }
  return [...out.values()];
}

/**
 * The payment's record of a group's return: the products it counts against, those with the most
 * still out first (this payment's own deposits included). Beyond what is out (approved by the admin)
 * the rest counts against the group's first product.
 */
export function recordReturn(r: GroupReturn, book: DepositBook, groups: DepositGroups, outHere: ReadonlyMap<string, number>): DepositReturn {
  const members = new Map<string, number>();
  for (const product of groups.menu.get(r.group)?.products ?? []) members.set(product, 0);
  for (const b of book.products.values()) if (b.group === r.group) members.set(b.product, b.open);
  for (const [product, n] of outHere) if (members.has(product)) members.set(product, members.get(product)! + n);
  const order = [...members].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const products: { product: string; qty: number }[] = [];
  let rest = r.qty;
  for (const [product, open] of order) {
    const take = Math.min(rest, Math.max(0, open));
    if (take > 0) products.push({ product, qty: take });
    rest -= take;
  }
  if (rest > 0) {
    const first = products[0] ?? { product: order[0]?.[0] ?? r.group, qty: 0 };
    if (!products.length) products.push(first);
    first.qty += rest;
  }
  return { group: r.group, name: r.group, qty: r.qty, depositCents: r.depositCents, products };
}
