// The table map in the coordinator's memory: per open order what it leaves open on which table
// (open quantity × price and deposit) and which of its tickets are ready, summed per table. It is
// kept up to date by the frames the commands commit (each carries the whole tickets and positions
// it touched), so GET /tables and the phones' map cost no database work, and every frame can carry
// the figures of the tables it changed. Changes go into a draft first and reach the book only once
// their batch is committed (durable before visible). The figures are those of readTableFigures
// (db/bills.ts): open orders and cents by bill position, ready tickets of orders not closed.
import { isCounterBill, openQtyOf, type BillPosition, type DeltaFrame, type Order, type OrderPositions, type TableSummary, type Ticket } from "../protocol.ts";

/** What one open order adds to the map. */
export interface OrderMark {
  /** Price plus deposit of one unit, by line. */
  cents: Map<number, number>;
  positions: BillPosition[];
  /** Ticket id → its table and whether it is done and not picked up. */
  tickets: Map<string, { table: string; ready: boolean }>;
}

type Sums = Omit<TableSummary, "name">;
const zero = (): Sums => ({ openOrders: 0, openCents: 0, readyTickets: 0 });
const isReady = (t: Pick<Ticket, "doneAt" | "pickedUpAt">) => t.doneAt !== null && t.pickedUpAt === null;

export function markOfOrder(order: Order): OrderMark {
  const cents = new Map<number, number>();
  for (const t of order.tickets) for (const i of t.items) cents.set(i.line, i.unitCents + i.depositCents);
  return { cents, positions: order.positions, tickets: new Map(order.tickets.map((t) => [t.id, { table: t.table, ready: isReady(t) }])) };
}

/** Per table: open (0 or 1 order), open cents and ready tickets of one order. A counter order's own bill is no table of the map (issue 22). */
function contribution(mark: OrderMark): Map<string, Sums> {
  const out = new Map<string, Sums>();
  const of = (table: string) => out.get(table) ?? out.set(table, zero()).get(table)!;
  for (const p of mark.positions) {
    const open = openQtyOf(p);
    if (open <= 0 || isCounterBill(p.table)) continue;
    const s = of(p.table);
    s.openOrders = 1;
    s.openCents += open * (mark.cents.get(p.line) ?? 0);
  }
  for (const t of mark.tickets.values()) if (t.ready && !isCounterBill(t.table)) of(t.table).readyTickets++;
  return out;
}

export class TableBook {
  readonly orders = new Map<string, OrderMark>();
  readonly sums = new Map<string, Sums>();
  /** The seq of the last change the book holds. */
  seq = 0;

  constructor(marks: Iterable<[string, OrderMark]> = []) {
    const draft = this.draft();
    for (const [id, mark] of marks) draft.set(id, mark);
    draft.commit();
  }

  /** Every table with anything open or ready. */
  summaries(): TableSummary[] {
    return [...this.sums].filter(([, s]) => s.openOrders || s.openCents || s.readyTickets).map(([name, s]) => ({ name, ...s }));
  }

  figures(table: string): Sums {
    return { ...(this.sums.get(table) ?? zero()) };
  }

  draft(): BookDraft {
    return new BookDraft(this);
  }
}

/** Changes on top of a book, written into it by commit(); dropped when their batch failed. */
export class BookDraft {
  readonly #book: TableBook;
  readonly #orders = new Map<string, OrderMark | undefined>();
  readonly #sums = new Map<string, Sums>();
  #seq = 0;

  constructor(book: TableBook) {
    this.#book = book;
  }

  #mark(id: string): OrderMark | undefined {
    return this.#orders.has(id) ? this.#orders.get(id) : this.#book.orders.get(id);
  }

  #sum(table: string): Sums {
    let s = this.#sums.get(table);
    if (!s) this.#sums.set(table, (s = { ...(this.#book.sums.get(table) ?? zero()) }));
    return s;
  }

  /** Puts an order's mark in place (undefined: it closed); returns the tables whose figures it touched. */
  set(id: string, mark: OrderMark | undefined): Set<string> {
    const touched = new Set<string>();
    const before = this.#mark(id);
    for (const [sign, m] of [[-1, before], [1, mark]] as const) {
      if (!m) continue;
      for (const [table, c] of contribution(m)) {
        const s = this.#sum(table);
        s.openOrders += sign * c.openOrders;
        s.openCents += sign * c.openCents;
        s.readyTickets += sign * c.readyTickets;
        touched.add(table);
      }
    }
    this.#orders.set(id, mark);
    return touched;
  }

  #positions(list: readonly OrderPositions[], touched: Set<string>): void {
    for (const p of list) {
      const mark = this.#mark(p.order);
      if (mark) for (const t of this.set(p.order, { ...mark, positions: p.positions })) touched.add(t);
    }
  }

  #ticket(ticket: Ticket, touched: Set<string>): void {
    const mark = this.#mark(ticket.orderId);
    if (!mark) return;
    const tickets = new Map(mark.tickets).set(ticket.id, { table: ticket.table, ready: isReady(ticket) });
    for (const t of this.set(ticket.orderId, { ...mark, tickets })) touched.add(t);
  }

  /** Applies what a frame changes and returns the figures of the tables it touched (the frame's `tables`). */
  apply(frame: DeltaFrame): TableSummary[] {
    const touched = new Set<string>();
    const add = (tables: Set<string>) => tables.forEach((t) => touched.add(t));
    this.#seq = Math.max(this.#seq, frame.seq);
    switch (frame.type) {
      case "order.placed":
        add(this.set(frame.order.id, markOfOrder(frame.order)));
        break;
      case "payment.recorded":
        this.#positions(frame.positions, touched);
        break;
      case "payment.reversed":
        for (const o of frame.reopened) add(this.set(o.id, markOfOrder(o)));
        this.#positions(frame.positions, touched);
        break;
      case "item.voided":
        this.#ticket(frame.ticket, touched);
        this.#positions(frame.positions, touched);
        break;
      case "table.moved":
        this.#positions(frame.positions, touched);
        for (const t of frame.tickets) this.#ticket(t, touched);
        break;
      case "order.closed":
        if (this.#mark(frame.orderId)) add(this.set(frame.orderId, undefined));
        break;
      case "item.bumped":
      case "item.reopened":
      case "ticket.bumped":
      case "ticket.reopened":
      case "ticket.picked_up":
        if (frame.reopened) add(this.set(frame.reopened.id, markOfOrder(frame.reopened)));
        this.#ticket(frame.ticket, touched);
        break;
      default:
        break;
    }
    return [...touched].sort().map((name) => ({ name, ...this.#sum(name) }));
  }

  /** Writes the changes into the book: their batch is committed. */
  commit(): void {
    for (const [id, mark] of this.#orders) {
      if (mark) this.#book.orders.set(id, mark);
      else this.#book.orders.delete(id);
    }
    for (const [table, s] of this.#sums) {
      if (s.openOrders || s.openCents || s.readyTickets) this.#book.sums.set(table, s);
      else this.#book.sums.delete(table);
    }
    this.#book.seq = Math.max(this.#book.seq, this.#seq);
    this.#orders.clear();
    this.#sums.clear();
  }
}
