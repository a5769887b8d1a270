// A new event and the money it leaves behind. POST /events is refused (409 OPEN_BILLS) while a table
// of the current event has open items, unless the organiser says `"openBills": "keep"`; then those
// bills stay payable from the phones: GET /open-bills lists them, and the bill, payment and void
// endpoints take `?event=<id>` for an earlier event of the box with something open.
import type { CounterPlace } from "./counter.ts";

/** What to do with the open bills of the event that ends: "keep" them payable in the old event. */
export const OPEN_BILLS_CHOICES = ["keep"] as const;
export type OpenBillsChoice = (typeof OPEN_BILLS_CHOICES)[number];

export interface NewEventBody {
  id: string;
  name: string;
  /** Without it a new event is refused while a table has open items (409 OPEN_BILLS). */
  openBills?: OpenBillsChoice;
}

/** One table with open items: their value, deposits included (what its bill says is open). */
export interface OpenTableBill {
  table: string;
  openCents: number;
  /** A counter order's bill (`table` "#…"): its cash desk and number, for people (placeName words it). */
  place?: CounterPlace;
}

/** An earlier event of this box with open items, and its tables with them (GET /open-bills). */
export interface EarlierEventBills {
  id: string;
  name: string;
  tables: OpenTableBill[];
}
