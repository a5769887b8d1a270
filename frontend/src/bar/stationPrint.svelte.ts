// What a station screen shows of printing (issue 21): the banner while its printer is not ok,
// whether a ticket printed, and "Nachdrucken" for one ticket (POST /tickets/:id/print with a new
// job id per tap; a second tap while the first runs is dropped). The printers and jobs are the
// BarLive's PrintState, kept up to date by the stream's print.changed frames.
import type { PrinterStatus, Ticket } from "../../../worker/protocol.ts";
import { PendingRequests } from "../lib/pendingRequests.svelte.ts";
import { printerTrouble, printTicket, type PrintState } from "../lib/printState.svelte.ts";
import { newUuid } from "../lib/uuid.ts";

export class StationPrinting {
  readonly #print: PrintState;
  readonly #station: string | undefined;
  readonly #pending = new PendingRequests();

  /** `station` undefined: every station on one screen (/bar/all). */
  constructor(print: PrintState, station: string | undefined) {
    this.#print = print;
    this.#station = station;
  }

  /** The printers this screen prints on (its station's, or every station's on /bar/all). */
  #mine = $derived.by(() => this.#print.printers.filter((p) => !this.#station || p.stations.includes(this.#station)));

  /** Printers that need someone now, for the banner. */
  get trouble(): PrinterStatus[] {
    return this.#mine.filter(printerTrouble);
  }

  /** The ticket's station prints: offer a reprint. */
  canPrint(ticket: Ticket): boolean {
    return this.#print.printers.some((p) => p.stations.includes(ticket.station));
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
