// What an order being composed will put on the bill: price and deposit, summed by the protocol's
// openSums as the bill sums its open lines, so the draft bar, the review and the bill show one total.
import { openSums, type Bill, type Product } from "../../../worker/protocol.ts";
import type { Draft } from "./Drafts.svelte.ts";

export function draftSums(draft: Draft | undefined, productById: ReadonlyMap<string, Product>): Pick<Bill, "openCents" | "openDepositCents"> {
  return openSums(
    (draft?.lines ?? []).map((l) => {
      const product = productById.get(l.product);
      return { openQty: l.qty, unitCents: product?.priceCents ?? 0, depositCents: product?.depositCents ?? 0 };
    }),
  );
}
