// The sections of the report PDF, in the order a treasurer reads them: the signed first page
// (event, period, summary, takings by method, signatures), then products, the evening over time,
// kitchen and bar, waiters, tables and the audit list.
import type { Report } from "../../worker/protocol.ts";
import { chartSpec, hasData, type ChartName } from "../../worker/report/charts.ts";
import { chartSvg } from "./chartSvg.ts";
import type { Formats } from "./format.ts";
import { CONTENT_WIDTH, MARGIN, chart, ensureSpace, heading, note, table, winAnsi } from "./pdfDoc.ts";

type Doc = PDFKit.PDFDocument;
const CHART = { width: 500, height: 170 };

async function drawChart(doc: Doc, name: ChartName, r: Report, f: Formats, title: string): Promise<void> {
  if (!hasData(name, r)) return;
  const svg = await chartSvg(chartSpec(name, r, { width: CHART.width, height: CHART.height, t: f.t }));
  // The SVG's own size (legend and axes included) sets the aspect.
  const [, w, h] = svg.match(/<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/) ?? [];
  const aspect = { width: Number(w ?? CHART.width), height: Number(h ?? CHART.height) };
  // The title stays on the page of its chart.
  ensureSpace(doc, 24 + (CONTENT_WIDTH / aspect.width) * aspect.height);
  doc.font("Helvetica-Bold").fontSize(10).text(winAnsi(title), MARGIN, doc.y + 4).font("Helvetica");
  chart(doc, svg, aspect);
}

export function titlePage(doc: Doc, r: Report, f: Formats): void {
  const { t } = f;
  doc.font("Helvetica-Bold").fontSize(20).text(winAnsi(t("title")), MARGIN, MARGIN);
  doc.fontSize(14).text(winAnsi(r.event.name)).moveDown(0.5);
  const period = r.window.from === null && r.window.to === null ? t("wholeEvent") : t("windowFromTo", { from: r.window.from === null ? "…" : f.dateTime(r.window.from), to: r.window.to === null ? "…" : f.dateTime(r.window.to) });
  const span = r.span.first === null ? t("noActivity") : t("firstLast", { first: f.dateTime(r.span.first), last: f.dateTime(r.span.last!) });
  table(doc, [{ title: "", width: 0.3 }, { title: "", width: 0.7 }], [
    [t("event"), `${r.event.name} (${r.event.id})`],
    [t("window"), `${period}; ${span}`],
    [t("generatedAt"), f.dateTime(r.generatedAt)],
  ]);

  const h = r.headline;
  heading(doc, t("headline"));
  const agrees = h.orderedCents === h.paidCents + h.voidedCents + h.openCents;
  table(doc, [{ title: "", width: 0.6 }, { title: "", width: 0.4, align: "right" }], [
    [t("orders"), f.int(h.orders)],
    [t("items"), f.int(h.items)],
    [t("ordered"), f.money(h.orderedCents)],
    [`   ${t("paid")}`, f.money(h.paidCents)],
    [`   ${t("voided")}`, f.money(h.voidedCents)],
    [`   ${t("open")}`, f.money(h.openCents)],
    [t("reconciliation"), `${f.money(h.paidCents)} + ${f.money(h.voidedCents)} + ${f.money(h.openCents)}: ${agrees ? t("reconciles") : t("doesNotReconcile")}`],
  ], { bold: (i) => i === 6 });

  heading(doc, t("byMethod"), 12);
  const methodRows = h.byMethod.map((m) => [t(m.method), f.int(m.payments), f.money(m.goodsCents), f.money(m.depositOutCents), f.money(m.depositBackCents), f.money(m.netCents), f.money(m.tipsCents)]);
  const sum = (k: "payments" | "goodsCents" | "depositOutCents" | "depositBackCents" | "netCents" | "tipsCents") => h.byMethod.reduce((s, m) => s + m[k], 0);
  methodRows.push([t("total"), f.int(sum("payments")), f.money(sum("goodsCents")), f.money(sum("depositOutCents")), f.money(sum("depositBackCents")), f.money(sum("netCents")), f.money(sum("tipsCents"))]);
  const num = (title: string, width: number) => ({ title, width, align: "right" as const });
  table(doc, [{ title: t("method"), width: 0.16 }, num(t("payments"), 0.12), num(t("goods"), 0.15), num(t("depositOut"), 0.14), num(t("depositBack"), 0.14), num(t("net"), 0.15), num(t("tips"), 0.14)], methodRows, { bold: (i) => i === methodRows.length - 1 });

  table(doc, [{ title: "", width: 0.6 }, { title: "", width: 0.4, align: "right" }], [
    [t("taken"), f.money(h.takenCents)],
    [t("tips"), f.money(h.tipsCents)],
    [`${t("depositOut")} / ${t("depositBack")}`, `${f.money(h.depositOutCents)} / ${f.money(h.depositBackCents)}`],
    [t("voucher"), f.money(h.voucherCents)],
    [t("freeItems"), t("freeItemsValue", { qty: f.int(h.freeItems), value: f.money(h.freeCents) })],
    [t("voids"), t("voidsValue", { count: f.int(h.voids.count), qty: f.int(h.voids.qty), value: f.money(h.voids.cents) })],
    [t("reversals"), t("reversalsValue", { count: f.int(h.reversals.count), value: f.money(h.reversals.cents) })],
    [t("openAtEnd"), f.money(h.openCents)],
  ], { bold: (i) => i === 0 });
  signatures(doc, f);
}

