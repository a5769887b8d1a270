// The guests' pickup display in the coordinator (issue 22): the board in memory (domain/
// displayBoard.ts), GET /api/v1/display's answer from it, and the public display sockets in a room
// of their own (at most DISPLAY_SOCKETS, a device's share bounded: see accept). A display socket
// gets the whole DisplayFrame when it opens and again after each change (debounced) and when a
// ready number times out; it never gets the event's other frames (SocketHub skips it: it is never
// `ready` there), carries no session and may send nothing but the runtime's ping.
import type { LoadedEvent } from "../config/event.ts";
import type { Db } from "../db/client.ts";
import { readDisplayTickets, readDoneSince } from "../db/displayRows.ts";
import { DisplayBoard } from "../domain/displayBoard.ts";
import { CLOSE_CODES, REPORT_RECENT_MS, type DeltaFrame, type DisplayFrame, type DisplayState, type StationWait } from "../protocol.ts";
import { percentile } from "../report/preparation.ts";
import { fromTheMost, roomFull } from "./socketShares.ts";

/** Screens facing the guests: a few per event. */
export const DISPLAY_SOCKETS = 16;
/**
 * A device's display sockets (by its address on the WiFi; a screen plugged into the Pi is the box's
 * address): a TV, and for a moment its reload. Over it the device's own oldest give way.
 */
export const DISPLAY_SOCKETS_PER_ADDRESS = 2;
export const DISPLAY_TAG = "display";
/** Changes within this time go out as one frame. */
const DEBOUNCE_MS = 150;
/** The preparation times are read again at most this often. */
const WAITS_MS = 30_000;

export interface DisplayHost {
  readonly ctx: DurableObjectState;
  readonly db: Db;
  event(): LoadedEvent;
  /** The stream's seq now (the coordinator's state is read first if it has none, e.g. after hibernation). */
  seq(): Promise<number>;
  /** The coordinator's exclusive chain: the board is loaded in it, so no commit falls between its read and its first frame. */
  serialize<T>(fn: () => Promise<T>): Promise<T>;
}

interface DisplayAttachment {
  display: true;
  openedAt: number;
  /** The device's address as the worker saw the connection ("" when unknown). */
  address: string;
}

export class DisplayRoom {
  private readonly host: DisplayHost;
  private board: DisplayBoard | undefined;
  private loading: Promise<DisplayBoard> | undefined;
  private waits: { at: number; list: StationWait[] } | undefined;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the sockets were sent last (without its seq): an unchanged state is not sent again. */
  private lastSent = "";

  constructor(host: DisplayHost) {
    this.host = host;
  }

  isDisplay(ws: WebSocket): boolean {
    return this.host.ctx.getTags(ws).includes(DISPLAY_TAG);
  }

