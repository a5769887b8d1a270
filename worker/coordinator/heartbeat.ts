// The server's heartbeat and all a client sends over its socket: a ping with a fresh nonce to every
// ready socket, the pong that answers it, and the closing of sockets that stopped answering. Frames
// are read within the rate limit; anything but a pong gets an error frame (every change goes over
// HTTP). The hub (SocketHub.ts) sends and closes for it, so one socket's failure stays its own.
import { CLOSE_CODES, MAX_BODY_BYTES, STREAM_LIMITS, type ServerFrame } from "../protocol.ts";
import { clientFrameSchema, issuePath } from "../schemas.ts";
import { TokenBucket } from "../lib/tokenBucket.ts";
import type { SocketAttachment } from "./SocketHub.ts";

/** How the heartbeat reaches a socket: the hub's send and close, which contain their own failures. */
export interface SocketOutput {
  send(ws: WebSocket, frame: ServerFrame): void;
  close(ws: WebSocket, code: number, reason: string): void;
}

export class Heartbeat {
  private readonly out: SocketOutput;
  private readonly buckets = new WeakMap<WebSocket, TokenBucket>();

  constructor(out: SocketOutput) {
    this.out = out;
  }

  /** A client frame: only a pong is read; anything else gets an error frame INVALID_INPUT. */
  read(ws: WebSocket, message: string | ArrayBuffer): void {
    const now = Date.now();
    let bucket = this.buckets.get(ws);
    if (!bucket) this.buckets.set(ws, (bucket = new TokenBucket(STREAM_LIMITS.frameBurst, STREAM_LIMITS.framesPerSecond, now)));
    if (!bucket.take(now)) {
      if (bucket.refusedLately >= STREAM_LIMITS.floodCloseAfter) return this.out.close(ws, 1008, "too many frames: slow down");
      return this.out.send(ws, { type: "error", error: { code: "RATE_LIMITED", message: `too many frames: at most ${STREAM_LIMITS.framesPerSecond} a second`, path: "" } });
    }
    if (typeof message !== "string") return this.refuse(ws, "frames must be JSON text", "");
    if (message.length > MAX_BODY_BYTES) return this.out.close(ws, 1009, "frame too large");
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return this.refuse(ws, "the frame is not valid JSON", "");
    }
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return this.refuse(ws, issue.message, issuePath(issue));
    }
    // Only a client that read the ping knows its nonce; an old or made-up one counts for nothing.
    const attachment = ws.deserializeAttachment() as SocketAttachment;
    if (parsed.data.nonce === attachment.nonce) ws.serializeAttachment({ ...attachment, missed: 0, nonce: undefined });
  }

  /**
   * Pings every ready socket with a fresh nonce and closes those that left the last pings
   * unanswered. Returns how many sockets are still open (the alarm is set again while there are).
   */
  ping(sockets: WebSocket[]): number {
    let left = 0;
    for (const ws of sockets) {
      const attachment = ws.deserializeAttachment() as SocketAttachment;
      if (!attachment.ready) {
        left++;
        continue;
      }
      if (attachment.missed >= STREAM_LIMITS.missedPings) {
        this.out.close(ws, CLOSE_CODES.noPong, "did not answer the server's pings");
        continue;
      }
      const nonce = crypto.randomUUID();
      ws.serializeAttachment({ ...attachment, nonce, missed: attachment.missed + 1 });
      this.out.send(ws, { type: "ping", nonce });
      left++;
    }
    return left;
  }

  private refuse(ws: WebSocket, message: string, path: string): void {
    this.out.send(ws, { type: "error", error: { code: "INVALID_INPUT", message, path } });
  }
}
