// The report's first page, the one a treasurer signs: event and period; the goods (ordered = sales
// + given away + open + voided, with the check spelled out); the payments by method with money in
// (cash + card, vouchers sold at the desks included) and its check; vouchers sold against redeemed,
// deposits, tips, the cash to hand in, voids, reversals and what is open at the end; then the
// signature lines. It fits one A4 page.
import type { Report, ReportHeadline } from "../../worker/protocol.ts";
import type { Formats } from "./format.ts";
import { CONTENT_WIDTH, MARGIN, ensureSpace, heading, note, table, winAnsi } from "./pdfDoc.ts";

type Doc = PDFKit.PDFDocument;
const pairs = [{ title: "", width: 0.62 }, { title: "", width: 0.38, align: "right" as const }];
const num = (title: string, width: number) => ({ title, width, align: "right" as const });

export function titlePage(doc: Doc, r: Report, f: Formats): void {
  const { t } = f;
  doc.font("Helvetica-Bold").fontSize(18).text(winAnsi(t("title")), MARGIN, MARGIN);
  doc.fontSize(13).text(winAnsi(r.event.name)).moveDown(0.4);
  const whole = r.window.from === null && r.window.to === null;
  const period = whole ? t("wholeEvent") : t("windowFromTo", { from: r.window.from === null ? "…" : f.dateTime(r.window.from), to: r.window.to === null ? "…" : f.dateTime(r.window.to) });
  const span = r.span.first === null ? t("noActivity") : t("firstLast", { first: f.dateTime(r.span.first), last: f.dateTime(r.span.last!) });
  table(doc, [{ title: "", width: 0.3 }, { title: "", width: 0.7 }], [
    [t("event"), `${r.event.name} (${r.event.id})`],
    [t("window"), `${period}; ${span}`],
    [t("generatedAt"), f.dateTime(r.generatedAt)],
    [t("orders"), f.int(r.headline.orders)],
  ]);
  goods(doc, r.headline, f);
  money(doc, r.headline, f, whole);
  signatures(doc, f);
}

/** ordered = sales + given away + open + voided, in items and in cents. */
function goods(doc: Doc, h: ReportHeadline, f: Formats): void {
  const { t } = f;
  heading(doc, t("goodsTitle"), 12);
  table(doc, [{ title: "", width: 0.62 }, num(t("items"), 0.14), num(t("amount"), 0.24)], [
    [t("ordered"), f.int(h.qty), f.money(h.orderedCents)],
    [`   ${t("salesLong")}`, f.int(h.soldQty), f.money(h.salesCents)],
    [`   ${t("freeLong")}`, f.int(h.freeQty), f.money(h.freeCents)],
    [`   ${t("openLong")}`, f.int(h.openQty), f.money(h.openCents)],
    [`   ${t("voided")}`, f.int(h.voidedQty), f.money(h.voidedCents)],
  ], { bold: (i) => i === 1 });
  const agrees = h.qty === h.soldQty + h.freeQty + h.openQty + h.voidedQty && h.orderedCents === h.salesCents + h.freeCents + h.openCents + h.voidedCents;
  const cents = `${f.money(h.orderedCents)} = ${[h.salesCents, h.freeCents, h.openCents, h.voidedCents].map(f.money).join(" + ")}`;
  const items = `${f.int(h.qty)} = ${[h.soldQty, h.freeQty, h.openQty, h.voidedQty].map(f.int).join(" + ")} ${t("items")}`;
  check(doc, t("goodsCheck"), `${cents}; ${items}: ${agrees ? t("reconciles") : t("doesNotReconcile")}`);
}

