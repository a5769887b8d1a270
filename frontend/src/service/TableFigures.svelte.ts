// The table map as the server tells it: per table its open orders, open total (with deposits) and
// ready tickets. The phone's snapshot brings every table with something on it; every frame that
// changes tables carries their figures whole, so orders of other waiters, which the phone does not
// hold, keep the map right too. A table it does not list is free.
import type { DeltaFrame, TableSummary } from "../../../worker/protocol.ts";

export class TableFigures {
  #tables = $state.raw(new Map<string, TableSummary>());

  get(table: string): TableSummary | undefined {
    return this.#tables.get(table);
  }
  get list(): TableSummary[] {
    return [...this.#tables.values()];
  }

  /** A phone's snapshot (or a saved state): the whole map. */
  replace(list: readonly TableSummary[]): void {
    this.#tables = new Map(list.map((t) => [t.name, t]));
  }

  /** A frame's figures replace those of the tables it names. */
  apply(frame: DeltaFrame): void {
    const list = "tables" in frame ? frame.tables : undefined;
    if (!list?.length) return;
    const next = new Map(this.#tables);
    for (const t of list) {
      if (t.openOrders || t.openCents || t.readyTickets) next.set(t.name, t);
      else next.delete(t.name);
    }
    this.#tables = next;
  }
}