  private sockets(): WebSocket[] {
    return this.host.ctx.getWebSockets(DISPLAY_TAG).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private ensure(): Promise<DisplayBoard> {
    if (this.board) return Promise.resolve(this.board);
    this.loading ??= this.host.serialize(async () => {
      const { info, config } = this.host.event();
      const board = new DisplayBoard(info.displayStations, info.ui.display_ready_minutes);
      for (const r of await readDisplayTickets(this.host.db, config.id, info.displayStations))
        board.put(r.orderId, { number: r.number ?? 0, createdAt: r.createdAt }, r.station, { doneAt: r.doneAt, gone: r.openLines === 0 });
      this.board = board;
      return board;
    });
    return this.loading.finally(() => (this.loading = undefined));
  }

  /** GET /api/v1/display: the numbers only. */
  async state(): Promise<DisplayState> {
    const { preparing, ready } = (await this.ensure()).state(Date.now());
    return { preparing, ready };
  }

  /** A committed frame (called with every broadcast). */
  apply(frame: DeltaFrame): void {
    // This event is over: its screens connect again and land on the new event's coordinator.
    if (frame.type === "event.started") {
      for (const ws of this.sockets()) this.close(ws, 1012, "a new event started");
      return;
    }
    if (this.board) {
      if (this.board.apply(frame)) this.schedule();
      return;
    }
    // Woken from hibernation with screens open: read the board again (its read includes this frame) and tell them.
    if (this.sockets().length) this.ensure().then(() => this.schedule(), (error: unknown) => console.error("display: board read failed", error));
  }

  private schedule(): void {
    if (this.sendTimer || !this.sockets().length) return;
    this.sendTimer = setTimeout(() => {
      this.sendTimer = undefined;
      this.push().catch((error: unknown) => console.error("display: push failed", error));
    }, DEBOUNCE_MS);
  }

  private async push(): Promise<void> {
    const sockets = this.sockets();
    if (!sockets.length) return;
    const frame = await this.frame();
    const key = JSON.stringify([frame.preparing, frame.ready, frame.waits]);
    if (key === this.lastSent) return;
    this.lastSent = key;
    const text = JSON.stringify(frame);
    for (const ws of sockets) this.send(ws, text);
  }

  private async frame(): Promise<DisplayFrame> {
    const board = await this.ensure();
    const now = Date.now();
    const { preparing, ready, nextChange } = board.state(now);
    this.armExpiry(nextChange, now);
    const { info } = this.host.event();
    return { type: "display", seq: await this.host.seq(), preparing, ready, waits: await this.currentWaits(now), language: info.language };
  }

  /** When the next ready number times out, the screens get the state without it. */
  private armExpiry(at: number | undefined, now: number): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (at === undefined || !this.sockets().length) return;
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.push().catch((error: unknown) => console.error("display: push failed", error));
    }, Math.max(0, at - now) + 50);
  }

  /** The report's "current preparation time" (median of the tickets done in the last half hour) per covered station, in whole minutes. */
  private async currentWaits(now: number): Promise<StationWait[]> {
    if (this.waits && now - this.waits.at < WAITS_MS) return this.waits.list;
    const { info, config } = this.host.event();
    const rows = await readDoneSince(this.host.db, config.id, info.displayStations, now - REPORT_RECENT_MS);
    const list = info.displayStations.map((station): StationWait => {
      const durations = rows.filter((r) => r.station === station && r.doneAt !== null).map((r) => r.doneAt! - r.createdAt).sort((a, b) => a - b);
      const median = percentile(durations, 50);
      return { station, name: info.stations.find((s) => s.id === station)?.name ?? station, minutes: median === null ? null : Math.max(1, Math.round(median / 60_000)) };
    });
    this.waits = { at: now, list };
    return list;
  }

  /**
   * A new display socket from `address` (the device's, "" when unknown); it gets the whole frame at
   * once. The display is public, so a guest may open sockets in a loop: a device keeps at most
   * DISPLAY_SOCKETS_PER_ADDRESS (its own oldest give way), and in a full room a device takes one only
   * from the device with the most, so a TV's one socket is never pushed out. Otherwise 503.
   */
  accept(address: string): Response {
    const byAge = (list: WebSocket[]) => list.sort((a, b) => this.openedAt(a) - this.openedAt(b));
    const open = this.sockets();
    const close = new Map<WebSocket, string>();
    if (address) {
      const mine = byAge(open.filter((ws) => this.addressOf(ws) === address));
      for (const ws of mine.slice(0, Math.max(0, mine.length - DISPLAY_SOCKETS_PER_ADDRESS + 1)))
        close.set(ws, `more than ${DISPLAY_SOCKETS_PER_ADDRESS} display screens of this device; the newest stay`);
    }
    const used = open.filter((ws) => !close.has(ws));
    if (used.length >= DISPLAY_SOCKETS) {
      const taken = fromTheMost(used, (ws) => this.addressOf(ws), address, (ws) => this.openedAt(ws));
      if (!taken) return roomFull(`the ${DISPLAY_SOCKETS} display screens' connections are in use; try again in a minute`);
      close.set(taken, `the ${DISPLAY_SOCKETS} display screens' connections are in use; the device with the most gave one up`);
    }
    for (const [ws, reason] of close) this.close(ws, CLOSE_CODES.replaced, reason);
    const { 0: client, 1: server } = new WebSocketPair();
    this.host.ctx.acceptWebSocket(server, [DISPLAY_TAG]);
    // The new screen gets the state now, which may differ from the one last pushed (changes while no
    // screen was open are not pushed): the next change must go out even if it equals that one.
    this.lastSent = "";
    server.serializeAttachment({ display: true, openedAt: Date.now(), address } satisfies DisplayAttachment);
    this.host.ctx.waitUntil(
      this.frame().then(
        (frame) => this.send(server, JSON.stringify(frame)),
        (error: unknown) => {
          console.error("display: first frame failed", error);
          this.close(server, 1011, "could not read the display");
        },
      ),
    );
    return new Response(null, { status: 101, webSocket: client });
  }

  /** A display socket says nothing (the runtime answers its pings): anything else closes it. */
  message(ws: WebSocket): void {
    this.close(ws, 1008, "the display socket takes no messages");
  }

  private openedAt(ws: WebSocket): number {
    return (ws.deserializeAttachment() as Partial<DisplayAttachment> | null)?.openedAt ?? 0;
  }

  private addressOf(ws: WebSocket): string {
    return (ws.deserializeAttachment() as Partial<DisplayAttachment> | null)?.address ?? "";
  }

  private send(ws: WebSocket, text: string): void {
    try {
      ws.send(text);
    } catch {
      this.close(ws, 1011, "send failed");
    }
  }

  private close(ws: WebSocket, code: number, reason: string): void {
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }
}
