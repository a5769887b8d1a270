// The event's WebSockets (hibernation API): accepting within each role's room and each person's
// share (socketShares.ts), the first sync, delivering
// broadcasts (cut down for station sockets, each with the seq it follows), the heartbeat (pings and
// the client's pongs, heartbeat.ts) and ending sessions. Each socket's identity lives in its
// attachment so that it survives the object's hibernation.
import { CLOSE_CODES, PING, PONG, STREAM_LIMITS, type DeltaFrame, type Role, type ServerFrame } from "../protocol.ts";
import { Heartbeat } from "./heartbeat.ts";
import { encodeStationDelta as stationFrame } from "../protocol/stationWire.ts";
import { nameKey } from "../auth/nameKey.ts";
import { admit, ownerTags, roomFull, sessionTag, type SocketOwner, type SocketView } from "./socketShares.ts";

export interface SocketAttachment {
  role: Role;
  name: string;
  station?: string;
  /** "phone": the socket gets a phone's snapshot (streamSync.ts), the map and its own orders. */
  view?: "phone";
  /** The login session the socket belongs to ("" when unknown); ending the session closes it. */
  session: string;
  openedAt: number;
  /** False until the socket has had its snapshot or catch-up; broadcasts are queued for it until then. */
  ready: boolean;
  /** A station socket: the seq of the last frame it got (its next frame's `prev`). */
  lastSent?: number;
  /** The nonce of the last ping and how many pings in a row went unanswered. */
  nonce?: string;
  missed: number;
}

/** What the worker tells the coordinator about a socket it has authenticated. */
export const STREAM_HEADERS = {
  role: "x-mini-pos-role",
  name: "x-mini-pos-name",
  station: "x-mini-pos-station",
  since: "x-mini-pos-since",
  session: "x-mini-pos-session",
  device: "x-mini-pos-device",
  view: "x-mini-pos-view",
  /** A display socket's device address, as the worker saw the connection (routes/display.ts). */
  address: "x-mini-pos-address",
} as const;

interface Handlers {
  sync(ws: WebSocket, station: string | undefined, since: number | undefined): Promise<void>;
}

/** One frame's texts while it is delivered: by station ("" for the whole frame), and the whole one as sent with its prev. */
type FrameTexts = Map<string, string | undefined> & { whole?: string };

export class SocketHub {
  private readonly ctx: DurableObjectState;
  private readonly handlers: Handlers;
  /** Sockets known to be ready, so a broadcast need not deserialize every attachment (lost on hibernation; then read again). */
  private readonly ready = new WeakSet<WebSocket>();
  /** Broadcasts for sockets still syncing, sent once their first frames are out. */
  private readonly pending = new Map<WebSocket, DeltaFrame[]>();
  private readonly heartbeat = new Heartbeat({ send: (ws, frame) => this.send(ws, frame), close: (ws, code, reason) => this.closeQuietly(ws, code, reason) });
  /** Station sockets' last seq, so delivering need not read the attachment (lost on hibernation; then read again). */
  private readonly lastSent = new WeakMap<WebSocket, number>();
  /** Each socket's station ("" for none), read from its attachment once. */
  private readonly stations = new WeakMap<WebSocket, string>();

