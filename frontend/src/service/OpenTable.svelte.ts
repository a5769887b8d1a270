// The table this phone has open and the orders it keeps. A phone's snapshot holds the waiter's own
// orders only; a table's orders of every waiter come over HTTP when it is opened (GET /tables/:name),
// again after a fresh snapshot, and when a frame names the table with an order the phone does not
// hold (items moved onto it). The stream keeps them live meanwhile. Other waiters' orders at other
// tables are let go, so what the phone holds follows what it shows.
import type { DeltaFrame, Order } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import type { EventState } from "../lib/eventState.svelte.ts";

/** Whether anything of the order lies on the table (after a move, its positions say where). */
function isOn(order: Order, table: string): boolean {
  return order.table === table || order.positions.some((p) => p.table === table) || order.tickets.some((t) => t.table === table);
}

export class OpenTable {
  #table = $state<string | undefined>(undefined);
  /** The table whose orders were last read, while it is still the open one. */
  #loaded = $state<string | undefined>(undefined);
  /** The last read failed (no network): the page shows what the phone knows. */
  #failed = $state(false);
  readonly #live: EventState;
  readonly #lastSeq: () => number;
  readonly #me: () => string;
  #reading: Promise<void> | undefined;
  #again = false;

  constructor(live: EventState, lastSeq: () => number, me: () => string) {
    this.#live = live;
    this.#lastSeq = lastSeq;
    this.#me = me;
  }

  get table(): string | undefined {
    return this.#table;
  }
  /** The open table's orders are being read for the first time: its bill is not complete yet. */
  get loading(): boolean {
    return this.#table !== undefined && this.#loaded !== this.#table && !this.#failed;
  }

  /** The phone keeps the waiter's own orders and those on the open table. */
  keeps = (order: Order): boolean => order.waiter === this.#me() || (this.#table !== undefined && isOn(order, this.#table));

  /** The page shows this table now (undefined: none); its orders are read, the others' let go. */
  open(table: string | undefined): void {
    if (table === this.#table) return;
    this.#table = table;
    this.#loaded = undefined;
    this.#failed = false;
    this.#live.hold(this.keeps);
    this.refresh();
  }

  /** A fresh snapshot replaced what the phone held: the open table's orders are read again. */
  reload(): void {
    this.#loaded = undefined;
    this.#failed = false;
    this.refresh();
  }

  /** Reads the open table's orders again (when a frame says the phone lacks one). */
  refresh(): void {
    if (this.#table === undefined) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#read(this.#table).finally(() => {
      this.#reading = undefined;
      if (this.#again) {
        this.#again = false;
        this.refresh();
      }
    });
  }

  /** After a frame: orders of other waiters are let go unless on the open table; one the phone lacks there is read. */
  afterDelta(frame: DeltaFrame): void {
    const table = this.#table;
    this.#live.hold(this.keeps);
    if (table === undefined) return;
    const held = this.#live.orders;
    const lacks =
      ("positions" in frame && frame.positions.some((p) => !held.has(p.order) && p.positions.some((x) => x.table === table))) ||
      ("tickets" in frame && frame.tickets.some((t) => t.table === table && !held.has(t.orderId))) ||
      ("ticket" in frame && frame.ticket.table === table && !held.has(frame.ticket.orderId));
    if (lacks) this.refresh();
  }

  async #read(table: string): Promise<void> {
    for (let tries = 0; ; tries++) {
      let answer: { seq: number; orders: Order[] };
      try {
        answer = await api<{ seq: number; orders: Order[] }>("GET", `/tables/${encodeURIComponent(table)}`);
      } catch (error) {
        if (!(error instanceof NetworkError || error instanceof ApiRequestError)) throw error;
        if (table === this.#table) this.#failed = true;
        return;
      }
      if (table !== this.#table) return;
      // The stream went past the answer meanwhile: ask again, and at last take only what the phone lacks.
      const behind = answer.seq < this.#lastSeq();
      if (behind && tries < 2) continue;
      const held = this.#live.orders;
      this.#live.hold(this.keeps, behind ? answer.orders.filter((o) => !held.has(o.id)) : answer.orders);
      this.#loaded = table;
      this.#failed = false;
      return;
    }
  }
}
