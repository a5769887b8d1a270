// Pictures of printed slips for the README (docs/screenshots/print-ticket.png, print-bon.png,
// print-receipt.png). Each is drawn from the ESC/POS bytes renderDocument sends to a printer,
// decoded again (test/print-decode.ts): the text, double width and height, bold and inverse as the
// printer receives them, one character cell per column. Nothing is laid out here.
// Run: node scripts/print-preview.ts   (uses /usr/bin/chromium, or CHROMIUM_PATH)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { renderDocument, type RenderOptions } from "../worker/print/layout/index.ts";
import type { PrintDocument } from "../worker/protocol/print.ts";
import { decodeEscPos, type DecodedLine, type DecodedSlip } from "../test/print-decode.ts";
import { sampleBon, sampleReceipt, sampleTicket } from "../test/print-samples.ts";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "docs/screenshots");
const CELL = 16; // font size in px; DejaVu Sans Mono is 0.602 em per column

const slips: { file: string; doc: PrintDocument; opts: RenderOptions; caption: string }[] = [
  { file: "print-ticket.png", doc: sampleTicket, opts: { width: 48, language: "de", currency: "EUR" }, caption: "Kitchen ticket, 80 mm (48 columns)" },
  { file: "print-bon.png", doc: sampleBon, opts: { width: 32, language: "de", currency: "EUR" }, caption: "Bon, 58 mm (32 columns)" },
  { file: "print-receipt.png", doc: { ...sampleReceipt, business: true }, opts: { width: 48, language: "de", currency: "EUR" }, caption: "Guest receipt as Bewirtungsbeleg, 80 mm (48 columns)" },
];

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function lineHtml(line: DecodedLine): string {
  const tall = line.segments.some((s) => s.height > 1);
  const spans = line.segments.map((s) => {
    const style = [
      s.width > 1 ? `font-size:${CELL * s.width}px` : "",
      s.height > s.width ? `transform:scaleY(${s.height / s.width});transform-origin:bottom` : "",
      s.bold ? "font-weight:700" : "",
      s.invert ? "background:#111;color:#fff" : "",
    ].filter(Boolean).join(";");
    return `<span style="${style}">${escape(s.text)}</span>`;
  });
  return `<div class="line${tall ? " tall" : ""}">${spans.join("")}</div>`;
}

function pageHtml(slip: DecodedSlip, width: number, caption: string): string {
  const lines = slip.lines.map(lineHtml).join("\n");
  const cut = slip.commands.some((c) => c.startsWith("cut:"));
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; padding: 24px; background: #e8e6e1; font-family: "DejaVu Sans", sans-serif; }
    figure { margin: 0; padding: 16px; display: inline-block; background: #e8e6e1; }
    .paper { background: #fffefa; padding: 18px 14px 10px; box-shadow: 0 2px 8px rgba(0,0,0,.25);
      font: ${CELL}px/1.25 "DejaVu Sans Mono", monospace; color: #111; width: ${width * 0.602 * CELL}px; }
    .line { white-space: pre; height: ${CELL * 1.25}px; display: flex; align-items: flex-end; }
    .line.tall { height: ${CELL * 2.5}px; }
    .line span { display: inline-block; white-space: pre; line-height: 1; }
    .cut { border-top: 2px dashed #999; margin-top: 6px; padding-top: 4px; font-size: 12px; color: #777; }
    figcaption { font-size: 13px; color: #444; margin-top: 10px; }
  </style><figure><div class="paper">${lines}${cut ? `<div class="cut">✂ ${escape(slip.codepage ?? "")} · ${slip.commands.length} commands</div>` : ""}</div>
  <figcaption>${escape(caption)}</figcaption></figure>`;
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  for (const { file, doc, opts, caption } of slips) {
    const slip = decodeEscPos(renderDocument(doc, opts));
    if (slip.unknown.length > 0) throw new Error(`${file}: unknown bytes ${slip.unknown.join(" ")}`);
    await page.setContent(pageHtml(slip, opts.width, caption));
    await page.locator("figure").screenshot({ path: join(outDir, file) });
    console.log(`${file}: ${slip.lines.length} lines, ${opts.width} columns`);
  }
} finally {
  await browser.close();
}
