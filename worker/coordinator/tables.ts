// Each table of the layout with what is open on it.
import type { LoadedEvent } from "../config/event.ts";
import type { Order, TableState } from "../protocol.ts";

export function tableStates(event: LoadedEvent, openOrders: Order[]): TableState[] {
  const byTable = new Map<string, Order[]>();
  for (const o of openOrders) byTable.set(o.table, [...(byTable.get(o.table) ?? []), o]);
  return event.config.tables.list.map((t) => {
    const orders = byTable.get(t.name) ?? [];
    return {
      ...t,
      openOrders: orders.length,
      openCents: orders.reduce((sum, o) => sum + o.totalCents, 0),
      readyTickets: orders.reduce((n, o) => n + o.tickets.filter((k) => k.doneAt !== null && k.pickedUpAt === null).length, 0),
    };
  });
}
