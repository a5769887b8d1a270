// The live state of the event as the stream tells it: open orders with their tickets (a phone holds
// part of them, see `hold`), and availability.
// A closed order whose ready tickets nobody has picked up yet stays until they are (closedAt set);
// a snapshot holds open orders only, so after a reload those are gone (see docs/api.md).
// Lists are replaced whole ($state.raw), and an unchanged ticket keeps its object, so a keyed
// {#each} re-renders only what changed. A station socket's lean frames are decoded into the same
// shapes (worker/protocol/stationWire.ts), what each frame changes is read in deltaFrames.ts, and
// the state can be kept in sessionStorage across a reload. Only this class changes its fields.
import type { DeltaFrame, Menu, Order, OrderPositions, ProductAvailability, SnapshotFrame, StationDeltaFrame, StationSnapshotFrame, Ticket } from "../../../worker/protocol.ts";
// Straight from the module, not protocol.ts: a value import from protocol.ts bundles zod.
import { decodeStationDelta, decodeStationSnapshot } from "../../../worker/protocol/stationWire.ts";
import { applyDelta, type LiveChanges } from "./deltaFrames.ts";

/** The most a saved state may take in sessionStorage (characters; the browser allows about 5 MB). */
const SAVED_MAX_CHARS = 2_000_000;
/** How long after a frame the state is written. */
const SAVE_AFTER_MS = 300;

interface Saved {
  seq: number;
  station?: string;
  orders: Order[];
  availability: ProductAvailability[];
  menuVersion: number;
  extra: unknown;
}

/** Where a page keeps its live state across reloads: per event and per stream (a station, or everything). */
export function savedStateKey(eventId: string, stream: string): string {
  return `mini-pos.live.${eventId}.${stream}`;
}

/** How many closed orders with tickets still to carry out a screen keeps (the newest). */
const CLOSED_KEPT = 100;

/** A ticket of this order is ready but nobody has carried it out yet. */
function awaitsPickup(order: Order): boolean {
  return order.tickets.some((t) => t.doneAt !== null && t.pickedUpAt === null && t.items.some((i) => i.voidedQty < i.qty));
}

export class EventState {
  #orders = $state.raw(new Map<string, Order>());
  #availability = $state.raw(new Map<string, ProductAvailability>());
  #menuVersion = $state(0);
  #menu = $state.raw<Menu | undefined>(undefined);
  #nextEvent = $state.raw<{ id: string; name: string } | undefined>(undefined);
  #revision = $state(0);
  /** The station whose cut of the stream this state holds (from its snapshot), if any. */
  #station: string | undefined;
  readonly #listeners = new Set<(ticket: Ticket, before: Ticket | undefined) => void>();
  readonly #onNextEvent: ((next: { id: string; name: string }) => void) | undefined;

  /** `onNextEvent`: the page follows a new event in place (station screens: a reload silences their sound). */
  constructor(onNextEvent?: (next: { id: string; name: string }) => void) {
    this.#onNextEvent = onNextEvent;
  }

  /** Open orders by id, and closed ones whose ready tickets nobody has carried out yet. */
  get orders(): ReadonlyMap<string, Order> {
    return this.#orders;
  }
  get availability(): ReadonlyMap<string, ProductAvailability> {
    return this.#availability;
  }
  get menuVersion(): number {
    return this.#menuVersion;
  }
  /** The whole menu from the last menu.changed frame (the menu edited on /admin), for pages that show it. */
  get menu(): Menu | undefined {
    return this.#menu;
  }
  /** Set when this event ended (event.started): the page loads the app again (or switches in place), showing the new event. */
  get nextEvent(): { id: string; name: string } | undefined {
    return this.#nextEvent;
  }
  /** Goes up on every applied frame; handy for "something changed" effects. */
  get revision(): number {
    return this.#revision;
  }

