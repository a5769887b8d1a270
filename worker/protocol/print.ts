// Printing on ESC/POS printers (issue 21): what a print job is, the documents it prints, and how
// its state reaches the screens. Shared by the worker (which stores jobs, renders and sends them)
// and the pages (station screens and /admin show printer state, the pay sheet asks for receipts).
// A job stores its document, not its bytes: a reprint renders the same layout again, and the same
// layout draws the previews (docs/screenshots) and the receipt page.

/** What one printed slip is. */
export type PrintKind = "ticket" | "bon" | "void" | "receipt";

/**
 * A job's life: `waiting` (stored, not yet sent, or the printer was unreachable), `sending` (stored
 * before the first byte goes out), `printed` (the printer took every byte), `unsure` (a restart cut
 * a send short: whether it printed is unknown, so it is never sent again by itself; a person reprints
 * or dismisses it), `stale` (waited longer than `printing.max_age_minutes`: printed late only when
 * someone asks), `cancelled` (by a station or the admin).
 */
export type PrintJobState = "waiting" | "sending" | "printed" | "unsure" | "stale" | "cancelled";

/** One line as a kitchen ticket or Bon prints it. */
export interface PrintLine {
  qty: number;
  name: string;
  options: string[];
  note: string;
}

/** What every slip of a station shows at its top: which station, where it goes, whose, when. */
export interface SlipHeader {
  /** The station's display name, e.g. "Küche". */
  station: string;
  /** Where it goes: a table name (or a counter's name, issue 22). */
  table: string;
  /** A table order's number (issue 22), printed under the table; absent on counter orders (their `number` is printed large) and on orders from before numbers. */
  tableNumber?: number;
  /** The last characters of the order id, so a slip can be matched with the screen. */
  orderRef: string;
  waiter: string;
  /** Epoch ms of the order (of the Storno, on a void slip). */
  at: number;
}

/** A station's part of an order (or, for `reprint`, the same after a move or on request). */
export interface TicketDocument extends SlipHeader {
  kind: "ticket";
  /** The order's short number where orders have one (issue 22); otherwise absent. */
  number?: number;
  lines: PrintLine[];
  /** Set on a reprint: "Nachdruck", or the table the ticket was moved from ("von Tisch A3"). */
  reprint?: { reason: "request" | "moved"; from?: string };
}

/** One unit of one item: the festival Bon a guest hands in at the bar (`stations[].print: "items"`). */
export interface BonDocument extends SlipHeader {
  kind: "bon";
  number?: number;
  /** qty is always 1 on a Bon. */
  line: PrintLine;
  /** "1/3": which of the order's Bons at this station this is. */
  index: number;
  of: number;
}

/** A Storno slip at the station that prepares the item. */
export interface VoidDocument extends SlipHeader {
  kind: "void";
  /** The order's number for a counter order (issue 22), printed large as on its ticket. */
  number?: number;
  lines: PrintLine[];
}

/** A guest receipt for one payment. Money in integer cents. */
export interface ReceiptDocument {
  kind: "receipt";
  /** From config `venue`: name and address lines. */
  venue: { name: string; lines: string[] };
  /** The payment's receipt number, e.g. "2026-0042" (stable: a reprint shows the same). */
  receiptNo: string;
  paymentId: string;
  at: number;
  table: string;
  waiter: string;
  currency: string;
  lines: { qty: number; name: string; unitCents: number; totalCents: number }[];
  depositCents: number;
  depositReturnCents: number;
  tipCents: number;
  totalCents: number;
  method: string;
  /** Bewirtungsbeleg: adds the lines a guest fills in (occasion, guests, place, date, signature). */
  business: boolean;
}

export type PrintDocument = TicketDocument | BonDocument | VoidDocument | ReceiptDocument;

/** A print job as the API and the stream show it. */
export interface PrintJob {
  id: string;
  /** The printer it was meant for (config `printers[].id`). */
  printer: string;
  /** The printer that printed it, when a fallback took over. */
  printedBy: string | null;
  kind: PrintKind;
  state: PrintJobState;
  createdAt: number;
  printedAt: number | null;
  attempts: number;
  /** The last failure in words ("keine Verbindung", "Papier leer"), null after success. */
  lastError: string | null;
  orderId: string | null;
  ticketId: string | null;
  paymentId: string | null;
  /** A short title for lists: "Küche · Tisch A3 · 3 Positionen". */
  title: string;
}

/** A printer's state as the screens show it. */
export interface PrinterStatus {
  id: string;
  name: string;
  /** `ok`: last send succeeded; `offline`: unreachable; `paper_out` / `cover_open` from DLE EOT. */
  state: "ok" | "offline" | "paper_out" | "cover_open" | "unknown";
  /** Jobs still waiting for it. */
  waiting: number;
  /** Epoch ms of the last state change. */
  since: number;
  /** The stations whose tickets print here (config stations[].printer): a station's screen gets its printer's state only. */
  stations: string[];
}

/** The stream frame for screens: jobs and printers whose state changed (stations get their printer's only). */
export interface PrintChangedFrame {
  type: "print.changed";
  seq: number;
  jobs: PrintJob[];
  printers: PrinterStatus[];
}

/** POST /print-jobs/:id/reprint and POST /tickets/:ticketId/print: the new job's id (a UUID the screen made). */
export interface PrintRequestBody {
  id: string;
}
/** POST /payments/:paymentId/receipt. */
export interface ReceiptRequestBody {
  id: string;
  /** A Bewirtungsbeleg (with the lines a guest fills in). */
  business: boolean;
}
