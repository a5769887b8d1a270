// The guests' display's live state: one public WebSocket (GET /api/v1/display/stream) whose every
// frame is the whole state (DisplayFrame), so there is nothing to catch up after a drop. It
// reconnects with backoff, keeps showing the last frame meanwhile, and keeps that frame in
// localStorage so that a reload (or a TV switched on again) shows the numbers at once.
import type { CLOSE_CODES, DisplayFrame, PING as PingText, PONG as PongText } from "../../../worker/protocol.ts";

// The protocol's values, typed against it: importing them would split a chunk off the waiter app's bundle.
const PING: typeof PingText = "ping";
const PONG: typeof PongText = "pong";
/** More display screens than the server keeps: this one, the oldest, gave way. */
const REPLACED: (typeof CLOSE_CODES)["replaced"] = 4002;

const SAVED_KEY = "mini-pos.display.frame";
const HEARTBEAT_MS = 15_000;
/** No frame and no pong for this long: the socket is dead even if it says open (a TV's WiFi gone quiet). */
const DEAD_AFTER_MS = 40_000;
/** How long a number that just became ready stands out. */
export const FRESH_MS = 15_000;

function loadSaved(): DisplayFrame | undefined {
  try {
    const frame = JSON.parse(localStorage.getItem(SAVED_KEY) ?? "null") as DisplayFrame | null;
    return frame?.type === "display" && Array.isArray(frame.ready) && Array.isArray(frame.preparing) ? frame : undefined;
  } catch {
    return undefined;
  }
}

export class DisplayFeed {
  /** The state shown: the last frame received (or kept from before a reload). */
  frame = $state.raw<DisplayFrame | undefined>(loadSaved());
  connected = $state(false);
  /** Numbers that became ready while this page watched, for FRESH_MS. */
  fresh = $state.raw<ReadonlySet<number>>(new Set());
  #onReady: (numbers: number[]) => void;
  #ws: WebSocket | undefined;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  /** The server answers pings on this socket: only then does silence mean a dead link. */
  #pongs = false;
  /** The first frame of a connection is taken whatever its seq (the server may have restarted). */
  #firstOfConnection = true;

  /** `onReady`: numbers that became ready since the frame shown before (not those of a first load). */
  constructor(onReady: (numbers: number[]) => void) {
    this.#onReady = onReady;
  }

  open(): void {
    clearTimeout(this.#retry);
    if (this.#ws && this.#ws.readyState <= WebSocket.OPEN) return;
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/display/stream`);
    this.#ws = ws;
    this.#firstOfConnection = true;
    this.#pongs = false;
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
      this.#ws = undefined;
      this.connected = false;
      clearInterval(this.#heartbeat);
      // Pushed out by a newer screen: coming back on its own would push out another, and so on.
      // It waits for a tap or the network coming back (resume).
      if (event.code === REPLACED) return;
      // 0.5 s, 1 s, 2 s … up to 10 s, spread so that several screens do not come back at once.
      const delay = Math.min(10_000, 500 * 2 ** this.#attempt++) * (0.75 + Math.random() * 0.5);
      this.#retry = setTimeout(() => this.open(), delay);
    };
  }

  /** Connects now when no socket is open or opening (the network is back, a tap on a screen that gave way). */
  resume = (): void => {
    if (this.#ws) return;
    this.#attempt = 0;
    this.open();
  };

  /** Drops the socket and connects again at once (a socket gone silent). */
  reconnect(): void {
    const ws = this.#ws;
    this.#ws = undefined;
    this.connected = false;
    clearInterval(this.#heartbeat);
    ws?.close();
    this.#attempt = 0;
    this.open();
  }

  #beat() {
    if (this.#pongs && Date.now() - this.#lastHeard > DEAD_AFTER_MS) return this.reconnect();
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(PING);
  }

  #receive(text: string) {
    this.#lastHeard = Date.now();
    if (text === PONG) {
      this.#pongs = true;
      return;
    }
    let frame: DisplayFrame;
    try {
      frame = JSON.parse(text) as DisplayFrame;
    } catch {
      return;
    }
    if (frame.type !== "display") return;
    const shown = this.frame;
    if (shown && !this.#firstOfConnection && frame.seq < shown.seq) return;
    this.#firstOfConnection = false;
    this.frame = frame;
    try {
      localStorage.setItem(SAVED_KEY, JSON.stringify(frame));
    } catch {
      // Storage full or refused: the display still works, a reload just starts empty.
    }
    if (!shown) return;
    const before = new Set(shown.ready);
    const newlyReady = frame.ready.filter((n) => !before.has(n));
    if (!newlyReady.length) return;
    this.fresh = new Set([...this.fresh, ...newlyReady]);
    setTimeout(() => (this.fresh = new Set([...this.fresh].filter((n) => !newlyReady.includes(n)))), FRESH_MS);
    this.#onReady(newlyReady);
  }
}
