// A new socket's first frames: what it missed since `since`, or a snapshot of what is open. Built
// outside the coordinator's exclusive chain from one consistent D1 read, so fifty phones
// reconnecting at once do not hold up an order. Until its first frames are out the hub queues the
// socket's broadcasts and then sends those after the read's seq: nothing is lost or sent twice.
// Sockets that ask for a snapshot while one is being read share the next read; so do sockets that
// resume (one read of the changes from the oldest `since`, each frame parsed and cut once), so that
// sixty phones back from a WiFi drop cost about two reads, not sixty.
// A phone (a waiter's socket, or ?view=phone) gets the map from the coordinator's memory and only
// its waiter's own open orders, so its snapshot follows what it works with, not what is open; a
// phone whose missed frames would outweigh that gets a snapshot instead of them. A station screen
// gets its station's open orders with only its own items (db/orders.ts readOpenOrdersForStation).
// The heavy reads a waiter's socket asks for (every open order, a catch-up) are spaced out
// (STREAM_READ_PACING): someone who reconnects in a loop with the waiter PIN (the pickup page's
// ?view=tickets, a `since` far back) gets them at most a twentieth of the time, and waits. The
// stations' and the admin's sockets (PINs guests do not know) and the phones never wait for that
// pause: a phone's snapshot reads only what it shows, and a phone resumes only from a few changes
// back (phoneResumeChanges; further back it gets its snapshot), so every read for it is small.
import { groupBy, type Db } from "../db/client.ts";
import { readOpenState } from "../db/changes.ts";
import { readOpenOrdersForStation, readOpenOrdersOf } from "../db/orders.ts";
import { DutyCycle } from "../lib/dutyCycle.ts";
import { SharedReads } from "../lib/sharedReads.ts";
import { STREAM_LIMITS, STREAM_READ_PACING, type PhoneSnapshotFrame, type SnapshotFrame, type TableSummary } from "../protocol.ts";
import type { SocketHub } from "./SocketHub.ts";
import { readCut } from "./catchUpCut.ts";
import { encodeStationSnapshot as stationSnapshot } from "../protocol/stationWire.ts";

/**
 * Lets whatever waits (an order's request, its answer) run between two sockets' first frames:
 * sixty large sends in a row would hold the one thread for a second.
 */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Waiting {
  ws: WebSocket;
  station: string | undefined;
  /** A phone's socket: its waiter's name. */
  phone: string | undefined;
  /** A waiter's socket: the waiter PIN is known to anyone, so its heavy reads are paced. */
  paced: boolean;
  done(error?: unknown): void;
}
type Resuming = Waiting & { since: number };
/** The heavy reads of a lane: every open order whole (sockets without a station or phone view), and catch-ups. */
interface Lane {
  whole: SharedReads<Waiting>;
  resuming: SharedReads<Resuming>;
}

export class StreamSync {
  /** Phone and station snapshots: each reads only what it shows, and never waits for the pause. */
  private readonly snapshots = new SharedReads<Waiting>((take) => this.readSnapshots(take()), "snapshot read failed");
  /**
   * The heavy reads on two lanes, so that the stations' and the admin's never queue behind a
   * waiter's pause. Only the waiters' lane waits out heavyReads.
   */
  private readonly lanes: Record<"paced" | "trusted", Lane> = { paced: this.lane(true), trusted: this.lane(false) };
  private readonly heavyReads = new DutyCycle(STREAM_READ_PACING);

  private readonly db: Db;
  private readonly eventId: () => string;
  private readonly hub: SocketHub;
  private readonly tables: () => Promise<{ seq: number; tables: TableSummary[] }>;

  /** Which of these tickets printed (issue 21); absent when the event has no printers. */
  private readonly printedTickets: ((ids: string[]) => Promise<Set<string>>) | undefined;

  /** `tables`: the table map as the coordinator holds it, with the seq of its last change. */
  constructor(db: Db, eventId: () => string, hub: SocketHub, tables: () => Promise<{ seq: number; tables: TableSummary[] }>, printedTickets?: (ids: string[]) => Promise<Set<string>>) {
    this.db = db;
    this.eventId = eventId;
    this.hub = hub;
    this.tables = tables;
    this.printedTickets = printedTickets;
  }

