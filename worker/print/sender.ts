// Sending one job's bytes to one network printer (ESC/POS over raw TCP, port 9100) with connect()
// from cloudflare:sockets. The printer is asked how it is (DLE EOT 1, 2, 4) before the job: one that
// answers paper out or cover open gets nothing, so the job waits instead of vanishing into a printer
// that cannot print. A printer that answers is asked again after the job: its answer comes only
// after it has received every byte before it (TCP keeps order), so that is the receipt; a connection
// that drops mid-job gets no answer and the job waits to be sent again whole. A printer that never
// answers (many cheap ones ignore status requests) is sent to anyway, unless it answered before
// (then silence means it hangs). Every step has a timeout, so a printer that stalls costs its
// queue seconds, never an order (nothing here is awaited on an order's path).
import { connect } from "cloudflare:sockets";
import { parseStatusReply, statusRequest } from "./layout/index.ts";

export const SEND_LIMITS = {
  connectMs: 3_000,
  statusMs: 800,
  /** The answer after the job: the printer may be busy taking a long receipt. */
  receiptMs: 3_000,
  writeMs: 10_000,
};

export type SendResult =
  | { ok: true; answersStatus: boolean }
  | { ok: false; state: "offline" | "paper_out" | "cover_open"; error: string; answersStatus: boolean };

class Timeout extends Error {}

function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout(what)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The conversation with one printer: bytes out, status answers in. */
class Conversation {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly got: number[] = [];
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private closed = false;

  constructor(socket: Socket) {
    this.writer = socket.writable.getWriter();
    this.reader = socket.readable.getReader();
  }

  write(bytes: Uint8Array): Promise<void> {
    return within(SEND_LIMITS.writeMs, this.writer.write(bytes), "write");
  }

  /** Asks DLE EOT 1, 2, 4; the three answer bytes, or undefined when none came in time (or the line closed). */
  async status(ms: number): Promise<Uint8Array | undefined> {
    this.got.length = 0;
    await this.write(statusRequest());
    const deadline = Date.now() + ms;
    while (this.got.length < 3 && !this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      // A read that timed out stays pending; the next wait takes it up rather than losing its bytes.
      this.pending ??= this.reader.read();
      try {
        const { value, done } = await within(left, this.pending, "status");
        this.pending = undefined;
        if (done) this.closed = true;
        else this.got.push(...value);
      } catch (error) {
        if (error instanceof Timeout) return undefined;
        throw error;
      }
    }
    return this.got.length >= 3 ? Uint8Array.from(this.got.slice(0, 3)) : undefined;
  }

  async finish(): Promise<void> {
    await within(SEND_LIMITS.writeMs, this.writer.close(), "close");
  }
}

const failed = (state: "offline" | "paper_out" | "cover_open", error: string, answersStatus: boolean): SendResult => ({ ok: false, state, error, answersStatus });

/** Sends `bytes` to host:port. `answeredBefore`: the printer answered status requests before. */
export async function sendToPrinter(host: string, port: number, bytes: Uint8Array, answeredBefore: boolean): Promise<SendResult> {
  let socket: Socket | undefined;
  try {
    socket = connect({ hostname: host, port });
    try {
      await within(SEND_LIMITS.connectMs, socket.opened, "connect");
    } catch (error) {
      return failed("offline", error instanceof Timeout ? "keine Antwort (Zeitüberschreitung)" : "keine Verbindung", answeredBefore);
    }
    const line = new Conversation(socket);
    const before = await line.status(SEND_LIMITS.statusMs);
    const answersStatus = before !== undefined;
    if (before) {
      const condition = parseStatusReply(before);
      if (condition === "paper_out") return failed("paper_out", "Papier leer", true);
      if (condition === "cover_open") return failed("cover_open", "Deckel offen", true);
      if (condition === "offline") return failed("offline", "Drucker meldet offline", true);
    } else if (answeredBefore) {
      return failed("offline", "antwortet nicht", true);
    }
    await line.write(bytes);
    if (answersStatus && !(await line.status(SEND_LIMITS.receiptMs))) return failed("offline", "Verbindung während des Drucks abgebrochen", true);
    await line.finish();
    return { ok: true, answersStatus };
  } catch (error) {
    return failed("offline", error instanceof Timeout ? "hängt (Zeitüberschreitung beim Senden)" : "Verbindung abgebrochen", answeredBefore);
  } finally {
    socket?.close().catch(() => {});
  }
}
