// Drawing helpers for the report PDF on top of pdfkit: A4, Helvetica (its WinAnsi encoding has €,
// umlauts and ß), headings, tables that continue on the next page, vector charts and the footer.
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";

export const MARGIN = 50;
export const A4_WIDTH = 595.28;
export const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;
const FOOTER_SPACE = 30;

// WinAnsi beyond Latin-1: what Helvetica can show besides U+0020–U+007E and U+00A0–U+00FF.
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
/** Text Helvetica cannot draw (emoji, other scripts in a product name) becomes "?" instead of garbage. */
export function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff\n]/gu, (ch) => (WIN_ANSI_EXTRA.includes(ch) ? ch : ch === "\u2212" ? "-" : ch === "\u202f" ? "\u00a0" : "?"));
}

export function createDoc(info: { title: string; author: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: winAnsi(info.title), Author: winAnsi(info.author), Creator: "Mini POS" } });
  doc.font("Helvetica").fontSize(10).fillColor("#000");
  return doc;
}

const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - FOOTER_SPACE;

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: PDFKit.PDFDocument, text: string, size = 14): void {
  ensureSpace(doc, size * 4);
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(size).text(winAnsi(text), MARGIN, doc.y, { width: CONTENT_WIDTH }).font("Helvetica").fontSize(10).moveDown(0.3);
}

export function note(doc: PDFKit.PDFDocument, text: string): void {
  doc.font("Helvetica").fontSize(8).fillColor("#333").text(winAnsi(text), MARGIN, doc.y + 2, { width: CONTENT_WIDTH }).fillColor("#000").fontSize(10);
}

export interface Column {
  title: string;
  /** Share of the content width (they need not add up to 1: the rest stays empty). */
  width: number;
  align?: "left" | "right";
}

/** A table: header row in bold, rows below; a page break repeats the header. `bold` rows are totals. */
export function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][], options: { bold?: (row: number) => boolean; size?: number } = {}): void {
  const size = options.size ?? 9;
  const widths = columns.map((c) => c.width * CONTENT_WIDTH);
  const pad = 3;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(winAnsi(c), { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (hasHeader && cells !== header) drawRow(header, "Helvetica-Bold", true);
    }
    const y = doc.y;
    if (shade) doc.rect(MARGIN, y, widths.reduce((a, b) => a + b, 0), h).fill("#e8e8e8").fillColor("#000");
    let x = MARGIN;
    doc.font(font).fontSize(size);
    cells.forEach((cell, i) => {
      doc.text(winAnsi(cell), x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? "left" });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), y + h).lineWidth(0.4).strokeColor("#999").stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.title);
  // A table of label and value pairs has no heading row.
  const hasHeader = header.some((h) => h !== "");
  // A heading row never stands alone at the foot of a page.
  ensureSpace(doc, (hasHeader ? rowHeight(header, "Helvetica-Bold") : 0) + (rows[0] ? rowHeight(rows[0], "Helvetica") : 0));
  if (hasHeader) drawRow(header, "Helvetica-Bold", true);
  rows.forEach((r, i) => drawRow(r, options.bold?.(i) ? "Helvetica-Bold" : "Helvetica", false));
  doc.font("Helvetica").fontSize(10).moveDown(0.5);
}

/** Draws an SVG chart (vector) at the current position, full content width. */
export function chart(doc: PDFKit.PDFDocument, svg: string, aspect: { width: number; height: number }): void {
  const height = (CONTENT_WIDTH / aspect.width) * aspect.height;
  ensureSpace(doc, height + 10);
  // vega marks a solid line as dash "1,0"; pdfkit refuses a zero gap, and without a dash it is solid anyway.
  const drawable = winAnsi(svg).replace(/stroke-dasharray="(\d+(\.\d+)?),0"/g, "");
  SVGtoPDF(doc, drawable, MARGIN, doc.y, {
    width: CONTENT_WIDTH,
    height,
    fontCallback: (_family, bold) => (bold ? "Helvetica-Bold" : "Helvetica"),
    warningCallback: () => undefined,
  });
  doc.x = MARGIN;
  doc.y += height + 8;
}

/** "Page n of N" and a line of text on every page, once the whole document is laid out. */
export function footers(doc: PDFKit.PDFDocument, left: string, pageText: (n: number, total: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    // Writing below the bottom margin would make pdfkit add a page: lift the margin for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor("#333");
    doc.text(winAnsi(left), MARGIN, y, { width: CONTENT_WIDTH * 0.75, lineBreak: false });
    doc.text(winAnsi(pageText(i + 1, range.count)), MARGIN, y, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor("#000");
}
