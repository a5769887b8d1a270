// Bills an earlier event left open (a new event started with "openBills": "keep"): the list for the
// table map (GET /open-bills) and one table's bill as the pay sheet needs it. They are read over
// HTTP, not the stream (the stream is the current event's); payments for them wait in the outbox
// like any payment, with the event they belong to, and are sent with ?event=.
import { openSums, type Bill, type EarlierEventBills, type ItemRef } from "../../../worker/protocol.ts";
import { api } from "../lib/api.ts";
import type { TableBill } from "./bill.ts";
import { isPayment, type OutboxEntry } from "./outbox.ts";
import { groupBill } from "./payMath.ts";

export function readEarlierBills(): Promise<EarlierEventBills[]> {
  return api<{ events: EarlierEventBills[] }>("GET", "/open-bills").then((r) => r.events);
}

export function readEarlierBill(event: string, table: string): Promise<Bill> {
  return api<Bill>("GET", `/tables/${encodeURIComponent(table)}/bill?event=${encodeURIComponent(event)}`);
}

/** Payments of an earlier event on this phone not confirmed yet (all tables when `table` is left out). */
export function waitingPayments(entries: readonly OutboxEntry[], event: string, table?: string) {
  return entries.filter((e) => isPayment(e) && e.event === event && e.status === "queued" && (table === undefined || e.table === table));
}

/** The server's open lines, less what waits in a payment on this phone (shown as "being paid"). */
export function earlierTableBill(bill: Bill, paying: readonly ItemRef[]): TableBill {
  const rows = groupBill(bill.lines, paying);
  const payingCents = rows.reduce((sum, r) => sum + r.payingQty * (r.unitCents + r.depositCents), 0);
  return { rows, ...openSums(rows), payingCents };
}
