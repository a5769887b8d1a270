// Which lines of a draft the server would refuse as the phone knows the menu now: a product no
// longer on the menu, a sold-out one, or more of a product than its quota has left. The draft and
// the review mark these lines, and the order cannot be sent until they are fixed: the server
// refuses the whole order for one such line.
import type { Draft } from "./Drafts.svelte.ts";
import type { MenuNow } from "./MenuNow.svelte.ts";

export type LineProblem = { kind: "removed" } | { kind: "soldOut" } | { kind: "quota"; left: number };

/** Line key → what is wrong with it; lines that would go through are not in the map. */
export function draftProblems(draft: Draft | undefined, menu: Pick<MenuNow, "productById" | "soldOut" | "quotaLeft">): Map<string, LineProblem> {
  const problems = new Map<string, LineProblem>();
  // No menu yet (first start offline): nothing to judge by; the server will say.
  if (!draft || menu.productById.size === 0) return problems;
  // A quota counts every line of the product (one with a note, one without).
  const wanted = new Map<string, number>();
  for (const line of draft.lines) wanted.set(line.product, (wanted.get(line.product) ?? 0) + line.qty);
  for (const line of draft.lines) {
    const product = menu.productById.get(line.product);
    if (!product) problems.set(line.key, { kind: "removed" });
    else if (menu.soldOut(product)) problems.set(line.key, { kind: "soldOut" });
    else {
      const left = menu.quotaLeft(product);
      if (left !== null && (wanted.get(line.product) ?? 0) > left) problems.set(line.key, { kind: "quota", left });
    }
  }
  return problems;
}
