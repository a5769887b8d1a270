// Sending one job's bytes to one network printer (ESC/POS over raw TCP, port 9100) with connect()
// from cloudflare:sockets. First the printer is asked how it is (DLE EOT): one that answers paper
// out or cover open gets nothing, so the job waits instead of vanishing into a printer that cannot
// print; one that never answers is sent to anyway (many cheap printers ignore status requests),
// unless it answered before (then silence means it hangs). Every step has a timeout, so a printer
// that stalls costs its queue a few seconds, never an order (nothing here is awaited on its path).
import { connect } from "cloudflare:sockets";
import { parseStatusReply, statusRequest } from "./layout/index.ts";

export const SEND_LIMITS = {
  connectMs: 3_000,
  statusMs: 800,
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

/** The printer's answer to DLE EOT 1, 2, 4 (three bytes), or undefined when it says nothing in time. */
async function readStatus(socket: Socket, writer: WritableStreamDefaultWriter<Uint8Array>): Promise<Uint8Array | undefined> {
  const reader = socket.readable.getReader();
  const got: number[] = [];
  try {
    await writer.write(statusRequest());
    await within(
      SEND_LIMITS.statusMs,
      (async () => {
        while (got.length < 3) {
          const { value, done } = await reader.read();
          if (done) break;
          got.push(...value);
        }
      })(),
      "status",
    );
    return got.length >= 3 ? Uint8Array.from(got.slice(0, 3)) : undefined;
  } catch (error) {
    if (error instanceof Timeout) return undefined;
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** Sends `bytes` to host:port. `answeredBefore`: the printer answered status requests before. */
export async function sendToPrinter(host: string, port: number, bytes: Uint8Array, answeredBefore: boolean): Promise<SendResult> {
  let socket: Socket | undefined;
  try {
    socket = connect({ hostname: host, port });
    try {
      await within(SEND_LIMITS.connectMs, socket.opened, "connect");
    } catch (error) {
      return { ok: false, state: "offline", error: error instanceof Timeout ? "keine Antwort (Zeitüberschreitung)" : "keine Verbindung", answersStatus: answeredBefore };
    }
    const writer = socket.writable.getWriter();
    const reply = await readStatus(socket, writer);
    const answersStatus = reply !== undefined;
    if (reply) {
      const condition = parseStatusReply(reply);
      if (condition === "paper_out") return { ok: false, state: "paper_out", error: "Papier leer", answersStatus };
      if (condition === "cover_open") return { ok: false, state: "cover_open", error: "Deckel offen", answersStatus };
      if (condition === "offline") return { ok: false, state: "offline", error: "Drucker meldet offline", answersStatus };
    } else if (answeredBefore) {
      return { ok: false, state: "offline", error: "antwortet nicht", answersStatus: true };
    }
    await within(SEND_LIMITS.writeMs, (async () => {
      await writer.write(bytes);
      await writer.close();
    })(), "write");
    return { ok: true, answersStatus };
  } catch (error) {
    return { ok: false, state: "offline", error: error instanceof Timeout ? "hängt (Zeitüberschreitung beim Senden)" : "Verbindung abgebrochen", answersStatus: answeredBefore };
  } finally {
    socket?.close().catch(() => {});
  }
}
