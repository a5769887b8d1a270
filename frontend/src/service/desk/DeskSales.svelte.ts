// A cash desk's sales on this phone (issue 22): the guest just served (paid, waiting for or showing
// their number) and earlier guests whose number had not come yet when the next guest was served.
// Kept in localStorage per event, waiter and desk, so a reload shows the same screen. The order and
// its payment go through the app's outbox, order first, then the payment on the order's own bill
// (counterBill): both ids are made here, so each reaches the server exactly once.
import { counterBill } from "../../../../worker/protocol/counter.ts";
import { payTotals, type PaymentMethod } from "../../../../worker/protocol.ts";
import { deskDraftKey } from "../Drafts.svelte.ts";
import type { OrderEntry } from "../outbox.ts";
import { app } from "../ServiceState.svelte.ts";

export interface DeskSale {
  order: string;
  payment: string;
  totalCents: number;
  changeCents: number | null;
  method: PaymentMethod;
  at: number;
  /** The order's number once the server has given it. */
  number?: number;
}

interface Stored {
  current?: DeskSale;
  earlier: DeskSale[];
}

export { deskDraftKey };

/** The desk's lines as the guest pays them: what the draft holds, priced by the menu now. */
export function deskLines(counter: string) {
  return (app.drafts.get(deskDraftKey(counter))?.lines ?? []).map((l) => {
    const p = app.menuNow.productById.get(l.product);
    return { key: l.key, product: l.product, name: p?.name ?? l.product, qty: l.qty, unitCents: p?.priceCents ?? 0, depositCents: p?.depositCents ?? 0 };
  });
}

export const deskTotal = (lines: ReturnType<typeof deskLines>) => payTotals(lines, [], 0).totalCents;

export class DeskSales {
  readonly counter: string;
  readonly #storageKey: string;
  #state = $state<Stored>({ earlier: [] });
  #busy = false;

  constructor(counter: string) {
    this.counter = counter;
    this.#storageKey = `mini-pos.desk.${app.session.event?.id}.${app.me}.${counter}`;
    try {
      const saved = JSON.parse(localStorage.getItem(this.#storageKey) ?? "null") as Stored | null;
      if (saved && Array.isArray(saved.earlier)) this.#state = saved;
    } catch {
      // A damaged entry only loses the screen after the last payment.
    }
  }

  get current(): DeskSale | undefined {
    return this.#state.current;
  }
  get earlier(): DeskSale[] {
    return this.#state.earlier;
  }

  /** The number as far as this phone knows it: kept, confirmed by the POST, or from the stream. */
  numberOf(sale: DeskSale): number | undefined {
    const n = sale.number ?? app.outbox.confirmed.get(sale.order)?.number ?? app.live.orders.get(sale.order)?.number;
    return n ? n : undefined;
  }

  /** The server refused the order (it waits under "needs attention" instead). */
  refused(sale: DeskSale): boolean {
    return app.outbox.entries.some((e) => e.id === sale.order && e.status === "rejected");
  }

  /** Keeps numbers that have come (for a reload); called whenever the outbox or stream changes. */
  keepNumbers(): void {
    let changed = false;
    for (const sale of [this.#state.current, ...this.#state.earlier]) {
      if (!sale || sale.number) continue;
      const n = this.numberOf(sale);
      if (n) [sale.number, changed] = [n, true];
    }
    if (changed) this.#save();
  }

  /** The guest pays: the order, then its payment, into the outbox; the draft is cleared. */
  async checkout(method: PaymentMethod, tenderedCents: number | null): Promise<DeskSale | undefined> {
    const key = deskDraftKey(this.counter);
    const draft = app.drafts.get(key);
    const lines = deskLines(this.counter);
    if (this.#busy || !draft || !lines.length) return undefined;
    this.#busy = true;
    try {
      const totalCents = deskTotal(lines);
      const table = counterBill(draft.id);
      const order: OrderEntry = {
        id: draft.id,
        table,
        counter: this.counter,
        menuVersion: draft.menuVersion,
        items: lines.map((l) => ({ product: l.product, qty: l.qty })),
        names: lines.map((l) => l.name),
        unitCents: lines.map((l) => l.unitCents),
        waiter: app.me,
        createdAt: Date.now(),
        status: "queued",
      };
      const cash = method === "cash" && tenderedCents !== null && tenderedCents >= totalCents;
      await app.outbox.add(order);
      const items = lines.map((l, line) => ({ order: draft.id, line, qty: l.qty }));
      const payment = await app.pay({ table, method, items, ...(cash ? { tenderedCents } : {}) }, order.names, totalCents);
      app.drafts.clear(key);
      const sale: DeskSale = { order: draft.id, payment: payment.id, totalCents, changeCents: cash ? tenderedCents - totalCents : null, method, at: order.createdAt };
      this.#state.current = sale;
      this.#save();
      return sale;
    } finally {
      this.#busy = false;
    }
  }

  /** "Next guest": the screen clears; a number still to come is listed until it is seen. */
  next(): void {
    const sale = this.#state.current;
    if (sale && !this.numberOf(sale)) this.#state.earlier = [sale, ...this.#state.earlier].slice(0, 20);
    this.#state.current = undefined;
    this.#save();
  }

  dismiss(order: string): void {
    this.#state.earlier = this.#state.earlier.filter((s) => s.order !== order);
    this.#save();
  }

  #save() {
    try {
      localStorage.setItem(this.#storageKey, JSON.stringify(this.#state));
    } catch {
      // Storage full or blocked: the screen lives in memory only (the outbox keeps the money).
    }
  }
}