  /** Calls `listener` with every ticket a frame changes, and the ticket as it was; returns the unsubscribe. */
  onTicketChange(listener: (ticket: Ticket, before: Ticket | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  applySnapshot(frame: SnapshotFrame | StationSnapshotFrame): void {
    if ("station" in frame) {
      this.#station = frame.station;
      frame = decodeStationSnapshot(frame, [...this.#availability.values()]);
    }
    this.#orders = new Map(frame.orders.map((o) => [o.id, o]));
    this.#availability = new Map(frame.availability.map((a) => [a.product, a]));
    this.#menuVersion = frame.menuVersion;
    this.#revision++;
  }

  /** Keeps only the orders `keep` says, and takes `add` whole: a page that holds part of the event (a phone). */
  hold(keep: (order: Order) => boolean, add: readonly Order[] = []): void {
    const next = new Map([...this.#orders].filter(([, o]) => keep(o)));
    for (const o of add) next.set(o.id, o);
    if (next.size !== this.#orders.size || add.length) [this.#orders, this.#revision] = [next, this.#revision + 1];
  }

  /** A station frame in the full shape, completed from what this state knows (undefined: it concerns nothing here). */
  expand(frame: DeltaFrame | StationDeltaFrame, alsoKnown: readonly Ticket[] = []): DeltaFrame | undefined {
    if (!("names" in frame)) return frame;
    return this.#station === undefined ? undefined : decodeStationDelta(frame, this.#station, this.#orders, alsoKnown);
  }

  applyDelta(input: DeltaFrame | StationDeltaFrame): void {
    const frame = this.expand(input);
    if (!frame) return;
    applyDelta(frame, this.#changes);
    this.#revision++;
  }

  /** How this state carries out what a frame changes (deltaFrames.ts says what each frame changes). */
  readonly #changes: LiveChanges = {
    orders: (orders) => {
      const next = new Map(this.#orders);
      for (const o of orders) next.set(o.id, o);
      this.#orders = next;
    },
    ticket: (ticket) => this.#applyTicket(ticket),
    positions: (list) => this.#applyPositions(list),
    closed: (orderId, closedAt) => this.#close(orderId, closedAt),
    availability: (menuVersion, list) => {
      const next = new Map(this.#availability);
      for (const a of list) next.set(a.product, a);
      this.#availability = next;
      this.#menuVersion = menuVersion;
    },
    menu: (menuVersion, menu) => {
      this.#menu = menu;
      this.#availability = new Map(menu.products.map((p) => [p.id, { product: p.id, soldOut: p.soldOut, quota: p.quota }]));
      this.#menuVersion = menuVersion;
    },
    nextEvent: (next) => this.#followNextEvent(next),
  };

  /**
   * The event ended and the next one started: this event's live state is no longer kept; the page
   * follows in place (onNextEvent) or loads again (drafts and the outbox are kept; sessions stay).
   */
  #followNextEvent(next: { id: string; name: string }): void {
    this.#nextEvent = next;
    this.#orders = new Map();
    if (this.#onNextEvent) this.#onNextEvent(next);
    else if (typeof location !== "undefined") setTimeout(() => location.reload(), 50);
  }

  #close(orderId: string, closedAt: number): void {
    const order = this.#orders.get(orderId);
    if (!order) return;
    const next = new Map(this.#orders);
    // A paid order closes once its tickets are done, often before anyone carried them out:
    // it stays here until they are picked up, so ready notices and the pickup list keep it.
    if (awaitsPickup(order)) next.set(order.id, { ...order, closedAt });
    else next.delete(order.id);
    this.#orders = next;
    this.#forgetPickedUp();
  }

  #applyTicket(ticket: Ticket): void {
    const order = this.#orders.get(ticket.orderId);
    if (!order) return;
    const before = order.tickets.find((t) => t.id === ticket.id);
    const tickets = order.tickets.map((t) => (t.id === ticket.id ? ticket : t));
    const after = { ...order, tickets };
    const next = new Map(this.#orders);
    // A closed order kept for its pickup leaves once everything is carried out.
    if (after.closedAt !== null && !awaitsPickup(after)) next.delete(order.id);
    else next.set(order.id, after);
    this.#orders = next;
    for (const listener of this.#listeners) listener(ticket, before);
  }

  /** Closed orders kept for their pickup: at most the newest CLOSED_KEPT, so a screen left open all evening stays small. */
  #forgetPickedUp(): void {
    const kept = [...this.#orders.values()].filter((o) => o.closedAt !== null);
    if (kept.length <= CLOSED_KEPT) return;
    const next = new Map(this.#orders);
    for (const o of kept.sort((a, b) => a.closedAt! - b.closedAt!).slice(0, kept.length - CLOSED_KEPT)) next.delete(o.id);
    this.#orders = next;
  }

  /** Money frames carry each touched order's positions whole: replace them. */
  #applyPositions(list: readonly OrderPositions[]): void {
    let next: Map<string, Order> | undefined;
    for (const p of list) {
      const order = (next ?? this.#orders).get(p.order);
      if (!order) continue;
      next ??= new Map(this.#orders);
      next.set(order.id, { ...order, positions: p.positions, closedAt: p.closedAt });
    }
    if (next) this.#orders = next;
  }

  /** What `restore` reads back: the state as of `seq`, for resuming with `since` after a reload. */
  save(key: string, seq: number, extra?: unknown): void {
    if (this.#nextEvent) return void sessionStorage.removeItem(key);
    if (seq < 0) return;
    try {
      const text = JSON.stringify({ seq, station: this.#station, orders: [...this.#orders.values()], availability: [...this.#availability.values()], menuVersion: this.#menuVersion, extra });
      // A state too big to keep is taken afresh as a snapshot instead.
      if (text.length > SAVED_MAX_CHARS) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, text);
    } catch {
      // storage full or blocked: the next load takes a snapshot
    }
  }

  /**
   * Keeps the state in sessionStorage under `key`: `schedule()` after each applied frame writes it
   * a moment later (frames come in bursts), and a page being left (a reload) writes it at once.
   */
  keepSaved(key: string, seq: () => number, extra?: () => unknown): { schedule(): void; flush(): void; stop(): void } {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      this.save(key, seq(), extra?.());
    };
    window.addEventListener("pagehide", flush);
    return {
      schedule: () => (timer ??= setTimeout(flush, SAVE_AFTER_MS)),
      flush,
      stop: () => {
        flush();
        window.removeEventListener("pagehide", flush);
      },
    };
  }

  /** Restores a saved state; returns its seq and extra, or undefined when none is kept. */
  restore(key: string): { seq: number; extra: unknown } | undefined {
    try {
      const saved = JSON.parse(sessionStorage.getItem(key) ?? "null") as Saved | null;
      if (!saved || !Number.isInteger(saved.seq) || !Array.isArray(saved.orders)) return undefined;
      this.#orders = new Map(saved.orders.map((o) => [o.id, o]));
      this.#availability = new Map(saved.availability.map((a) => [a.product, a]));
      this.#menuVersion = saved.menuVersion;
      this.#station = saved.station;
      this.#revision++;
      return { seq: saved.seq, extra: saved.extra };
    } catch {
      return undefined;
    }
  }

  /** Every ticket of every open order, optionally for one station. */
  tickets(station?: string): Ticket[] {
    const out: Ticket[] = [];
    for (const order of this.#orders.values()) for (const t of order.tickets) if (!station || t.station === station) out.push(t);
    return out;
  }
}