/** Payments by method, money in (cash + card) with its check, then the other money figures. */
function money(doc: Doc, h: ReportHeadline, f: Formats, whole: boolean): void {
  const { t } = f;
  heading(doc, t("byMethod"), 12);
  const row = (label: string, m: { payments: number; goodsCents: number; depositOutCents: number; depositBackCents: number; tipsCents: number; totalCents: number }) =>
    [label, f.int(m.payments), f.money(m.goodsCents), f.money(m.depositOutCents), f.money(m.depositBackCents), f.money(m.tipsCents), f.money(m.totalCents)];
  const inMoney = h.byMethod.filter((m) => m.method === "cash" || m.method === "card");
  const others = h.byMethod.filter((m) => m.method === "voucher" || m.method === "free");
  const sum = (k: "payments" | "goodsCents" | "depositOutCents" | "depositBackCents" | "tipsCents" | "totalCents") => inMoney.reduce((s, m) => s + m[k], 0);
  const moneyIn = { payments: sum("payments"), goodsCents: sum("goodsCents"), depositOutCents: sum("depositOutCents"), depositBackCents: sum("depositBackCents"), tipsCents: sum("tipsCents"), totalCents: sum("totalCents") };
  // Vouchers sold at the desks: money in by cash or card, no goods, deposits or tips (not sales).
  const v = h.vouchers;
  const sells = v.sold.count !== 0 || v.sold.cents !== 0 || v.reversals.count !== 0;
  const soldRows = sells ? [[t("vouchersSold"), f.int(v.sold.count), "–", "–", "–", "–", f.money(v.sold.cents)]] : [];
  const inRow = [...row(t("moneyInShort"), moneyIn).slice(0, 6), f.money(moneyIn.totalCents + v.sold.cents)];
  const rows = [...inMoney.map((m) => row(t(m.method), m)), ...soldRows, inRow, ...others.map((m) => row(t(m.method), m))];
  table(doc, [{ title: t("method"), width: 0.2 }, num(t("payments"), 0.12), num(t("goods"), 0.13), num(t("depositOut"), 0.13), num(t("depositBack"), 0.14), num(t("tips"), 0.13), num(t("methodTotal"), 0.15)], rows, { bold: (i) => i === inMoney.length + soldRows.length });
  const byPayments = moneyIn.goodsCents + moneyIn.depositOutCents - moneyIn.depositBackCents + moneyIn.tipsCents;
  const moneyAgrees = moneyIn.totalCents + v.sold.cents === h.moneyInCents && h.moneyInCents === byPayments + v.sold.cents && h.cashInCents + h.cardInCents === h.moneyInCents;
  const figures = `${f.money(moneyIn.goodsCents)} + ${f.money(moneyIn.depositOutCents)} − ${f.money(moneyIn.depositBackCents)} + ${f.money(moneyIn.tipsCents)}`;
  check(doc, t("moneyCheck"), `${f.money(h.moneyInCents)} = ${v.sold.cents ? t("moneyCheckVouchers", { figures, vouchers: f.money(v.sold.cents) }) : figures}: ${moneyAgrees ? t("reconciles") : t("doesNotReconcile")}`);
  const salesByPayments = h.byMethod.filter((m) => m.method !== "free").reduce((s, m) => s + m.goodsCents, 0);
  if (whole) check(doc, t("salesCheck"), `${f.money(h.salesCents)} = ${f.money(salesByPayments)}: ${h.salesCents === salesByPayments ? t("reconciles") : t("doesNotReconcile")}`);
  else note(doc, t("salesCheckWindow"));
  doc.moveDown(0.3);
  table(doc, pairs, [
    [t("moneyIn"), f.money(h.moneyInCents)],
    [t("vouchersRedeemed"), f.money(h.voucherCents)],
    // Where vouchers were sold at a desk: sold by cash and card (money in, not sales), and still out.
    ...(sells ? [[t("vouchersSoldSplit"), t("vouchersSoldValue", { cash: f.money(v.soldCash.cents), card: f.money(v.soldCard.cents), reversed: f.int(v.reversals.count) })], [t("vouchersOut"), f.money(v.outstandingCents)]] : []),
    [`${t("depositOut")} / ${t("depositBack")} / ${t("depositNet")}`, `${f.money(h.depositOutCents)} / ${f.money(h.depositBackCents)} / ${f.money(h.depositOutCents - h.depositBackCents)}`],
    [t("tipsLine"), t("tipsValue", { total: f.money(h.tipsCents), card: f.money(h.cardTipsCents) })],
    [t("cashToHandIn"), f.money(h.cashToHandInCents)],
    [`${t("voids")} / ${t("reversals")}`, `${t("voidsValue", { count: f.int(h.voids.count), qty: f.int(h.voids.qty), value: f.money(h.voids.cents) })} / ${t("reversalsValue", { count: f.int(h.reversals.count), value: f.money(h.reversals.cents) })}`],
    [t("openAtEnd"), t("openAtEndValue", { total: f.money(h.openCents + h.openDepositCents), goods: f.money(h.openCents), deposit: f.money(h.openDepositCents) })],
  ], { bold: (i) => i === 0 });
}

/** A check spelled out: what must hold, then the figures and whether they agree. */
function check(doc: Doc, label: string, figures: string): void {
  ensureSpace(doc, 30);
  doc.font("Helvetica-Bold").fontSize(9).text(winAnsi(label), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.font("Helvetica").fontSize(9).text(winAnsi(figures), MARGIN, doc.y, { width: CONTENT_WIDTH }).fontSize(10).moveDown(0.4);
}

function signatures(doc: Doc, f: Formats): void {
  ensureSpace(doc, 85);
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(10).text(winAnsi(f.t("signatures")), MARGIN).font("Helvetica");
  const y = doc.y + 35;
  const third = CONTENT_WIDTH / 3;
  [f.t("signPlaceDate"), f.t("signTreasurer"), f.t("signOrganiser")].forEach((label, i) => {
    const x = MARGIN + i * third;
    doc.moveTo(x, y).lineTo(x + third - 15, y).lineWidth(0.7).strokeColor("#000").stroke();
    doc.fontSize(8).text(winAnsi(label), x, y + 4, { width: third - 15 });
  });
  doc.x = MARGIN;
  doc.y = y + 20;
  doc.fontSize(10);
}
