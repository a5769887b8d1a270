// The kitchen ticket and the Storno slip: what a cook reads from a metre away. Table (or order
// number) and quantities in large type, product names in tall type, options bold, notes white on
// black, then who ordered, when (the venue's local time) and the order's reference.
import type { PrintLine, TicketDocument, VoidDocument } from "../../protocol/print.ts";
import { formatTime } from "./format.ts";
import type { Slip } from "./slip.ts";
import type { SlipStrings } from "./strings.ts";

export interface SlipContext {
  t: SlipStrings;
  timeZone: string;
}

/** "Tisch A3" in large type and the order's number under it; a counter order's number is large and its desk follows. */
export function placeHeader(slip: Slip, doc: { table: string; number?: number; tableNumber?: number }, t: SlipStrings): void {
  if (doc.number !== undefined) {
    slip.center(`${t.number} ${doc.number}`, { size: "large", bold: true });
    slip.center(doc.table, { bold: true });
  } else {
    slip.center(`${t.table} ${doc.table}`, { size: "large", bold: true });
    if (doc.tableNumber) slip.center(`${t.number} ${doc.tableNumber}`, { bold: true });
  }
}

/** Waiter and time on one line, the order's reference under it. */
export function whoAndWhen(slip: Slip, doc: { waiter: string; at: number; orderRef: string }, c: SlipContext): void {
  slip.pair(`${c.t.waiter}: ${doc.waiter}`, formatTime(doc.at, c.timeZone));
  slip.text(`${c.t.order} #${doc.orderRef}`);
}

/** Options bold and the note inverted, under the product, indented as far as `indent`. */
export function extras(slip: Slip, line: PrintLine, indent: number): void {
  for (const option of line.options) slip.text(`+ ${option}`, { bold: true }, indent);
  if (line.note.trim() !== "") slip.text(`! ${line.note}`, { invert: true, bold: true }, indent);
}

export function itemLines(slip: Slip, lines: PrintLine[]): void {
  for (const line of lines) {
    slip.hanging(`${line.qty} × `, { size: "large", bold: true }, line.name, { size: "tall", bold: true });
    extras(slip, line, 4);
  }
}

export function layoutTicket(slip: Slip, doc: TicketDocument, c: SlipContext): void {
  slip.center(doc.station, { size: "tall", bold: true });
  if (doc.reprint) {
    slip.center(c.t.reprint, { size: "tall", invert: true, bold: true });
    if (doc.reprint.from !== undefined) slip.center(c.t.movedFrom.replace("{from}", doc.reprint.from), { bold: true });
  }
  placeHeader(slip, doc, c.t);
  whoAndWhen(slip, doc, c);
  slip.rule();
  itemLines(slip, doc.lines);
  slip.rule();
}

export function layoutVoid(slip: Slip, doc: VoidDocument, c: SlipContext): void {
  slip.center(c.t.storno, { size: "large", invert: true, bold: true });
  slip.center(doc.station, { size: "tall", bold: true });
  placeHeader(slip, doc, c.t);
  whoAndWhen(slip, doc, c);
  slip.rule("=");
  itemLines(slip, doc.lines);
  slip.rule("=");
  slip.center(c.t.storno, { size: "large", invert: true, bold: true });
}