function signatures(doc: Doc, f: Formats): void {
  ensureSpace(doc, 110);
  doc.moveDown(1).font("Helvetica-Bold").fontSize(10).text(winAnsi(f.t("signatures")), MARGIN).font("Helvetica");
  const y = doc.y + 45;
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

export async function productPages(doc: Doc, r: Report, f: Formats): Promise<void> {
  const { t } = f;
  doc.addPage();
  heading(doc, t("products"));
  await drawChart(doc, "topProducts", r, f, t("topProducts", { n: Math.min(15, r.products.length) }));
  const categoryName = new Map(r.categories.map((c) => [c.category, c.name]));
  table(doc, [{ title: "#", width: 0.06, align: "right" }, { title: t("product"), width: 0.4 }, { title: t("category"), width: 0.2 }, { title: t("qty"), width: 0.1, align: "right" }, { title: t("voided"), width: 0.1, align: "right" }, { title: t("revenue"), width: 0.14, align: "right" }],
    r.products.map((p, i) => [String(i + 1), p.name, categoryName.get(p.category) ?? p.category, f.int(p.qty), f.int(p.voidedQty), f.money(p.revenueCents)]));
  note(doc, t("productsNote"));
  heading(doc, t("categories"), 12);
  const stationName = new Map(r.stations.map((s) => [s.id, s.name]));
  table(doc, [{ title: t("category"), width: 0.4 }, { title: t("station"), width: 0.26 }, { title: t("qty"), width: 0.14, align: "right" }, { title: t("revenue"), width: 0.2, align: "right" }],
    r.categories.map((c) => [c.name, stationName.get(c.station) ?? c.station, f.int(c.qty), f.money(c.revenueCents)]));
}

export async function timePages(doc: Doc, r: Report, f: Formats): Promise<void> {
  const { t } = f;
  doc.addPage();
  heading(doc, t("time"));
  await drawChart(doc, "revenueTimeline", r, f, t("revenuePer15"));
  await drawChart(doc, "ordersTimeline", r, f, t("ordersPer15"));
  heading(doc, t("preparation"), 12);
  table(doc, [{ title: t("station"), width: 0.3 }, { title: t("tickets"), width: 0.14, align: "right" }, { title: t("done"), width: 0.14, align: "right" }, { title: t("median"), width: 0.14, align: "right" }, { title: t("p90"), width: 0.14, align: "right" }],
    r.preparation.map((p) => [p.name, f.int(p.tickets), f.int(p.done), f.duration(p.medianMs), f.duration(p.p90Ms)]));
  await drawChart(doc, "preparation", r, f, t("prepOverEvening"));
}

export async function peoplePages(doc: Doc, r: Report, f: Formats): Promise<void> {
  const { t } = f;
  doc.addPage();
  heading(doc, t("waiters"));
  const num = (title: string, width: number) => ({ title, width, align: "right" as const });
  table(doc, [{ title: t("waiter"), width: 0.15 }, num(t("ordersShort"), 0.08), num(t("paymentsShort"), 0.08), num(t("net"), 0.11), num(t("tips"), 0.1), num(t("settlementsShort"), 0.07), num(t("expectedShort"), 0.11), num(t("counted"), 0.1), num(t("difference"), 0.1), num(t("notSettled"), 0.1)],
    r.waiters.map((w) => [w.name, f.int(w.orders), f.int(w.payments), f.money(w.takenCents), f.money(w.tipsCents), f.int(w.settlements), f.money(w.expectedCashCents), f.money(w.countedCents), f.money(w.differenceCents), w.current ? f.money(w.current.expectedCashCents) : "–"]),
    { size: 8 });
  note(doc, t("waitersNote"));
  await drawChart(doc, "waiters", r, f, t("takingsPerWaiter"));

  heading(doc, t("tables"));
  await drawChart(doc, "tables", r, f, t("takingsPerTable"));
  table(doc, [{ title: t("table"), width: 0.3 }, { title: t("orders"), width: 0.2, align: "right" }, { title: t("net"), width: 0.25, align: "right" }],
    r.tables.map((x) => [x.table, f.int(x.orders), f.money(x.takenCents)]), { size: 8 });
}

/** A void's reason starts with its code ("mistake: note"); a reversal's is free text. */
function reasonText(kind: Report["audit"][number]["kind"], reason: string, f: Formats): string {
  const [code, ...note] = reason.split(": ");
  if (kind !== "void" || (code !== "mistake" && code !== "cancelled" && code !== "complaint")) return reason;
  return [f.t(`reason_${code}`), ...note].join(": ");
}

const AUDIT_KINDS = { void: "kindVoid", reversal: "kindReversal", free: "kindFree", tip: "kindTip" } as const;

/** What an audit entry concerns, in the report's language. */
function auditSubject(s: Report["audit"][number]["subject"], f: Formats): string {
  if (s.kind === "void") return `${s.qty}× ${s.name}`;
  if (s.kind === "free") return s.items.map((i) => `${i.qty}× ${i.name}`).join(", ");
  if (s.kind === "tip") return f.t("tipOn", { tip: f.money(s.tipCents), amount: f.money(s.amountCents), method: f.t(s.method) });
  return f.t("reversalOf", { waiter: s.waiter, method: f.t(s.method) });
}

export function auditPages(doc: Doc, r: Report, f: Formats): void {
  const { t } = f;
  heading(doc, t("audit"));
  if (!r.audit.length) {
    doc.text(winAnsi(t("noAudit")), MARGIN);
    return;
  }
  table(doc, [{ title: t("when"), width: 0.15 }, { title: t("kind"), width: 0.12 }, { title: t("what"), width: 0.18 }, { title: t("table"), width: 0.07 }, { title: t("who"), width: 0.11 }, { title: t("approvedBy"), width: 0.11 }, { title: t("reason"), width: 0.14 }, { title: t("value"), width: 0.12, align: "right" }],
    [...r.audit].sort((a, b) => a.seq - b.seq).map((a) => [
      f.dateTime(a.at),
      t(AUDIT_KINDS[a.kind]),
      auditSubject(a.subject, f),
      a.table,
      a.by,
      a.approvedWithAdminPin ? t("adminPin") : a.approvedBy,
      reasonText(a.kind, a.reason, f),
      f.money(a.valueCents),
    ]), { size: 8 });
}
