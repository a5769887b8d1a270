// A new socket's first frames: what it missed since `since`, or a snapshot of what is open. Built
// outside the coordinator's exclusive chain from one consistent D1 read, so fifty phones
// reconnecting at once do not hold up an order. Until its first frames are out the hub queues the
// socket's broadcasts and then sends those after the read's seq: nothing is lost or sent twice.
// Sockets that ask for a snapshot while one is being read share the next read.
import type * as q from "../db/queries.ts";
import { STREAM_LIMITS, type DeltaFrame, type SnapshotFrame } from "../protocol.ts";
import type { SocketHub } from "./SocketHub.ts";
import { stationFrame, stationSnapshot } from "./stationView.ts";
import { readCatchUp, readOpenState } from "./streamReads.ts";

interface Waiting {
  ws: WebSocket;
  station: string | undefined;
  done(error?: unknown): void;
}

export class StreamSync {
  private waiting: Waiting[] = [];
  private reading = false;

  private readonly db: q.Db;
  private readonly eventId: () => string;
  private readonly hub: SocketHub;

  constructor(db: q.Db, eventId: () => string, hub: SocketHub) {
    this.db = db;
    this.eventId = eventId;
    this.hub = hub;
  }

  /** `knownSeq` is the coordinator's seq if it has one: a client too far behind goes straight to a snapshot. */
  async sync(ws: WebSocket, station: string | undefined, since: number | undefined, knownSeq: number | undefined): Promise<void> {
    const limit = STREAM_LIMITS.resumeLimit;
    if (since !== undefined && !(knownSeq !== undefined && knownSeq - since > limit)) {
      const { seq, frames } = await readCatchUp(this.db, this.eventId(), since, limit);
      if (since <= seq && frames.length === seq - since) return this.catchUp(ws, station, since, seq, frames);
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ ws, station, done: (error) => (error ? reject(error) : resolve()) });
      void this.readSnapshots();
    });
  }

  /** The missed frames, each with the seq it follows; a station socket gets its cut of them. */
  private catchUp(ws: WebSocket, station: string | undefined, since: number, seq: number, frames: string[]): void {
    const out: string[] = [];
    let last = since;
    for (const text of frames) {
      const frame = JSON.parse(text) as DeltaFrame;
      if (!station) out.push(`{"prev":${last},${text.slice(1)}`);
      else {
        const cut = stationFrame(frame, station);
        if (!cut) continue;
        out.push(JSON.stringify({ prev: last, ...cut }));
      }
      last = frame.seq;
    }
    this.hub.markReady(ws, seq, out, last);
  }

  /** One read for every socket waiting now; those that come meanwhile wait for the next one. */
  private async readSnapshots(): Promise<void> {
    if (this.reading || !this.waiting.length) return;
    this.reading = true;
    const batch = this.waiting.splice(0);
    try {
      const open = await readOpenState(this.db, this.eventId());
      const now = Date.now();
      const texts = new Map<string, string>();
      for (const w of batch) {
        const key = w.station ?? "";
        let text = texts.get(key);
        if (text === undefined) {
          const frame = w.station
            ? stationSnapshot(w.station, open.seq, open.menuVersion, open.orders, now)
            : ({ type: "snapshot", seq: open.seq, now, menuVersion: open.menuVersion, availability: open.availability, orders: open.orders } satisfies SnapshotFrame);
          texts.set(key, (text = JSON.stringify(frame)));
        }
        this.hub.markReady(w.ws, open.seq, [text], open.seq);
        w.done();
      }
    } catch (error) {
      for (const w of batch) w.done(error ?? new Error("snapshot read failed"));
    } finally {
      this.reading = false;
      void this.readSnapshots();
    }
  }
}
