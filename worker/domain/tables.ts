// Each table of the layout with what is open on it.
import type { LoadedEvent } from "../config/event.ts";
import type { TableFigures } from "../db/bills.ts";
import type { TableState } from "../protocol.ts";

export function tableStates(event: LoadedEvent, figures: Map<string, TableFigures>): TableState[] {
  return event.config.tables.list.map((t) => ({ ...t, ...(figures.get(t.name) ?? { openOrders: 0, openCents: 0, readyTickets: 0 }) }));
}
