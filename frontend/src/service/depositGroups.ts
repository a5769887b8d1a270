// Deposit groups on the phone (issue 20, item 11): guests bring back glasses, not products, so
// "Pfand zurück" counts by the menu's deposit groups ("Glas 0,5 l"). A return waiting in the outbox
// from before groups names a product: it counts for that product's group, as the server counts it.
import type { DepositReturnInput, Product } from "../../../worker/protocol.ts";

export interface DepositGroupOffer {
  group: string;
  /** What one glass of the group pays back. */
  depositCents: number;
}

/** The deposit groups of the menu, in menu order. */
export function menuGroups(products: readonly Product[]): DepositGroupOffer[] {
  const groups = new Map<string, DepositGroupOffer>();
  for (const p of products) if (p.depositCents > 0 && !groups.has(p.depositGroup)) groups.set(p.depositGroup, { group: p.depositGroup, depositCents: p.depositCents });
  return [...groups.values()];
}

/** The group a return counts for: its own, or (sent before groups) its product's. */
export function groupOfReturn(r: DepositReturnInput, products: readonly Product[]): string {
  if ("group" in r) return r.group;
  return products.find((p) => p.id === r.product)?.depositGroup || r.product;
}

/** What a return pays back per glass, as the menu says. */
export function depositOfReturn(r: DepositReturnInput, products: readonly Product[]): number {
  const group = groupOfReturn(r, products);
  return products.find((p) => p.depositCents > 0 && p.depositGroup === group)?.depositCents ?? 0;
}

/** Glasses of a group this payment charges itself: the picked quantities of its rows with a deposit. */
export function chargedInGroup(rows: readonly { key: string; product: string; depositCents: number; openQty: number }[], picks: Record<string, number>, group: string, products: readonly Product[]): number {
  const inGroup = (product: string) => products.find((p) => p.id === product)?.depositGroup === group;
  return rows.filter((r) => r.depositCents > 0 && inGroup(r.product)).reduce((n, r) => n + Math.min(picks[r.key] ?? 0, r.openQty), 0);
}
