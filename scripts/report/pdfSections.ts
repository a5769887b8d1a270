// The sections of the report PDF after the signed first page (titlePage.ts), in the order a
// treasurer reads them: products, the evening over time, kitchen and bar, waiters, tables and the
// audit list.
import { placeName, type Report, type ReportGoods } from "../../worker/protocol.ts";
import { chartSpec, hasData, topProducts, type ChartName } from "../../worker/report/charts.ts";
import { chartSvg } from "./chartSvg.ts";
import type { Formats } from "./format.ts";
import { CONTENT_WIDTH, MARGIN, chart, ensureSpace, heading, note, table, winAnsi } from "./pdfDoc.ts";

const num = (title: string, width: number) => ({ title, width, align: "right" as const });

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

export async function productPages(doc: Doc, r: Report, f: Formats): Promise<void> {
  const { t } = f;
  doc.addPage();
  heading(doc, t("products"));
  await drawChart(doc, "topProducts", r, f, t("topProducts", { n: topProducts(r).length }));
  const categoryName = new Map(r.categories.map((c) => [c.category, c.name]));
  const counts = (g: ReportGoods) => [f.int(g.qty), f.int(g.soldQty), f.int(g.freeQty), f.int(g.openQty), f.int(g.voidedQty), f.money(g.salesCents)];
  const countColumns = [num(t("orderedQty"), 0.09), num(t("soldQty"), 0.09), num(t("freeQty"), 0.07), num(t("openQty"), 0.07), num(t("voidedQty"), 0.08), num(t("sales"), 0.13)];
  table(doc, [{ title: "#", width: 0.05, align: "right" }, { title: t("product"), width: 0.26 }, { title: t("category"), width: 0.16 }, ...countColumns],
    [...r.products.map((p, i) => [String(i + 1), p.name, categoryName.get(p.category) ?? p.category, ...counts(p)]), ["", t("methodTotal"), "", ...counts(r.headline)]],
    { bold: (i) => i === r.products.length, size: 8 });
  note(doc, t("productsNote"));
  heading(doc, t("categories"), 12);
  const stationName = new Map(r.stations.map((s) => [s.id, s.name]));
  table(doc, [{ title: t("category"), width: 0.2 }, { title: t("station"), width: 0.27 }, ...countColumns],
    r.categories.map((c) => [c.name, stationName.get(c.station) ?? c.station, ...counts(c)]), { size: 8 });
}

export async function timePages(doc: Doc, r: Report, f: Formats): Promise<void> {
  const { t } = f;
  doc.addPage();
  heading(doc, t("time"));
  await drawChart(doc, "orderedTimeline", r, f, t("orderedPer15"));
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
  table(doc, [{ title: t("waiter"), width: 0.13 }, num(t("ordersShort"), 0.06), num(t("paymentsShort"), 0.06), num(t("sales"), 0.1), num(t("freeQty"), 0.09), num(t("tips"), 0.09), num(t("settlementsShort"), 0.06), num(t("expectedShort"), 0.1), num(t("counted"), 0.1), num(t("difference"), 0.1), num(t("notSettled"), 0.1)],
    r.waiters.map((w) => [w.name, f.int(w.orders), f.int(w.payments), f.money(w.salesCents), f.money(w.freeCents), f.money(w.tipsCents), f.int(w.settlements), f.money(w.expectedCashCents), f.money(w.countedCents), f.money(w.differenceCents), w.current ? f.money(w.current.expectedCashCents) : "–"]),
    { size: 8 });
  note(doc, t("waitersNote"));
  await drawChart(doc, "waiters", r, f, t("salesPerWaiter"));

  heading(doc, t("tables"));
  await drawChart(doc, "tables", r, f, t("goodsPerTable"));
  table(doc, [{ title: t("table"), width: 0.2 }, num(t("ordersShort"), 0.12), num(t("sales"), 0.17), num(t("free"), 0.17), num(t("open"), 0.17), num(t("voided"), 0.17)],
    r.tables.map((x) => [x.table, f.int(x.orders), f.money(x.salesCents), f.money(x.freeCents), f.money(x.openCents), f.money(x.voidedCents)]), { size: 8 });
  note(doc, t("tablesNote"));
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
  // A counter order's bill by its desk's name (the report's per-counter figures have the names) and number.
  const counters = r.channels.flatMap((c) => (c.counter === null ? [] : [{ id: c.counter, name: c.name }]));
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
      placeName(a.table, a.place, counters, r.event.language),
      a.by,
      a.approvedWithAdminPin ? t("adminPin") : a.approvedBy,
      reasonText(a.kind, a.reason, f),
      f.money(a.valueCents),
    ]), { size: 8 });
}
