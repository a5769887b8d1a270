// The harnesses' client of /api/v1/stream (loadClient.ts re-exports it): one socket that keeps the
// last seq it saw, counts gaps and reconnects with `since` as the app does, and a reader of every
// change frame by since-resumes. Loopback only.
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import type { ServerFrame } from "../../worker/protocol.ts";
import { assertLoopback } from "./loopback.ts";

export type Frame = ServerFrame & Record<string, any>;

/**
 * One /api/v1/stream socket. Keeps the last seq seen, counts gaps, and can reconnect with
 * `since` (the way the app does). `onFrame` gets every JSON frame with its arrival time and size.
 */
export class StreamClient {
  ws: WebSocket | undefined;
  lastSeq = -1;
  gaps = 0;
  frames = 0;
  snapshots = 0;
  firstFrameBytes = 0;
  firstFrameMs = 0;
  closedUnexpectedly = 0;
  /** `?view=` of the socket: "phone" as the phones and the admin pages ask, "tickets" as the pickup page does. */
  view: "phone" | "tickets" | undefined;
  private closing = false;

  readonly base: string;
  readonly cookie: string;
  readonly station: string | undefined;
  readonly onFrame: (frame: Frame, at: number, bytes: number, client: StreamClient) => void;

  constructor(base: string, cookie: string, station: string | undefined, onFrame: StreamClient["onFrame"] = () => {}) {
    this.base = base;
    this.cookie = cookie;
    this.station = station;
    this.onFrame = onFrame;
  }

  /** Opens the socket; resolves when it is open (and, without `since`, when the snapshot arrived). */
  connect(since?: number, timeoutMs = 30_000): Promise<void> {
    const params = new URLSearchParams();
    if (this.station) params.set("station", this.station);
    if (this.view) params.set("view", this.view);
    if (since !== undefined) params.set("since", String(since));
    const url = `${this.base.replace(/^http/, "ws")}/api/v1/stream${params.size ? `?${params}` : ""}`;
    assertLoopback(url.replace(/^ws/, "http"));
    this.closing = false;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie: this.cookie }, origin: new URL(url.replace(/^ws/, "http")).origin, perMessageDeflate: false, handshakeTimeout: timeoutMs });
      this.ws = ws;
      let first = true;
      const timer = setTimeout(() => {
        reject(new Error("stream: no snapshot in time"));
        ws.terminate();
      }, timeoutMs);
      ws.on("open", () => {
        if (since !== undefined) {
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on("message", (data: Buffer | string) => {
        if (this.ws !== ws) return; // a frame still in flight on the socket this client replaced
        const at = performance.now();
        const text = typeof data === "string" ? data : data.toString("utf8");
        const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.length;
        let frame: Frame;
        try {
          frame = JSON.parse(text) as Frame;
        } catch {
          return; // "pong"
        }
        if (frame.type === "ping") {
          // the server's liveness check: unanswered twice, it closes the socket (4003)
          ws.send(JSON.stringify({ type: "pong", nonce: (frame as { nonce?: string }).nonce }));
          return;
        }
        this.frames++;
        if (first) {
          first = false;
          this.firstFrameBytes = bytes;
          this.firstFrameMs = at - started;
        }
        if (frame.type === "snapshot") {
          this.snapshots++;
          this.lastSeq = frame.seq;
          clearTimeout(timer);
          resolve();
        } else if (typeof frame.seq === "number") {
          // A station socket skips other stations' frames: a frame names the seq it follows (`prev`).
          const follows = typeof frame.prev === "number" ? frame.prev : frame.seq - 1;
          if (this.lastSeq >= 0 && follows !== this.lastSeq) this.gaps++;
          this.lastSeq = frame.seq;
        }
        this.onFrame(frame, at, bytes, this);
      });
      ws.on("error", (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on("close", () => {
        if (this.ws === ws && !this.closing) this.closedUnexpectedly++;
      });
    });
  }

  close(): void {
    this.closing = true;
    try {
      this.ws?.close(1000, "bye");
    } catch {
      // already closed
    }
  }

  /** Closes and reconnects, resuming after the last seq seen. */
  async reconnect(): Promise<void> {
    this.close();
    await this.connect(this.lastSeq >= 0 ? this.lastSeq : undefined);
  }
}

/** Reads every change frame from seq 1 with since-resumes (the server replays at most 1000 per socket). */
export async function readAllChanges(base: string, cookie: string, upTo: number, timeoutMs = 60_000): Promise<Frame[]> {
  const frames: Frame[] = [];
  let since = 0;
  const deadline = performance.now() + timeoutMs;
  while (since < upTo && performance.now() < deadline) {
    const batch: Frame[] = [];
    const client = new StreamClient(base, cookie, undefined, (f) => {
      if (f.type !== "snapshot") batch.push(f);
    });
    await client.connect(since);
    const want = Math.min(1000, upTo - since);
    const until = performance.now() + 10_000;
    while (batch.length < want && performance.now() < until) await sleep(20);
    client.close();
    if (batch.some((f) => f.type === "snapshot") || batch.length === 0) break;
    frames.push(...batch.slice(0, want));
    since = frames[frames.length - 1]!.seq;
  }
  return frames;
}
