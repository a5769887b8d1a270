// The changes a resuming socket missed, read once for every socket resuming at the same moment:
// each frame parsed once, cut once per station, and each socket's list built once per (station, since).
import type { Db } from "../db/client.ts";
import { readCatchUp } from "../db/changes.ts";
import { STREAM_LIMITS, type DeltaFrame } from "../protocol.ts";
import { encodeStationDelta as stationFrame } from "../protocol/stationWire.ts";

/** The changes after `from` (at most resumeLimit), parsed once: the event's seq, how many came, and their cut. */
export async function readCut(db: Db, eventId: string, from: number): Promise<{ seq: number; frames: number; cut: CatchUpCut }> {
  const { seq, frames } = await readCatchUp(db, eventId, from, STREAM_LIMITS.resumeLimit);
  return { seq, frames: frames.length, cut: new CatchUpCut(frames.map((text) => ({ text, frame: JSON.parse(text) as DeltaFrame }))) };
}

/** The missed frames of one read, each cut once per station, each socket's list built once per (station, since). */
export class CatchUpCut {
  private readonly cuts = new Map<string, (string | undefined)[]>();
  private readonly built = new Map<string, { out: string[]; last: number }>();
  private readonly frames: { text: string; frame: DeltaFrame }[];

  constructor(frames: { text: string; frame: DeltaFrame }[]) {
    this.frames = frames;
  }

  /** The frames from index `start` on, each with the seq it follows; a station socket gets its cut of them. */
  after(start: number, since: number, station: string | undefined): { out: string[]; last: number } {
    const key = `${station ?? ""}:${since}`;
    const known = this.built.get(key);
    if (known) return known;
    const texts = this.texts(station);
    const out: string[] = [];
    let last = since;
    for (let i = start; i < this.frames.length; i++) {
      const text = texts[i];
      if (text === undefined) continue;
      out.push(`{"prev":${last},${text.slice(1)}`);
      last = this.frames[i]!.frame.seq;
    }
    const result = { out, last };
    this.built.set(key, result);
    return result;
  }

  private texts(station: string | undefined): (string | undefined)[] {
    const key = station ?? "";
    let texts = this.cuts.get(key);
    if (!texts) {
      texts = this.frames.map(({ text, frame }) => {
        if (!station) return text;
        const cut = stationFrame(frame, station);
        return cut && JSON.stringify(cut);
      });
      this.cuts.set(key, texts);
    }
    return texts;
  }
}
