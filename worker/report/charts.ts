// The report's charts as vega-lite specs: the PDF (rendered to SVG in Node) and the live
// statistics page (rendered to SVG in the browser) draw the same specs from the same Report.
// Data only; vega draws every axis, bar and line.
import type { TopLevelSpec } from "vega-lite";
// protocol/report.ts, not protocol.ts: the statistics page imports this file, and protocol.ts would bring zod.
import { REPORT_BUCKET_MS, type Report } from "../protocol/report.ts";
import type { ReportT } from "./strings.ts";

export type ChartName = "orderedTimeline" | "ordersTimeline" | "topProducts" | "preparation" | "waiters" | "tables";

export interface ChartOptions {
  width: number;
  /** Height of the plot; bar charts with one row per entry grow with their rows instead. */
  height: number;
  t: ReportT;
}

const TOP_PRODUCTS = 15;
const TOP_TABLES = 20;

/** Number and time formats of the event's language, with its currency (vega's d3 locales). */
function locale(report: Report) {
  const symbol = new Intl.NumberFormat(report.event.language, { style: "currency", currency: report.event.currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? report.event.currency;
  return report.event.language === "de"
    ? { number: { decimal: ",", thousands: ".", grouping: [3], currency: ["", `\u00a0${symbol}`] as [string, string] } }
    : { number: { decimal: ".", thousands: ",", grouping: [3], currency: [symbol, ""] as [string, string] } };
}

function base(report: Report, o: ChartOptions): Partial<TopLevelSpec> & Record<string, unknown> {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: o.width,
    height: o.height,
    background: "white",
    config: {
      locale: locale(report),
      font: "Helvetica",
      view: { stroke: null },
      axis: { labelFontSize: 9, titleFontSize: 10, labelColor: "#000", titleColor: "#000", gridColor: "#ddd" },
      legend: { labelFontSize: 9, titleFontSize: 10, orient: "top" },
      range: { category: ["#1f4e79", "#c0504d", "#4f8f3a", "#8064a2", "#d99a00", "#2c9aa0"] },
    },
  };
}

/** The products the "top products" chart shows: the best-selling ones that sold anything. */
export function topProducts(report: Report): Report["products"] {
  return report.products.filter((p) => p.salesCents > 0).slice(0, TOP_PRODUCTS);
}

const stationName = (report: Report) => new Map(report.stations.map((s) => [s.id, s.name]));
const timeAxis = (t: ReportT) => ({ title: t("clock"), format: "%H:%M", labelAngle: 0 });

function orderedTimeline(report: Report, o: ChartOptions): TopLevelSpec {
  const names = stationName(report);
  // Each bar spans its 15 minutes (x to x2), so a gap in the evening stays a gap on the axis.
  const values = report.timeline.map((b) => ({ start: b.start, end: b.start + REPORT_BUCKET_MS, station: names.get(b.station) ?? b.station, ordered: b.orderedCents / 100 }));
  return {
    ...base(report, o),
    data: { values },
    mark: { type: "bar", stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: { field: "start", type: "temporal", axis: timeAxis(o.t) },
      x2: { field: "end" },
      y: { field: "ordered", type: "quantitative", aggregate: "sum", title: o.t("ordered"), axis: { format: "$,.0f" } },
      color: { field: "station", type: "nominal", title: o.t("station") },
    },
  } as TopLevelSpec;
}

/** Lines over the evening, one colour per station; `extra` adds channels (a dash per measure). */
function stationLines(report: Report, o: ChartOptions, values: Record<string, unknown>[], y: { field: string; title: string }, extra: Record<string, unknown> = {}): TopLevelSpec {
  return {
    ...base(report, o),
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "start", type: "temporal", axis: timeAxis(o.t) },
      y: { field: y.field, type: "quantitative", title: y.title },
      color: { field: "station", type: "nominal", title: o.t("station") },
      ...extra,
    },
  } as TopLevelSpec;
}

function ordersTimeline(report: Report, o: ChartOptions): TopLevelSpec {
  const names = stationName(report);
  const values = report.timeline.map((b) => ({ start: b.start, station: names.get(b.station) ?? b.station, orders: b.orders }));
  return stationLines(report, o, values, { field: "orders", title: o.t("tickets") });
}

function horizontalBars(report: Report, o: ChartOptions, values: { label: string; value: number }[], title: string): TopLevelSpec {
  return {
    ...base(report, o),
    height: { step: 14 },
    data: { values },
    mark: { type: "bar", color: "#1f4e79" },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 180 } },
      x: { field: "value", type: "quantitative", title, axis: { format: "$,.0f" } },
    },
  } as TopLevelSpec;
}

/** One bar per table, stacked: sales, given away and open (an unpaid table shows too). */
function tableGoods(report: Report, o: ChartOptions): TopLevelSpec {
  const parts = [o.t("sales"), o.t("free"), o.t("open")];
  const values = report.tables.slice(0, TOP_TABLES).flatMap((t) => [
    { label: t.table, part: parts[0], order: 0, value: t.salesCents / 100 },
    { label: t.table, part: parts[1], order: 1, value: t.freeCents / 100 },
    { label: t.table, part: parts[2], order: 2, value: t.openCents / 100 },
  ]);
  return {
    ...base(report, o),
    height: { step: 14 },
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 180 } },
      x: { field: "value", type: "quantitative", stack: "zero", title: o.t("amount"), axis: { format: "$,.0f" } },
      color: { field: "part", type: "nominal", title: null, sort: parts, scale: { domain: parts, range: ["#1f4e79", "#d99a00", "#c0504d"] } },
      order: { field: "order", type: "quantitative" },
    },
  } as TopLevelSpec;
}

function preparation(report: Report, o: ChartOptions): TopLevelSpec {
  const names = stationName(report);
  const values = report.preparationTimeline.flatMap((b) => [
    { start: b.start, station: names.get(b.station) ?? b.station, measure: o.t("median"), minutes: b.medianMs / 60_000 },
    { start: b.start, station: names.get(b.station) ?? b.station, measure: o.t("p90"), minutes: b.p90Ms / 60_000 },
  ]);
  return stationLines(report, o, values, { field: "minutes", title: o.t("minutes") }, {
    strokeDash: { field: "measure", type: "nominal", title: null, sort: [o.t("median"), o.t("p90")], legend: { symbolType: "stroke" } },
  });
}

export function chartSpec(name: ChartName, report: Report, o: ChartOptions): TopLevelSpec {
  switch (name) {
    case "orderedTimeline":
      return orderedTimeline(report, o);
    case "ordersTimeline":
      return ordersTimeline(report, o);
    case "topProducts":
      return horizontalBars(report, o, topProducts(report).map((p) => ({ label: p.name, value: p.salesCents / 100 })), o.t("sales"));
    case "preparation":
      return preparation(report, o);
    case "waiters":
      return horizontalBars(report, o, report.waiters.map((w) => ({ label: w.name, value: w.salesCents / 100 })), o.t("sales"));
    case "tables":
      return tableGoods(report, o);
  }
}

/** Whether the chart has anything to draw (an empty chart is left out). */
export function hasData(name: ChartName, report: Report): boolean {
  switch (name) {
    case "orderedTimeline":
    case "ordersTimeline":
      return report.timeline.length > 0;
    case "topProducts":
      return topProducts(report).length > 0;
    case "preparation":
      return report.preparationTimeline.length > 0;
    case "waiters":
      return report.waiters.some((w) => w.salesCents !== 0);
    case "tables":
      return report.tables.some((t) => t.salesCents !== 0 || t.freeCents !== 0 || t.openCents !== 0);
  }
}

