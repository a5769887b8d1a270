// A station screen for the load harnesses (soak): follows its open tickets on a `?station=` stream
// in the lean station shape (decoded with the station codec, worker/protocol/stationWire.ts, as the
// station page does) and bumps them over HTTP the way people at the bar do: whole tickets, item by
// item now and then, and a mistaken bump undone and bumped again later.
import type { Order, StationDeltaFrame, StationSnapshotFrame, Ticket } from "../../worker/protocol.ts";
import { decodeStationDelta, decodeStationSnapshot } from "../../worker/protocol.ts";
import { http, StreamClient, type Frame } from "./loadClient.ts";

export class StationClient {
  /** This station's open tickets, as the screen shows them (decoded: no prices). */
  readonly open = new Map<string, Ticket>();
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

  /** Tickets done here, kept so an undo (ticket.reopened) can bring them back. */
  private readonly done = new Map<string, Ticket>();
  /** Every order seen with a ticket here, as decoded: a ticket change is completed from its order. */
  private readonly orders = new Map<string, Order>();

  private addOrder(o: Order) {
    this.orders.set(o.id, o);
    const own = o.tickets.find((t) => t.station === this.station);
    if (own?.items.length) this.show(own);
  }

  private show(ticket: Ticket) {
    if (ticket.doneAt === null) {
      this.done.delete(ticket.id);
      this.open.set(ticket.id, ticket);
    } else {
      this.open.delete(ticket.id);
      this.done.set(ticket.id, ticket);
    }
  }

  private changeTicket(t: Ticket) {
    const order = this.orders.get(t.orderId);
    if (order) this.orders.set(order.id, { ...order, tickets: order.tickets.map((k) => (k.id === t.id ? t : k)) });
    if (t.station === this.station && (this.open.has(t.id) || this.done.has(t.id))) this.show(t);
  }

  private apply(f: Frame) {
    if (f.type === "snapshot") {
      this.open.clear();
      for (const o of decodeStationSnapshot(f as StationSnapshotFrame).orders) this.addOrder(o);
      return;
    }
    if (typeof f.seq !== "number") return; // an ack or an error
    const frame = decodeStationDelta(f as StationDeltaFrame, this.station, this.orders);
    if (!frame) return;
    // What the frame carries, whatever its type: orders (placed, reopened) and tickets after a change.
    if ("order" in frame) this.addOrder(frame.order);
    if ("reopened" in frame) for (const o of [frame.reopened ?? []].flat()) this.addOrder(o);
    if ("ticket" in frame) this.changeTicket(frame.ticket);
    if ("tickets" in frame) for (const t of frame.tickets) this.changeTicket(t);
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

  private async work(ticket: Ticket): Promise<void> {
    const id = encodeURIComponent(ticket.id);
    const openItems = ticket.items.filter((i) => i.doneAt === null);
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
