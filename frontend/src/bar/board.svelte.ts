// One station's view of the live event: its open tickets (oldest first), the ones waiting for
// other stations, the last completed ones, the all-day counts, the keyboard selection and the
// undo history. Lists are $derived from EventState, which replaces only the ticket objects that
// changed, so a keyed {#each} over them re-renders only the changed cards.
import type { Order, Ticket } from "../../../worker/protocol.ts";
import { bumpItem, bumpTicket, undoItem, undoTicket } from "./actions.ts";
import { toMake } from "./items.ts";
import type { BarLive } from "./live.svelte.ts";
import { PendingRequests } from "../lib/pendingRequests.svelte.ts";
import { UndoHistory } from "./undoHistory.ts";

export interface AllDayRow {
  product: string;
  name: string;
  qty: number;
}

const byCreated = (a: Ticket, b: Ticket) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byDoneDesc = (a: Ticket, b: Ticket) => (b.doneAt ?? 0) - (a.doneAt ?? 0) || (a.id < b.id ? -1 : 1);

export class StationBoard {
  /** The station shown, or undefined for every station on one screen (/bar/all). */
  readonly station: string | undefined;
  readonly #live: BarLive;
  readonly #showCompleted: () => number;

  #selectedId = $state<string | undefined>(undefined);
  #selectedIndex = $state(0);
  #arrivals = $state.raw(new Set<string>());
  readonly #pending = new PendingRequests();
  readonly #undo = new UndoHistory();
  #known = new Set<string>();
  #seeded = false;

  constructor(live: BarLive, station: string | undefined, showCompleted: () => number) {
    this.#live = live;
    this.station = station;
    this.#showCompleted = showCompleted;
  }

  // --- views ------------------------------------------------------------------------------------

  #mine = $derived.by(() => this.#live.state.tickets(this.station));

  #open = $derived.by(() => this.#mine.filter((t) => t.doneAt === null).sort(byCreated));

