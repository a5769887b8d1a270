// The orders part of the waiter app: what each table has ordered as this phone knows it (live,
// confirmed, still in the outbox), handing a draft to the outbox, and taking a refused order back
// to be fixed. Also the marks on the table map (from the server's figures and this phone's outbox)
// and what other waiters left on this phone.
import type { Order } from "../../../worker/protocol.ts";
import type { EventState } from "../lib/eventState.svelte.ts";
import { deskDraftKey, Drafts, type Draft } from "./Drafts.svelte.ts";
import type { MenuNow } from "./MenuNow.svelte.ts";
import type { OrderOutbox } from "./OrderOutbox.svelte.ts";
import type { TableFigures } from "./TableFigures.svelte.ts";
import { viewOfEntry, viewOfOrder, type OrderView } from "./orderViews.ts";
import { isOrder, type OrderEntry } from "./outbox.ts";
import type { Route } from "./route.ts";

export interface TableMark {
  /** Orders with open items on the table. */
  open: number;
  openCents: number;
  ready: number;
  queued: number;
  attention: number;
}

export interface LeftBehind {
  name: string;
  drafts: number;
  orders: number;
  payments: number;
}

export class TableOrders {
  readonly #live: EventState;
  readonly #figures: TableFigures;
  readonly #outbox: OrderOutbox;
  readonly #drafts: Drafts;
  readonly #menu: MenuNow;
  readonly #me: () => string;
  /** Draft ids being handed to the outbox (a double tap must not queue one twice). */
  readonly #placing = new Set<string>();

  constructor(live: EventState, figures: TableFigures, outbox: OrderOutbox, drafts: Drafts, menu: MenuNow, me: () => string) {
    this.#live = live;
    this.#figures = figures;
    this.#outbox = outbox;
    this.#drafts = drafts;
    this.#menu = menu;
    this.#me = me;
  }

  /** Per table: orders with open (unpaid) items, their open total, ready tickets, entries waiting in the outbox or needing attention. */
  readonly tableMarks: Map<string, TableMark> = $derived.by(() => {
    const marks = new Map<string, TableMark>();
    const mark = (table: string) => marks.get(table) ?? marks.set(table, { open: 0, openCents: 0, ready: 0, queued: 0, attention: 0 }).get(table)!;
    // From the server's map: open means not paid (or voided) yet, so a paid table is free even while its tickets are made.
    for (const t of this.#figures.list) Object.assign(mark(t.name), { open: t.openOrders, openCents: t.openCents, ready: t.readyTickets });
    for (const entry of this.#outbox.entries) {
      if (entry.status === "rejected") mark(entry.table).attention++;
      else if (isOrder(entry)) mark(entry.table).queued++;
    }
    return marks;
  });

  /** What other waiters left on this phone (drafts, orders and payments not sent), by name. */
  readonly leftBehind: LeftBehind[] = $derived.by(() => {
    const me = this.#me();
    const left = new Map<string, Omit<LeftBehind, "name">>();
    const of = (name: string) => left.get(name) ?? left.set(name, { drafts: 0, orders: 0, payments: 0 }).get(name)!;
    for (const [name, drafts] of this.#drafts.countsByWaiter(me)) of(name).drafts = drafts;
    for (const e of this.#outbox.all) if (e.waiter !== me) of(e.waiter)[isOrder(e) ? "orders" : "payments"]++;
    return [...left].map(([name, counts]) => ({ name, ...counts }));
  });

  /** Every order of a table this phone knows of, newest first: waiting ones, sent ones, live ones. */
  of(table: string): OrderView[] {
    // The stream may announce an order before its POST has answered: the live one wins.
    const views = new Map<string, OrderView>();
    // After a move an order's items may lie on other tables: it shows where its positions are.
    const here = (o: Order) => (o.positions?.length ? o.positions.some((p) => p.table === table) : o.table === table);
    // Each table's page shows only the part of an order that lies on its bill.
    for (const o of this.#live.orders.values()) if (here(o)) views.set(o.id, viewOfOrder(o, undefined, table));
    for (const o of this.#outbox.confirmed.values()) if (o.table === table && !views.has(o.id)) views.set(o.id, viewOfOrder(o, "sent"));
    for (const e of this.#outbox.entries) if (isOrder(e) && e.table === table && !views.has(e.id)) views.set(e.id, viewOfEntry(e, this.#outbox.sending === e.id, (p) => this.#menu.productById.get(p)?.depositCents ?? 0));
    return [...views.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Hands the table's draft to the outbox; the draft is cleared only once the entry is stored. */
  async place(table: string): Promise<OrderEntry | undefined> {
    const draft = this.#drafts.get(table);
    if (!draft || !draft.lines.length || this.#placing.has(draft.id)) return;
    this.#placing.add(draft.id);
    const products = draft.lines.map((l) => this.#menu.productById.get(l.product));
    const entry: OrderEntry = {
      id: draft.id,
      table,
      menuVersion: draft.menuVersion,
      items: draft.lines.map((l) => ({
        product: l.product,
        qty: l.qty,
        ...(l.note.trim() ? { note: l.note.trim() } : {}),
        ...(l.options.length ? { options: [...l.options] } : {}),
      })),
      names: products.map((p, i) => p?.name ?? draft.lines[i]?.product ?? "?"),
      unitCents: products.map((p) => p?.priceCents ?? 0),
      waiter: this.#me(),
      createdAt: Date.now(),
      status: "queued",
    };
    try {
      await this.#outbox.add(entry);
      if (this.#drafts.get(table)?.id === entry.id) this.#drafts.clear(table);
      return entry;
    } finally {
      this.#placing.delete(entry.id);
    }
  }

  /**
   * A refused order goes back to its table (or desk) to be reviewed again: removed and sold-out products
   * are dropped, quantities cut to what is left, and the changes are shown with it.
   */
  async recompose(id: string): Promise<Route | undefined> {
    const entry = await this.#outbox.remove(id);
    if (!entry || !isOrder(entry)) return undefined;
    // A cash desk's order goes back to its desk (the desk's draft, desk/DeskSales.svelte.ts).
    const table = entry.counter ? deskDraftKey(entry.counter) : entry.table;
    await this.#menu.load();
    const drop = new Set<string>();
    const left = new Map<string, number>();
    for (const c of entry.error?.changes ?? []) if (c.kind !== "price") drop.add(c.product);
    for (const p of entry.error?.products ?? []) (p.left > 0 ? left.set(p.product, p.left) : drop.add(p.product));
    for (const item of entry.items) {
      const product = this.#menu.productById.get(item.product);
      if (!product || this.#menu.soldOut(product)) drop.add(item.product);
    }
    const draft: Draft = {
      id: entry.id,
      table,
      menuVersion: this.#menu.version(),
      lines: entry.items
        .filter((i) => !drop.has(i.product))
        .map((i) => ({ key: Drafts.newLineKey(), product: i.product, qty: Math.min(i.qty, left.get(i.product) ?? i.qty), note: i.note ?? "", options: i.options ?? [] })),
      changes: entry.error?.changes,
      problem: entry.error && !entry.error.changes ? entry.error.message : undefined,
    };
    if (draft.lines.length) this.#drafts.restore(draft);
    return entry.counter ? { page: "counter", counter: entry.counter } : { page: "table", table };
  }

  /** Drops a refused entry (order or payment) from the outbox. */
  async discard(id: string): Promise<void> {
    await this.#outbox.remove(id);
  }
}
