// The festival Bon: one slip per unit of an item, which the guest hands in at the counter. The
// item is what matters, so it is large; "1/3" says which of the order's Bons at this station it is.
import type { BonDocument } from "../../protocol/print.ts";
import { formatTime } from "./format.ts";
import type { Slip } from "./slip.ts";
import { extras, type SlipContext } from "./ticket.ts";

export function layoutBon(slip: Slip, doc: BonDocument, c: SlipContext): void {
  slip.center(doc.station, { size: "tall", bold: true });
  slip.rule();
  slip.center(doc.line.name, { size: "large", bold: true });
  extras(slip, doc.line, 0);
  slip.rule();
  const place = doc.number !== undefined ? `${c.t.number} ${doc.number} · ${doc.table}` : `${c.t.table} ${doc.table}${doc.tableNumber ? ` · ${c.t.number} ${doc.tableNumber}` : ""}`;
  slip.pair(place, `${doc.index}/${doc.of}`, { size: "tall", bold: true });
  slip.pair(`${c.t.waiter}: ${doc.waiter}`, formatTime(doc.at, c.timeZone));
  slip.text(`${c.t.order} #${doc.orderRef}`);
}
