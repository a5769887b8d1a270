// Printer states as the screens get them (PrinterStatus): the sender's view of each printer (kept
// in the coordinator's memory: after a restart a printer is "unknown" until the next send) with the
// number of jobs still waiting for it, counted from D1.
import type { EventConfig } from "../config/schema.ts";
import type { PrintJob, PrinterStatus } from "../protocol.ts";
import { stationsOf } from "./printers.ts";

export type PrinterState = PrinterStatus["state"];

/** What a command asks of the sender: a printer's state, and to send a printer's new jobs after the commit. */
export interface PrintHost {
  state(printer: string): { state: PrinterState; since: number };
  /** Starts sending these printers' waiting jobs (never awaited: printing must not delay a command). */
  kick(printers: Iterable<string>): void;
}

const waitingStates = new Set(["waiting", "sending"]);

/** The statuses of these printers after jobs changed from `before` to `after` (counts: waiting per printer before the change). */
export function statusesAfter(config: EventConfig, host: PrintHost, printers: Iterable<string>, counts: Map<string, number>, changes: { before: PrintJob | undefined; after: PrintJob }[]): PrinterStatus[] {
  const waiting = new Map(counts);
  for (const { before, after } of changes) {
    if (before && waitingStates.has(before.state)) waiting.set(before.printer, (waiting.get(before.printer) ?? 0) - 1);
    if (waitingStates.has(after.state)) waiting.set(after.printer, (waiting.get(after.printer) ?? 0) + 1);
  }
  const ids = new Set([...printers, ...changes.map((c) => c.after.printer)]);
  return [...ids].flatMap((id) => {
    const p = config.printers.find((x) => x.id === id);
    if (!p) return [];
    const { state, since } = host.state(id);
    return [{ id, name: p.name, state, waiting: Math.max(0, waiting.get(id) ?? 0), since, stations: stationsOf(config, id) }];
  });
}
