// A station screen for the load harnesses (soak): follows its open tickets on a `?station=` stream
// in the lean station shape (worker/protocol/frames.ts: the station's ticket flattened into its
// order) and bumps them over HTTP the way people at the bar do: whole tickets, item by item now
// and then, and a mistaken bump undone and bumped again later.
import type { StationItem, StationOrder, StationTicketChange } from "../../worker/protocol.ts";
import { http, StreamClient, type Frame } from "./loadClient.ts";

/** An open ticket as the screen shows it. */
export interface OpenTicket {
  id: string;
  table: string;
  createdAt: number;
  items: StationItem[];
}

export class StationClient {
  readonly open = new Map<string, OpenTicket>();
  readonly stream: StreamClient;
  bumps = 0;
  itemBumps = 0;
  undos = 0;
  errors: string[] = [];
  reconnects = 0;
  readonly station: string;
  readonly base: string;
  readonly cookie: string;
  /** Tickets of this table are never bumped (held open on purpose). */
  readonly heldTable: string;
  readonly random: () => number;

  constructor(base: string, cookie: string, station: string, heldTable: string, random: () => number) {
    this.base = base;
    this.cookie = cookie;
    this.station = station;
    this.heldTable = heldTable;
    this.random = random;
    this.stream = new StreamClient(base, cookie, station, (f) => this.apply(f));
  }

  private addOrder(o: StationOrder) {
    const id = `${o.id}.${this.station}`;
    if (!o.items.length) return; // no ticket here
    const ticket = { id, table: o.ticketTable ?? o.table, createdAt: o.createdAt, items: o.items };
    if (o.doneAt === undefined) {
      this.done.delete(id);
      this.open.set(id, ticket);
    } else {
      this.open.delete(id);
      this.done.set(id, ticket);
    }
  }

  /** Tickets done here, kept so an undo (ticket.reopened: a change without the order) can bring them back. */
  private readonly done = new Map<string, OpenTicket>();

  private changeTicket(t: StationTicketChange) {
    if (t.station !== this.station) return;
    const known = this.open.get(t.id) ?? this.done.get(t.id);
    if (!known) return;
    const now = { ...known, table: t.table ?? known.table, items: t.items ?? known.items };
    if (t.doneAt !== undefined) {
      this.open.delete(t.id);
      this.done.set(t.id, now);
    } else {
      this.done.delete(t.id);
      this.open.set(t.id, now);
    }
  }

  private apply(f: Frame) {
    if (f.type === "snapshot") {
      this.open.clear();
      for (const o of f.orders as StationOrder[]) this.addOrder(o);
    } else if (f.type === "order.placed") this.addOrder(f.order as StationOrder);
    else {
      for (const o of [f.reopened ?? []].flat() as StationOrder[]) this.addOrder(o);
      if (f.ticket) this.changeTicket(f.ticket as StationTicketChange);
      for (const t of (f.tickets ?? []) as StationTicketChange[]) this.changeTicket(t);
    }
  }

  private async post(path: string): Promise<boolean> {
    const res = await http(this.base, "POST", path, { cookie: this.cookie });
    if (res.status !== 200) this.errors.push(`${path}: ${res.status} ${res.text.slice(0, 200)}`);
    return res.status === 200;
  }

  /** Tickets someone at this station is working on (two people share a long queue). */
  private readonly busy = new Set<string>();

  /** Works on the oldest open ticket that is not held or taken; false when there is none. */
  async step(): Promise<boolean> {
    const ticket = [...this.open.values()].filter((t) => t.table !== this.heldTable && !this.busy.has(t.id)).sort((a, b) => a.createdAt - b.createdAt)[0];
    if (!ticket) return false;
    this.busy.add(ticket.id);
    try {
      await this.work(ticket);
    } finally {
      this.busy.delete(ticket.id);
    }
    return true;
  }

  private async work(ticket: OpenTicket): Promise<void> {
    const id = encodeURIComponent(ticket.id);
    const openItems = ticket.items.filter((i) => i.doneAt === undefined);
    if (openItems.length > 1 && this.random() < 0.4) {
      // item by item: one item now (auto_close closes the ticket with its last item)
      if (await this.post(`/api/v1/tickets/${id}/items/${openItems[0]!.line}/bump`)) this.itemBumps++;
    } else if (await this.post(`/api/v1/tickets/${id}/bump`)) {
      this.bumps++;
      if (this.random() < 0.05) {
        // a mistake: undo it (it comes back into the queue and is bumped again later)
        if (await this.post(`/api/v1/tickets/${id}/undo`)) this.undos++;
      }
    }
  }
}