  constructor(ctx: DurableObjectState, handlers: Handlers) {
    this.ctx = ctx;
    this.handlers = handlers;
    // A client's own heartbeat is answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  private open(tag?: string): WebSocket[] {
    return this.ctx.getWebSockets(tag).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  async accept(request: Request): Promise<Response> {
    const role = request.headers.get(STREAM_HEADERS.role) as Role | null;
    const name = request.headers.get(STREAM_HEADERS.name);
    if (request.headers.get("Upgrade") !== "websocket" || !role || !Object.hasOwn(STREAM_LIMITS.socketsByRole, role) || !name) return new Response("expected a WebSocket upgrade", { status: 426 });
    const station = request.headers.get(STREAM_HEADERS.station) ?? undefined;
    const session = request.headers.get(STREAM_HEADERS.session) ?? "";
    const sinceHeader = request.headers.get(STREAM_HEADERS.since);
    const owner: SocketOwner = { role, session, name: role === "waiter" ? nameKey(decodeURIComponent(name)) : "", device: request.headers.get(STREAM_HEADERS.device) ?? "" };
    const admission = admit(this.shareView, owner);
    if (!admission.ok) return roomFull(admission.message);
    for (const { ws, reason } of admission.close) this.closeQuietly(ws, CLOSE_CODES.replaced, reason);
    const { 0: client, 1: server } = new WebSocketPair();
    const tags: string[] = [role, ...ownerTags(owner)];
    if (station) tags.push(`station:${station}`);
    this.ctx.acceptWebSocket(server, tags);
    const view = request.headers.get(STREAM_HEADERS.view) === "phone" ? "phone" : undefined;
    const attachment: SocketAttachment = { role, name: decodeURIComponent(name), station, ...(view ? { view } : {}), session, openedAt: Date.now(), ready: false, missed: 0 };
    server.serializeAttachment(attachment);
    this.pending.set(server, []);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + STREAM_LIMITS.pingIntervalMs);
    this.ctx.waitUntil(
      this.handlers.sync(server, station, sinceHeader === null ? undefined : Number(sinceHeader)).catch((error) => {
        console.error("EventCoordinator sync failed", error);
        this.pending.delete(server);
        this.closeQuietly(server, 1011, "sync failed");
      }),
    );
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The open sockets as the share rules see them (socketShares.ts). */
  private readonly shareView: SocketView = {
    open: (tag) => this.open(tag),
    openedAt: (ws) => (ws.deserializeAttachment() as SocketAttachment).openedAt,
    nameTagOf: (ws) => this.ctx.getTags(ws).find((tag) => tag.startsWith("name:")) ?? "",
  };

  /**
   * Sends a new socket its first frames (a snapshot or the catch-up, which reach up to `upTo`),
   * then what was broadcast since, and from then on it gets every broadcast directly.
   * `lastSent` is the seq its next frame follows (a station socket's catch-up may end below `upTo`).
   */
  markReady(ws: WebSocket, upTo: number, first: string[], lastSent: number): void {
    const queued = this.pending.get(ws) ?? [];
    this.pending.delete(ws);
    try {
      for (const text of first) ws.send(text);
      const attachment = ws.deserializeAttachment() as SocketAttachment;
      if (attachment.station) this.lastSent.set(ws, lastSent);
      ws.serializeAttachment({ ...attachment, ready: true, ...(attachment.station ? { lastSent } : {}) });
      this.ready.add(ws);
      for (const frame of queued) if (frame.seq > upTo) this.deliver(ws, frame, new Map());
    } catch {
      this.closeQuietly(ws, 1011, "send failed");
    }
  }

  broadcast(frame: DeltaFrame): void {
    // One text per shape: the full frame, and one cut per station.
    const texts: FrameTexts = new Map();
    for (const ws of this.ctx.getWebSockets()) {
      const queue = this.pending.get(ws);
      if (queue) {
        queue.push(frame);
        continue;
      }
      if (!this.ready.has(ws)) {
        const attachment = ws.deserializeAttachment() as SocketAttachment | null;
        if (!attachment?.ready) continue;
        this.ready.add(ws);
      }
      this.deliver(ws, frame, texts);
    }
  }

  /** Sends one delta with the seq this socket got before it; a station socket gets its cut, or nothing. */
  private deliver(ws: WebSocket, frame: DeltaFrame, texts: FrameTexts): void {
    try {
      const station = this.stationOf(ws);
      const key = station ?? "";
      if (!texts.has(key)) {
        const cut = station ? stationFrame(frame, station) : frame;
        texts.set(key, cut && JSON.stringify(cut));
      }
      const text = texts.get(key);
      if (text === undefined) return;
      if (!station) {
        // Every frame reaches a socket without a station, so it follows the one before it: one text for all of them.
        texts.whole ??= `{"prev":${frame.seq - 1},${text.slice(1)}`;
        ws.send(texts.whole);
        return;
      }
      ws.send(`{"prev":${this.lastSentOf(ws)},${text.slice(1)}`);
      this.setLastSent(ws, frame.seq);
    } catch {
      // A dead socket must not stop the others from getting the change.
      this.closeQuietly(ws, 1011, "send failed");
    }
  }

  private stationOf(ws: WebSocket): string | undefined {
    let station = this.stations.get(ws);
    if (station === undefined) this.stations.set(ws, (station = (ws.deserializeAttachment() as SocketAttachment).station ?? ""));
    return station || undefined;
  }

  private lastSentOf(ws: WebSocket): number {
    const known = this.lastSent.get(ws);
    if (known !== undefined) return known;
    return (ws.deserializeAttachment() as SocketAttachment).lastSent ?? -1;
  }

  private setLastSent(ws: WebSocket, seq: number): void {
    this.lastSent.set(ws, seq);
    ws.serializeAttachment({ ...(ws.deserializeAttachment() as SocketAttachment), lastSent: seq });
  }

  /** A client frame: a pong, or an error frame back (heartbeat.ts). */
  message(ws: WebSocket, message: string | ArrayBuffer): void {
    this.heartbeat.read(ws, message);
  }

  /** Pings the open sockets and closes those that stopped answering; returns how many are still open. */
  ping(): number {
    return this.heartbeat.ping(this.open());
  }

  /** Closes every socket of these sessions with 4001 and the reason; returns how many. */
  endSessions(ids: readonly string[], reason: string): number {
    let closed = 0;
    for (const id of new Set(ids)) {
      if (!id) continue;
      for (const ws of this.open(sessionTag(id))) {
        this.closeQuietly(ws, CLOSE_CODES.sessionEnded, reason.slice(0, 120));
        closed++;
      }
    }
    return closed;
  }

  close(ws: WebSocket, code: number): void {
    this.pending.delete(ws);
    // 1005/1006 are reserved and cannot be sent back (STACK-NOTES §4).
    this.closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, "closing");
  }

  private send(ws: WebSocket, frame: ServerFrame): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      this.closeQuietly(ws, 1011, "send failed");
    }
  }

  private closeQuietly(ws: WebSocket, code: number, reason: string): void {
    this.pending.delete(ws);
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }
}