  #hasOpenSibling(ticket: Ticket): boolean {
    const order = this.#live.state.orders.get(ticket.orderId);
    return !!order?.tickets.some((s) => s.id !== ticket.id && s.doneAt === null);
  }

  /** Done here, but another station still works on the same order. */
  #partly = $derived.by(() => this.#mine.filter((t) => t.doneAt !== null && this.#hasOpenSibling(t)).sort(byDoneDesc));

  /**
   * The last N done tickets whose whole order is done (N = ui.show_completed), including those
   * whose order has since been paid and closed (they left live state; BarLive remembers them).
   */
  #completed = $derived.by(() => {
    return this.#live
      .allTickets(this.station)
      .filter((t) => t.doneAt !== null && !this.#hasOpenSibling(t))
      .sort(byDoneDesc)
      .slice(0, this.#showCompleted());
  });

  /** What is still to make, per product: "Pils 14". */
  #allDay = $derived.by(() => {
    const rows = new Map<string, AllDayRow>();
    for (const t of this.#open)
      for (const item of t.items) {
        // Voided quantities are not made, so they are not counted.
        const qty = toMake(item);
        if (item.doneAt !== null || qty <= 0) continue;
        const row = rows.get(item.product);
        if (row) row.qty += qty;
        else rows.set(item.product, { product: item.product, name: item.name, qty });
      }
    return [...rows.values()].sort((a, b) => b.qty - a.qty || a.name.localeCompare(b.name));
  });

  #selected = $derived.by(() => {
    const open = this.#open;
    if (open.length === 0) return -1;
    const index = this.#selectedId === undefined ? -1 : open.findIndex((t) => t.id === this.#selectedId);
    return index >= 0 ? index : Math.min(this.#selectedIndex, open.length - 1);
  });

  get open(): Ticket[] {
    return this.#open;
  }
  get partly(): Ticket[] {
    return this.#partly;
  }
  get completed(): Ticket[] {
    return this.#completed;
  }
  get allDay(): AllDayRow[] {
    return this.#allDay;
  }
  /** Index of the selected open ticket, or -1 when there is none. */
  get selected(): number {
    return this.#selected;
  }
  /** Tickets that arrived while this screen was showing (highlighted). */
  get arrivals(): ReadonlySet<string> {
    return this.#arrivals;
  }
  /** Requests under way: "bump:<ticket>", "undo:<ticket>", "item:<ticket>:<line>". */
  get pending(): ReadonlySet<string> {
    return this.#pending.keys;
  }

  order(ticket: Ticket): Order | undefined {
    return this.#live.state.orders.get(ticket.orderId);
  }

  /** Paid and done: the order is closed (or already left live state), so the screen offers no reopen for it. */
  isClosed(ticket: Ticket): boolean {
    const order = this.#live.state.orders.get(ticket.orderId);
    return !order || order.closedAt !== null;
  }

  // --- new tickets ------------------------------------------------------------------------------

  /**
   * Call whenever the open list changes; returns how many tickets are new since the last call.
   * The first list after the snapshot only seeds what is known, so a reload does not beep.
   * A reopened ticket is not new.
   */
  noticeArrivals(): number {
    if (!this.#live.loaded) return 0;
    const open = this.#open;
    if (!this.#seeded) {
      for (const t of this.#mine) this.#known.add(t.id);
      this.#seeded = true;
      return 0;
    }
    const fresh: string[] = [];
    for (const t of open)
      if (!this.#known.has(t.id)) {
        this.#known.add(t.id);
        fresh.push(t.id);
      }
    if (fresh.length) {
      const openIds = new Set(open.map((t) => t.id));
      this.#arrivals = new Set([...[...this.#arrivals].filter((id) => openIds.has(id)), ...fresh]);
    }
    return fresh.length;
  }

  // --- selection --------------------------------------------------------------------------------

  select(index: number): void {
    const open = this.#open;
    if (open.length === 0) return;
    const i = Math.max(0, Math.min(open.length - 1, index));
    this.#selectedIndex = i;
    this.#selectedId = open[i]!.id;
  }

  move(delta: number): void {
    this.select((this.#selected < 0 ? 0 : this.#selected) + delta);
  }

  // --- actions ----------------------------------------------------------------------------------

  /** Bumps a whole ticket; when it was the selected one, the next ticket becomes selected. */
  async bump(ticket: Ticket): Promise<void> {
    const open = this.#open;
    const index = open.findIndex((t) => t.id === ticket.id);
    if (index >= 0 && index === this.#selected) {
      const next = open[index + 1] ?? open[index - 1];
      this.#selectedId = next?.id;
      this.#selectedIndex = next === open[index + 1] ? index : Math.max(0, index - 1);
    }
    await this.#undo.track({ ticket: ticket.id }, () => this.#pending.run(`bump:${ticket.id}`, () => bumpTicket(ticket.id)));
  }

  async reopen(ticket: Ticket): Promise<void> {
    await this.#pending.run(`undo:${ticket.id}`, () => undoTicket(ticket.id));
    this.#undo.forgetTicket(ticket.id);
  }

  /** A tap on a line: done if it was open, open again if it was done. */
  async toggleItem(ticket: Ticket, line: number): Promise<void> {
    const item = ticket.items.find((i) => i.line === line);
    if (!item) return;
    const key = `item:${ticket.id}:${line}`;
    if (item.doneAt === null) await this.#undo.track({ ticket: ticket.id, line }, () => this.#pending.run(key, () => bumpItem(ticket.id, line)));
    else await this.#pending.run(key, () => undoItem(ticket.id, line));
  }

  /**
   * Undoes the last bump made on this screen; with none left, reopens the most recently done
   * ticket of the station. Returns the ticket concerned, or undefined when there is nothing.
   */
  async undoLast(): Promise<Ticket | undefined> {
    const step = this.#undo.pop();
    if (step) {
      const ticket = this.#mine.find((t) => t.id === step.ticket);
      if (!ticket) return this.undoLast();
      if (step.line === undefined) await this.#pending.run(`undo:${ticket.id}`, () => undoTicket(ticket.id));
      else await this.#pending.run(`undo:${ticket.id}:${step.line}`, () => undoItem(ticket.id, step.line!));
      return ticket;
    }
    const last = this.#mine.filter((t) => t.doneAt !== null).sort(byDoneDesc)[0];
    if (!last) return undefined;
    await this.#pending.run(`undo:${last.id}`, () => undoTicket(last.id));
    return last;
  }
}
