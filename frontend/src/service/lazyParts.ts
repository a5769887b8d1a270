// The parts of the waiter app that load when first opened (so that the first load stays within its
// budget, scripts/report-size.ts). The pages load them through these functions, and
// loadLazyParts() fetches them all once right after the start, while the network is there: the
// service worker then keeps them with the other built files, so the outbox page, a table's history,
// the receipt, the list layout's rows, the cash desk and what other waiters left behind work with
// no network too.
export const lazyParts = {
  outboxPage: () => import("./OutboxPage.svelte"),
  tableHistory: () => import("./TableHistory.svelte"),
  receiptOffer: () => import("./ReceiptOffer.svelte"),
  productRow: () => import("./ProductRow.svelte"),
  deskPage: () => import("./desk/DeskPage.svelte"),
  depositReturns: () => import("./DepositReturns.svelte"),
  earlierBills: () => import("./EarlierBills.svelte"),
  leftBehind: () => import("./LeftBehind.svelte"),
};

/** Resolves when every part is loaded or has failed (offline at start: they load when next online). */
export function loadLazyParts(): Promise<unknown> {
  return Promise.allSettled(Object.values(lazyParts).map((load) => load()));
}