  /**
   * `knownSeq` is the coordinator's seq if it has one: a client too far behind goes straight to a
   * snapshot. `phone`: the waiter's name when the socket gets a phone's snapshot. `paced`: a waiter's
   * socket (the stations' and the admin's PINs are not known to guests: their reads never wait).
   */
  async sync(ws: WebSocket, station: string | undefined, since: number | undefined, knownSeq: number | undefined, phone?: string, paced = false): Promise<void> {
    const limit = STREAM_LIMITS.resumeLimit;
    return new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => (error ? reject(error) : resolve());
      if (phone !== undefined && since !== undefined) {
        // A phone's catch-up is bounded (phoneResumeChanges) and so read at once; further behind its
        // own snapshot, which is never paced either (the coordinator gives a phone's seq: EventCoordinator).
        if (knownSeq !== undefined && knownSeq - since <= STREAM_LIMITS.phoneResumeChanges) this.lanes.trusted.resuming.push({ ws, station, phone, paced: false, since, done });
        else this.snapshot({ ws, station, phone, paced, done });
      } else if (since !== undefined && !(knownSeq !== undefined && knownSeq - since > limit)) this.laneOf(paced).resuming.push({ ws, station, phone, paced, since, done });
      else this.snapshot({ ws, station, phone, paced, done });
    });
  }

  /** Hands a socket its missed frames, or a phone a snapshot when they would weigh more than one. */
  private catchUp(w: Resuming, seq: number, out: string[], last: number): void {
    if (w.phone !== undefined && out.reduce((n, text) => n + text.length, 0) > STREAM_LIMITS.phoneCatchUpChars) return this.snapshot(w);
    this.hub.markReady(w.ws, seq, out, last);
    w.done();
  }

  private laneOf(paced: boolean): Lane {
    return paced ? this.lanes.paced : this.lanes.trusted;
  }

  private lane(paced: boolean): Lane {
    return {
      whole: new SharedReads<Waiting>((take) => this.readWholeSnapshot(paced, take), "snapshot read failed"),
      resuming: new SharedReads<Resuming>((take) => this.readChanges(paced, take), "catch-up read failed"),
    };
  }

  private snapshot(w: Waiting): void {
    if (w.phone === undefined && w.station === undefined) this.laneOf(w.paced).whole.push(w);
    else this.snapshots.push(w);
  }

  /**
   * One read of the changes for every socket resuming now, from the oldest `since`. A socket the
   * read does not fully cover (its `since` is ahead of the log: the data was reset) gets a snapshot;
   * when the oldest is so far behind that the read stopped at the limit, the others read on their own.
   */
  private async readChanges(paced: boolean, take: () => Resuming[]): Promise<void> {
    // The batch is taken after the pause, so that sockets coming during it share this read.
    const { batch, from, seq, frames, cut } = await this.heavy(paced, async () => {
      const batch = take();
      const from = Math.min(...batch.map((w) => w.since));
      return { batch, from, ...(await readCut(this.db, this.eventId(), from)) };
    });
    const complete = from <= seq && frames === seq - from;
    for (const w of batch) {
      if (w.since > seq) this.snapshot(w);
      else if (complete) {
        const { out, last } = cut.after(w.since - from, w.since, w.station);
        this.catchUp(w, seq, out, last);
        await turn();
      } else this.readAlone(w);
    }
  }

  private readAlone(w: Resuming): void {
    const read = async () => {
      const { seq, frames, cut } = await this.heavy(w.paced, () => readCut(this.db, this.eventId(), w.since));
      if (!(w.since <= seq && frames === seq - w.since)) return this.snapshot(w);
      const { out, last } = cut.after(0, w.since, w.station);
      this.catchUp(w, seq, out, last);
    };
    read().catch((error) => w.done(error));
  }

  /** Snapshots for the phone and station sockets of one batch. */
  private async readSnapshots(batch: Waiting[]): Promise<void> {
    // The screens first: a few, and what the kitchen works from; the phones may be hundreds.
    // One read per station (its open orders with that station's items only); sockets of a station share it.
    for (const [station, sockets] of groupBy(batch.filter((w) => w.phone === undefined), (w) => w.station!)) {
      const open = await readOpenState(this.db, this.eventId(), (db, e) => readOpenOrdersForStation(db, e, station));
      const printed = this.printedTickets ? await this.printedTickets(open.orders.flatMap((o) => o.tickets.filter((t) => t.station === station).map((t) => t.id))) : undefined;
      await this.hand(sockets, open.seq, JSON.stringify(stationSnapshot(station, open.seq, open.menuVersion, open.orders, Date.now(), printed)));
    }
    const phones = batch.filter((w) => w.phone !== undefined);
    if (phones.length) await this.phoneSnapshots(phones);
  }

  /** One read of every open order, whole, for the sockets of a lane without a station or phone view waiting now. */
  private readWholeSnapshot(paced: boolean, take: () => Waiting[]): Promise<void> {
    // The batch is taken after the pause, so that sockets coming during it share this read.
    // The read, the text and the sends all hold the one thread: all of it counts as the work.
    return this.heavy(paced, async () => {
      const batch = take();
      const open = await readOpenState(this.db, this.eventId());
      const frame: SnapshotFrame = { type: "snapshot", seq: open.seq, now: Date.now(), menuVersion: open.menuVersion, availability: open.availability, orders: open.orders };
      await this.hand(batch, open.seq, JSON.stringify(frame));
    });
  }

  /** A heavy read: on the waiters' lane after the pause the last one earned, else at once. */
  private heavy<T>(paced: boolean, work: () => Promise<T>): Promise<T> {
    return paced ? this.heavyReads.run(work) : work();
  }

  /** Hands each socket its first frame, letting other work run between two sends. */
  private async hand(sockets: Waiting[], seq: number, text: string): Promise<void> {
    for (const w of sockets) {
      this.hub.markReady(w.ws, seq, [text], seq);
      w.done();
      await turn();
    }
  }

  /**
   * Phones' snapshots: one read of the open orders of every waiter among them (with the seq of the
   * same moment), the map from the coordinator's memory once it holds that seq. It may hold a later
   * change too: the frames after the seq carry the figures of the tables they touch whole, so it ends up exact.
   */
  private async phoneSnapshots(batch: Waiting[]): Promise<void> {
    const now = Date.now();
    const byWaiter = groupBy(batch, (w) => w.phone!);
    const open = await readOpenState(this.db, this.eventId(), (db, eventId) => readOpenOrdersOf(db, eventId, [...byWaiter.keys()]));
    let map = await this.tables();
    // The commit the read saw is written into the map right after its batch returns.
    for (let tries = 0; map.seq < open.seq && tries < 50; tries++) {
      await turn();
      map = await this.tables();
    }
    const ordersOf = groupBy(open.orders, (o) => o.waiter);
    for (const [waiter, sockets] of byWaiter) {
      const frame: PhoneSnapshotFrame = { type: "snapshot", view: "phone", seq: open.seq, now, menuVersion: open.menuVersion, availability: open.availability, tables: map.tables, orders: ordersOf.get(waiter) ?? [] };
      await this.hand(sockets, open.seq, JSON.stringify(frame));
    }
  }
}
