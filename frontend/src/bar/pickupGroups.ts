// The runners' pickup view groups ready tickets by where they go: by table ("C5 · E1" after a
// partial move), and each counter order on its own (its number is what the guest holds).
import type { Counter, Order, Ticket } from "../../../worker/protocol.ts";
import { isCounterTicket, ticketPlace } from "./items.ts";

export interface PickupGroup {
  /** The tables, or for a counter order its own bill (one group per order). */
  key: string;
  /** The tables, or the counter order's cash desk. */
  place: string;
  counter: boolean;
  number: number;
  tickets: Ticket[];
}

/** The groups in the order of their first ticket in `ready` (oldest ready first). */
export function pickupGroups(ready: readonly Ticket[], orderOf: (t: Ticket) => Order | undefined, counters: readonly Counter[]): PickupGroup[] {
  const groups = new Map<string, PickupGroup>();
  for (const t of ready) {
    const counter = isCounterTicket(t);
    const place = ticketPlace(t, orderOf(t), counters);
    const key = counter ? t.table : place;
    const group = groups.get(key);
    if (group) group.tickets.push(t);
    else groups.set(key, { key, place, counter, number: t.number, tickets: [t] });
  }
  return [...groups.values()];
}
