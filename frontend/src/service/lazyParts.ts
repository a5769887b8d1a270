// The parts of the waiter app that load when first opened (so that the first load stays within its
// budget, scripts/report-size.ts) are fetched once right after the start, while the network is
// there: the service worker then keeps them with the other built files, and the outbox page, a
// table's history and the receipt work with no network too. Each part is fetched, never shown.
const PARTS = [
  () => import("./OutboxPage.svelte"),
  () => import("./TableHistory.svelte"),
  () => import("./ReceiptOffer.svelte"),
  () => import("./ProductRow.svelte"),
];

/** Resolves when every part is loaded or has failed (offline at start: they load when next online). */
export function loadLazyParts(): Promise<unknown> {
  return Promise.allSettled(PARTS.map((load) => load()));
}
