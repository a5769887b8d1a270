// Open money of earlier events: what a new event started with "openBills": "keep" left behind, so
// that the phones can still cash it up (GET /open-bills, `?event=` on bill, payments and voids).
// Read from D1 directly; only orders not closed are looked at (an order with open items is never
// closed), so the cost follows what is still open, not how many events the box has run.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { withCounterPlaces } from "./counterPlaces.ts";
import type { EarlierEventBills } from "../protocol.ts";

/** Every event of this box except `currentId` that has open items, newest first, with each table's open value (a counter bill's with its `place`). */
export async function readEarlierOpenBills(db: Db, currentId: string): Promise<EarlierEventBills[]> {
  const rows = await db.all<{ event: string; name: string | null; started: number | null; table: string; cents: number }>(sql`
    SELECT o.event_id AS event, e.name AS name, e.started_at AS started, b.table_name AS "table",
           sum((b.qty - b.paid_qty - b.voided_qty) * (i.unit_cents + i.deposit_cents)) AS cents
      FROM orders o
      JOIN bill_items b ON b.order_id = o.id
      JOIN order_items i ON i.order_id = b.order_id AND i.line = b.line
      LEFT JOIN events e ON e.id = o.event_id
     WHERE o.event_id IN (SELECT id FROM events UNION SELECT event_id FROM event_state)
       AND o.event_id <> ${currentId}
       AND o.closed_at IS NULL
       AND b.qty - b.paid_qty - b.voided_qty > 0
     GROUP BY o.event_id, b.table_name
     ORDER BY e.started_at DESC, o.event_id, b.table_name`);
  const byEvent = new Map<string, EarlierEventBills>();
  for (const r of rows) {
    let event = byEvent.get(r.event);
    if (!event) byEvent.set(r.event, (event = { id: r.event, name: r.name ?? r.event, tables: [] }));
    event.tables.push({ table: r.table, openCents: Number(r.cents) });
  }
  const events = [...byEvent.values()];
  await withCounterPlaces(db, events.flatMap((e) => e.tables));
  return events;
}

/** Whether any item of the event is ordered and not yet paid or voided. */
export async function eventHasOpenItems(db: Db, eventId: string): Promise<boolean> {
  const row = await db.get<{ one: number } | undefined>(sql`
    SELECT 1 AS one
      FROM orders o
      JOIN bill_items b ON b.order_id = o.id
     WHERE o.event_id = ${eventId} AND o.closed_at IS NULL AND b.qty - b.paid_qty - b.voided_qty > 0
     LIMIT 1`);
  return !!row;
}
