// Asking the printer how it is (DLE EOT n, real-time status): n=1 the printer (offline?), n=2 why
// it is offline (cover open, stopped at paper end, error), n=4 the paper roll sensor. Each request
// is answered by one byte, even while the printer is offline, so a queue can ask before it sends.
import type { PrinterStatus } from "../../protocol/print.ts";

export type StatusQuery = 1 | 2 | 4;
/** What one status byte says, in the states the screens show. */
export type PrinterCondition = Extract<PrinterStatus["state"], "ok" | "paper_out" | "cover_open" | "offline" | "unknown">;

export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 4];

/** DLE EOT n for one query, or (without n) the three queries in a row, answered by three bytes in the same order. */
export function statusRequest(n?: StatusQuery): Uint8Array {
  const queries = n === undefined ? STATUS_QUERIES : [n];
  return Uint8Array.from(queries.flatMap((q) => [0x10, 0x04, q]));
}

/**
 * Reads one status byte. Every answer has bits 1 and 4 set and bits 0 and 7 clear; a byte
 * that does not is not a status answer ("unknown").
 */
export function parseStatus(byte: number, n: StatusQuery): PrinterCondition {
  if ((byte & 0x93) !== 0x12) return "unknown";
  if (n === 1) return byte & 0x08 ? "offline" : "ok";
  if (n === 2) {
    if (byte & 0x04) return "cover_open";
    if (byte & 0x20) return "paper_out";
    return byte & 0x40 ? "offline" : "ok";
  }
  return (byte & 0x60) === 0x60 ? "paper_out" : "ok";
}

/** The three answers to statusRequest(): the most pressing condition (cover, then paper, then offline). */
export function parseStatusReply(reply: Uint8Array): PrinterCondition {
  if (reply.length < STATUS_QUERIES.length) return "unknown";
  const found = STATUS_QUERIES.map((n, i) => parseStatus(reply[i]!, n));
  for (const state of ["unknown", "cover_open", "paper_out", "offline"] as const) if (found.includes(state)) return state;
  return "ok";
}
