// The report PDF's page on counter service (issue 22), for an evening with cash desks: sales per
// counter and for table service (vouchers sold at each desk beside them, not sales), and the
// counter orders' wait from ordered to ready, over the evening and per 15 minutes.
import type { Report } from "../../worker/protocol.ts";
import type { Formats } from "./format.ts";
import { heading, note, table } from "./pdfDoc.ts";

type Doc = PDFKit.PDFDocument;
const num = (title: string, width: number) => ({ title, width, align: "right" as const });

/** An evening without cash desks has no such page. */
export function hasCounterService(r: Report): boolean {
  return r.channels.some((c) => c.counter !== null) || r.headline.vouchers.sold.count !== 0 || r.headline.vouchers.reversals.count !== 0;
}

export function counterPages(doc: Doc, r: Report, f: Formats): void {
  if (!hasCounterService(r)) return;
  const { t } = f;
  doc.addPage();
  heading(doc, t("channels"));
  const sum = (k: "orders" | "salesCents" | "freeCents" | "openCents" | "voidedCents" | "voucherSoldCents") => r.channels.reduce((s, c) => s + c[k], 0);
  table(doc, [{ title: t("channel"), width: 0.22 }, num(t("ordersShort"), 0.1), num(t("sales"), 0.14), num(t("free"), 0.13), num(t("open"), 0.13), num(t("voided"), 0.13), num(t("vouchersSold"), 0.15)],
    [
      ...r.channels.map((c) => [c.counter === null ? t("tableService") : c.name, f.int(c.orders), f.money(c.salesCents), f.money(c.freeCents), f.money(c.openCents), f.money(c.voidedCents), f.money(c.voucherSoldCents)]),
      [t("methodTotal"), f.int(sum("orders")), f.money(sum("salesCents")), f.money(sum("freeCents")), f.money(sum("openCents")), f.money(sum("voidedCents")), f.money(sum("voucherSoldCents"))],
    ],
    { bold: (i) => i === r.channels.length, size: 8 });
  note(doc, t("channelsNote"));
  note(doc, t("vouchersNotSales"));

  heading(doc, t("counterOrders"), 12);
  const w = r.counterWait;
  const waitColumns = [num(t("counterOrdersShort"), 0.2), num(t("readyOrders"), 0.16), num(t("median"), 0.16), num(t("p90"), 0.16)];
  table(doc, [{ title: "", width: 0.3 }, ...waitColumns], [[t("wholeEvent"), f.int(w.orders), f.int(w.ready), f.duration(w.medianMs), f.duration(w.p90Ms)]]);
  if (r.counterWaitTimeline.length) {
    table(doc, [{ title: t("clock"), width: 0.3 }, ...waitColumns],
      r.counterWaitTimeline.map((b) => [f.time(b.start), f.int(b.orders), f.int(b.ready), f.duration(b.medianMs), f.duration(b.p90Ms)]), { size: 8 });
  }
  note(doc, t("counterWaitNote"));
}
