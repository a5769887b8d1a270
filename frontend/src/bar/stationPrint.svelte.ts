// What a station screen shows of printing (issue 21): the banner while its printer is not ok,
// whether a ticket printed, and "Nachdrucken" for one ticket (POST /tickets/:id/print with a new
// job id per tap; a second tap while the first runs is dropped). The printers and jobs are the
// BarLive's PrintState, kept up to date by the stream's print.changed frames.
import type { EventInfo, Ticket } from "../../../worker/protocol.ts";
import type { PrinterStatus } from "../../../worker/protocol/print.ts";
import { PendingRequests } from "../lib/pendingRequests.svelte.ts";
import { printerTrouble, printTicket, type PrintState } from "../lib/printState.svelte.ts";
import { newUuid } from "../lib/uuid.ts";

export class StationPrinting {
  readonly #print: PrintState;
  readonly #event: () => EventInfo;
  readonly #station: string | undefined;
  readonly #pending = new PendingRequests();

  /** `station` undefined: every station on one screen (/bar/all). */
  constructor(print: PrintState, event: () => EventInfo, station: string | undefined) {
    this.#print = print;
    this.#event = event;
    this.#station = station;
  }

  /** The printers this screen prints on (its station's, or every station's on /bar/all). */
  #mine = $derived.by(() => {
    const stations = this.#event().stations.filter((s) => !this.#station || s.id === this.#station);
    const ids = new Set(stations.map((s) => s.printer).filter((p): p is string => !!p));
    // A server that does not name stations' printers: the printers it lets this screen see.
    const told = this.#event().stations.some((s) => s.printer !== undefined);
    return this.#print.printers.filter((p) => !told || ids.has(p.id));
  });

  /** Printers that need someone now, for the banner. */
  get trouble(): PrinterStatus[] {
    return this.#mine.filter(printerTrouble);
  }

  /** The ticket's station prints: offer a reprint. */
  canPrint(ticket: Ticket): boolean {
    const station = this.#event().stations.find((s) => s.id === ticket.station);
    if (station?.printer) return true;
    return this.#event().stations.every((s) => s.printer === undefined) && this.#mine.length > 0;
  }

  printed(ticket: Ticket): boolean {
    return this.#print.printed(ticket);
  }

  busy(ticket: Ticket): boolean {
    return this.#pending.keys.has(ticket.id);
  }

  /** Prints the ticket again at its station's printer. */
  async reprint(ticket: Ticket): Promise<void> {
    await this.#pending.run(ticket.id, async () => {
      const { job } = await printTicket(ticket.id, newUuid());
      this.#print.noteJob(job);
    });
  }
}
