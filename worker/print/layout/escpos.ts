// Rows to ESC/POS bytes. The command set a slip needs is small and the same on every ESC/POS
// printer: initialise, choose the code page, size, bold, inverse, line feed, feed and cut. The text
// bytes come from the code page tables (codepage.ts), never UTF-8.
// Why not a whole encoder library (issue 21's candidates): @point-of-sale/receipt-printer-encoder
// accepts only 32, 35, 42, 44 or 48 columns (config allows 24–64) and wraps lines itself, so its
// paper could differ from previewLines; it also pulls four image libraries we do not use.
// receiptline needs iconv-lite, which needs Node's Buffer (workerd runs here without nodejs_compat),
// and node-thermal-printer is Node-only (net, fs). We take the code page tables from the first one's
// own package and write the dozen command bytes here.
import { codepageNumber, encodeText, type CodepageName } from "./codepage.ts";
import { PLAIN, type Row, type TextStyle } from "./types.ts";

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
/** GS ! n: high nibble width multiplier − 1, low nibble height multiplier − 1. */
const SIZE_BYTE = { normal: 0x00, tall: 0x01, large: 0x11 } as const;
/** Lines fed before the cut, so the last line clears the cutter. */
const FEED_BEFORE_CUT = 4;

export function encodeRows(rows: Row[], codepage: CodepageName): Uint8Array {
  const out: number[] = [ESC, 0x40, ESC, 0x74, codepageNumber(codepage)];
  let current: TextStyle = PLAIN;
  const apply = (style: TextStyle) => {
    if (style.size !== current.size) out.push(GS, 0x21, SIZE_BYTE[style.size]);
    if (style.bold !== current.bold) out.push(ESC, 0x45, style.bold ? 1 : 0);
    if (style.invert !== current.invert) out.push(GS, 0x42, style.invert ? 1 : 0);
    current = style;
  };
  for (const row of rows) {
    for (const segment of row) {
      apply(segment.style);
      for (const byte of encodeText(segment.text, codepage)) out.push(byte);
    }
    // Back to plain before the line feed: the height of a line is that of its tallest character.
    apply(PLAIN);
    out.push(LF);
  }
  out.push(ESC, 0x64, FEED_BEFORE_CUT, GS, 0x56, 0x01);
  return Uint8Array.from(out);
}
