// The one module that owns the event's WebSocket. It reconnects with backoff, resumes from the
// last sequence number it applied (kept across reloads by the page, see `resume`), and drops
// duplicates; a frame whose `prev` is not the last seq applied is a gap: it reconnects to catch up.
// It answers the server's pings, and a session the server ended (4001) is reported, not retried.
import { CLOSE_CODES, PING, PONG, type ClientFrame, type DeltaFrame, type ServerFrame, type SnapshotFrame, type StationDeltaFrame, type StationSnapshotFrame } from "../../../worker/protocol.ts";

/** A station socket gets the station's cut of the frames (StationSnapshotFrame, StationDeltaFrame). */
export interface StreamHandlers<S = SnapshotFrame, D = DeltaFrame> {
  onSnapshot(frame: S): void;
  onDelta(frame: D): void;
  onReply?(frame: Extract<ServerFrame, { type: "error" }>): void;
  /** The session is gone (401 on connect, or ended by the server with `reason`): the page should show the login again. */
  onUnauthorized?(reason?: string): void;
}
export type StationStreamHandlers = StreamHandlers<StationSnapshotFrame, StationDeltaFrame>;

const HEARTBEAT_MS = 15_000;
/** No frame and no pong for this long means the connection is dead even if the socket says open. */
const DEAD_AFTER_MS = 40_000;

export class EventStream<S extends { seq: number } = SnapshotFrame, D extends { seq: number } = DeltaFrame> {
  connected = $state(false);
  /** The last sequence number applied; survives reconnects (and reloads, when the page restores it). */
  lastSeq = $state(-1);
  /** Set when the server closed this socket for another of the same login: it waits to be shown again. */
  replaced = $state(false);
  #ws: WebSocket | undefined;
  #handlers: StreamHandlers<S, D>;
  #station: string | undefined;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  #closed = true;

  #view: "phone" | "tickets" | undefined;

  /** `view: "phone"`: the phone's snapshot (the map and the waiter's own orders, PhoneSnapshotFrame). */
  constructor(handlers: StreamHandlers<S, D>, station?: string, view?: "phone" | "tickets") {
    this.#handlers = handlers;
    this.#station = station;
    this.#view = view;
  }

  /** Safe to call again: an open or opening socket is kept. */
  open(): void {
    this.#closed = false;
    if (this.#ws && this.#ws.readyState <= WebSocket.OPEN) return;
    clearTimeout(this.#retryTimer);
    const params = new URLSearchParams();
    if (this.#station) params.set("station", this.#station);
    if (this.#view) params.set("view", this.#view);
    if (this.lastSeq >= 0) params.set("since", String(this.lastSeq));
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/stream${params.size ? `?${params}` : ""}`;
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#attempt = 0;
      this.#lastHeard = Date.now();
      this.connected = true;
      clearInterval(this.#heartbeat);
      this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    };
    ws.onmessage = (event) => this.#receive(String(event.data));
    ws.onclose = (event) => {
      if (this.#ws !== ws) return;
      this.connected = false;
      this.#ws = undefined;
      clearInterval(this.#heartbeat);
      if (event.code === CLOSE_CODES.sessionEnded) {
        this.close();
        this.#handlers.onUnauthorized?.(event.reason);
        return;
      }
      // Another tab or device of this login took the place: coming back to this page reconnects.
      if (event.code === CLOSE_CODES.replaced) {
        this.replaced = true;
        return;
      }
      // The upgrade was refused before opening: most likely the session expired.
      if (event.code === 1006 && this.#attempt >= 2 && this.#handlers.onUnauthorized) void this.#checkSession();
      this.#scheduleReconnect();
    };
    window.addEventListener("online", this.#reconnectNow);
    document.addEventListener("visibilitychange", this.#reconnectNow);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeat);
    window.removeEventListener("online", this.#reconnectNow);
    document.removeEventListener("visibilitychange", this.#reconnectNow);
    const ws = this.#ws;
    this.#ws = undefined;
    ws?.close(1000);
    this.connected = false;
  }

  /** Sends a frame (the pong); false when the socket is not open. Changes go over HTTP. */
  send(frame: ClientFrame): boolean {
    if (this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the socket and reconnects at once (used by tests and after a detected gap). */
  reconnect(): void {
    const ws = this.#ws;
    this.#ws = undefined;
    this.connected = false;
    ws?.close(4000, "reconnect");
    this.open();
  }

  #reconnectNow = () => {
    if (this.#closed || document.visibilityState === "hidden") return;
    if (!this.#ws) {
      this.replaced = false;
      this.#attempt = 0;
      this.open();
    }
  };

  #beat() {
    if (Date.now() - this.#lastHeard > DEAD_AFTER_MS) return this.reconnect();
    this.#ws?.send(PING);
  }

  #scheduleReconnect() {
    if (this.#closed) return;
    const delay = Math.min(5_000, 300 * 2 ** this.#attempt) * (0.75 + Math.random() * 0.5);
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.open(), delay);
  }

  async #checkSession() {
    const res = await fetch("/api/v1/session").catch(() => undefined);
    if (res?.status === 401) {
      this.close();
      this.#handlers.onUnauthorized?.();
    }
  }

  #receive(text: string) {
    this.#lastHeard = Date.now();
    if (text === PONG) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case "snapshot":
        this.lastSeq = frame.seq;
        this.#handlers.onSnapshot(frame as unknown as S);
        return;
      case "error":
        this.#handlers.onReply?.(frame);
        return;
      case "ping":
        // Proves this page reads its frames: a socket that stops answering is closed by the server.
        this.send({ type: "pong", nonce: frame.nonce });
        return;
      default:
        if (frame.seq <= this.lastSeq) return; // already applied
        // `prev` is what this socket got before: a station socket skips other stations' seqs.
        if (this.lastSeq >= 0 && frame.prev !== this.lastSeq) return this.reconnect(); // missed one: catch up
        this.lastSeq = frame.seq;
        this.#handlers.onDelta(frame as unknown as D);
    }
  }
}
