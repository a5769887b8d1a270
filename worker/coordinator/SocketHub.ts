// The event's WebSockets (hibernation API): accepting, the first sync, broadcasting and client frames.
// Each socket's identity lives in its attachment so that it survives the object's hibernation.
import { clientFrameSchema, MAX_BODY_BYTES, PING, PONG, type ClientFrame, type ErrorFrame, type Role, type ServerFrame } from "../protocol.ts";
import { issuePath } from "../config/schema.ts";
import type { Failure } from "../errors.ts";

export interface SocketAttachment {
  role: Role;
  name: string;
  station?: string;
  /** False until the socket has had its snapshot or catch-up; broadcasts skip it until then. */
  ready: boolean;
}

/** What the worker tells the coordinator about a socket it has authenticated. */
export const STREAM_HEADERS = { role: "x-mini-pos-role", name: "x-mini-pos-name", station: "x-mini-pos-station", since: "x-mini-pos-since" } as const;

interface Handlers {
  onFrame(attachment: SocketAttachment, frame: ClientFrame): Promise<{ seq: number | null } | Failure>;
  sync(ws: WebSocket, since: number | undefined): Promise<void>;
}

export class SocketHub {
  /** A client more than this many changes behind gets a fresh snapshot instead of the changes. */
  static readonly RESUME_LIMIT = 1000;

  private readonly ctx: DurableObjectState;
  private readonly handlers: Handlers;
  /** Sockets known to be ready, so a broadcast need not deserialize every attachment (lost on hibernation; then read again). */
  private readonly ready = new WeakSet<WebSocket>();

  constructor(ctx: DurableObjectState, handlers: Handlers) {
    this.ctx = ctx;
    this.handlers = handlers;
    // Heartbeats are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  accept(request: Request): Response {
    const role = request.headers.get(STREAM_HEADERS.role) as Role | null;
    const name = request.headers.get(STREAM_HEADERS.name);
    if (request.headers.get("Upgrade") !== "websocket" || !role || !name) return new Response("expected a WebSocket upgrade", { status: 426 });
    const station = request.headers.get(STREAM_HEADERS.station) ?? undefined;
    const sinceHeader = request.headers.get(STREAM_HEADERS.since);
    const { 0: client, 1: server } = new WebSocketPair();
    const tags = station ? [role, `station:${station}`] : [role];
    this.ctx.acceptWebSocket(server, tags);
    server.serializeAttachment({ role, name: decodeURIComponent(name), station, ready: false } satisfies SocketAttachment);
    this.ctx.waitUntil(this.handlers.sync(server, sinceHeader === null ? undefined : Number(sinceHeader)).catch((error) => {
      console.error("EventCoordinator sync failed", error);
      this.closeQuietly(server, 1011, "sync failed");
    }));
    return new Response(null, { status: 101, webSocket: client });
  }

  markReady(ws: WebSocket, frames: string[]): void {
    try {
      for (const frame of frames) ws.send(frame);
      const attachment = ws.deserializeAttachment() as SocketAttachment;
      ws.serializeAttachment({ ...attachment, ready: true });
      this.ready.add(ws);
    } catch {
      this.closeQuietly(ws, 1011, "send failed");
    }
  }

  broadcast(frame: ServerFrame): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      if (!this.ready.has(ws)) {
        const attachment = ws.deserializeAttachment() as SocketAttachment | null;
        if (!attachment?.ready) continue;
        this.ready.add(ws);
      }
      try {
        ws.send(text);
      } catch {
        // A dead socket must not stop the others from getting the change.
        this.closeQuietly(ws, 1011, "send failed");
      }
    }
  }

  async message(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const attachment = ws.deserializeAttachment() as SocketAttachment;
    if (typeof message !== "string") return this.sendError(ws, undefined, "frames must be JSON text", "");
    if (message.length > MAX_BODY_BYTES) return this.closeQuietly(ws, 1009, "frame too large");
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return this.sendError(ws, undefined, "the frame is not valid JSON", "");
    }
    const parsed = clientFrameSchema.safeParse(raw);
    const ref = raw && typeof raw === "object" && typeof (raw as { ref?: unknown }).ref === "string" ? String((raw as { ref: string }).ref).slice(0, 64) : undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return this.sendError(ws, ref, issue.message, issuePath(issue));
    }
    try {
      const result = await this.handlers.onFrame(attachment, parsed.data);
      if ("ok" in result) this.send(ws, { type: "error", ref, error: result.error });
      else if (ref) this.send(ws, { type: "ack", ref, seq: result.seq });
    } catch (error) {
      console.error(`EventCoordinator ${parsed.data.type} failed`, error);
      this.send(ws, { type: "error", ref, error: { code: "INTERNAL", message: "the server could not do this; try again", path: "" } });
    }
  }

  close(ws: WebSocket, code: number): void {
    // 1005/1006 are reserved and cannot be sent back (STACK-NOTES §4).
    this.closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, "closing");
  }

  private sendError(ws: WebSocket, ref: string | undefined, message: string, path: string): void {
    this.send(ws, { type: "error", ref, error: { code: "INVALID_INPUT", message, path } } satisfies ErrorFrame);
  }

  private send(ws: WebSocket, frame: ServerFrame): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      this.closeQuietly(ws, 1011, "send failed");
    }
  }

  private closeQuietly(ws: WebSocket, code: number, reason: string): void {
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }
}
