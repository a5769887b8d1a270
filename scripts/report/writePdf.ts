// The report as an A4 PDF file: pdfkit lays it out, vega draws the charts as vectors.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Report } from "../../worker/protocol.ts";
import { formatsFor } from "./format.ts";
import { createDoc, footers } from "./pdfDoc.ts";
import { auditPages, peoplePages, productPages, timePages } from "./pdfSections.ts";
import { titlePage } from "./titlePage.ts";
import { counterPages } from "./counterPages.ts";

export async function writePdf(report: Report, file: string): Promise<void> {
  const f = formatsFor(report);
  const doc = createDoc({ title: `${f.t("title")} ${report.event.name}`, author: report.event.name });
  const out = createWriteStream(file);
  doc.pipe(out);
  titlePage(doc, report, f);
  await productPages(doc, report, f);
  await timePages(doc, report, f);
  counterPages(doc, report, f);
  await peoplePages(doc, report, f);
  auditPages(doc, report, f);
  footers(doc, `${report.event.name} · ${f.t("title")} · ${f.t("generatedAt")} ${f.dateTime(report.generatedAt)}`, (n, total) => f.t("page", { n, total }));
  doc.end();
  await once(out, "finish");
}
