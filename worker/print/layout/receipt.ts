// The guest receipt for one payment: the venue, the receipt number, date and time, table and
// waiter, each line with quantity, unit price and line price, then deposit, deposits paid back, tip,
// the total and how it was paid. The Bewirtungsbeleg variant adds the lines a guest fills in.
import type { ReceiptDocument } from "../../protocol/print.ts";
import { isCounterBill } from "../../protocol/counter.ts";
import { formatCents, formatDate, formatTime } from "./format.ts";
import type { Slip } from "./slip.ts";
import type { SlipStrings } from "./strings.ts";
import type { SlipContext } from "./ticket.ts";

interface ReceiptContext extends SlipContext {
  language: "de" | "en";
}

export function layoutReceipt(slip: Slip, doc: ReceiptDocument, c: ReceiptContext): void {
  const money = (cents: number) => formatCents(cents, doc.currency, c.language);
  const { t } = c;
  slip.center(doc.venue.name, { size: "tall", bold: true });
  for (const line of doc.venue.lines) slip.center(line);
  slip.rule();
  slip.text(`${t.receiptNo} ${doc.receiptNo}`, { bold: true });
  // A counter order's bill (issue 22) is no table a guest knows: the date alone.
  const when = `${formatDate(doc.at, c.language, c.timeZone)} ${formatTime(doc.at, c.timeZone)}`;
  if (isCounterBill(doc.table)) slip.text(when);
  else slip.pair(when, `${t.table} ${doc.table}`);
  slip.text(`${t.waiter}: ${doc.waiter}`);
  slip.rule();
  for (const line of doc.lines) {
    slip.pair(`${line.qty} × ${line.name}`, money(line.totalCents), {}, `${line.qty} × `.length);
    if (line.qty !== 1) slip.text(`${t.each} ${money(line.unitCents)}`, {}, 4);
  }
  slip.rule();
  const extras: [string, number][] = [
    [t.deposit, doc.depositCents],
    [t.depositReturn, -Math.abs(doc.depositReturnCents)],
    [t.tip, doc.tipCents],
  ];
  if (extras.some(([, cents]) => cents !== 0)) {
    slip.pair(t.goods, money(doc.lines.reduce((sum, l) => sum + l.totalCents, 0)));
    for (const [label, cents] of extras) if (cents !== 0) slip.pair(label, money(cents));
    slip.rule();
  }
  slip.pair(t.total, money(doc.totalCents), { size: "tall", bold: true });
  slip.text(`${t.paidBy}: ${t.methods[doc.method] ?? doc.method}`);
  if (doc.business) businessLines(slip, t);
  else slip.blank().center(t.thanks);
}

/** The Bewirtungsbeleg part: the law it serves, then lines to write on. */
function businessLines(slip: Slip, t: SlipStrings): void {
  slip.rule("=").center(t.business, { bold: true, invert: true }).text(t.businessLaw);
  for (const label of [t.persons, t.occasion]) {
    slip.blank().text(label, { bold: true }).blank().rule("_").blank().rule("_");
  }
  for (const label of [t.placeDate, t.signature]) slip.blank().text(label, { bold: true }).blank().blank().rule("_");
}
