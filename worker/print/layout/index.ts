// Printed slips (issue 21): a print document becomes rows (layoutDocument), rows become ESC/POS
// bytes (renderDocument) or plain text lines (previewLines, for the receipt page, tests and docs).
// Pure: no Workers globals, runs in workerd and in Node.
import type { PrintDocument } from "../../protocol/print.ts";
import { layoutBon } from "./bon.ts";
import { encodeRows } from "./escpos.ts";
import { layoutReceipt } from "./receipt.ts";
import { Slip } from "./slip.ts";
import { SLIP_STRINGS } from "./strings.ts";
import { layoutTicket, layoutVoid } from "./ticket.ts";
import { rowText, type RenderOptions, type Row } from "./types.ts";

export { CODEPAGES, type CodepageName } from "./codepage.ts";
export { parseStatus, parseStatusReply, statusRequest, STATUS_QUERIES, type PrinterCondition, type StatusQuery } from "./status.ts";
export { rowColumns, rowText, type RenderOptions, type Row, type Segment, type TextStyle } from "./types.ts";

export const DEFAULT_TIME_ZONE = "Europe/Berlin";

/** The slip as rows of styled text, wrapped to opts.width. */
export function layoutDocument(doc: PrintDocument, opts: RenderOptions): Row[] {
  const slip = new Slip(opts.width, opts.codepage ?? "cp858");
  const c = { t: SLIP_STRINGS[opts.language], timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE, language: opts.language };
  switch (doc.kind) {
    case "ticket":
      layoutTicket(slip, doc, c);
      break;
    case "bon":
      layoutBon(slip, doc, c);
      break;
    case "void":
      layoutVoid(slip, doc, c);
      break;
    case "receipt":
      layoutReceipt(slip, doc, c);
      break;
  }
  return slip.rows;
}

/** Complete ESC/POS bytes: ESC @, ESC t (code page), the slip, feed, cut. */
export function renderDocument(doc: PrintDocument, opts: RenderOptions): Uint8Array {
  return encodeRows(layoutDocument(doc, opts), opts.codepage ?? "cp858");
}

/** The same layout as plain text, one string per printed line (what the bytes decode to, without styles). */
export function previewLines(doc: PrintDocument, opts: RenderOptions): string[] {
  return layoutDocument(doc, opts).map(rowText);
}
