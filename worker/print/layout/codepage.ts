// Text for the printer: one byte per character in a single-byte code page chosen with ESC t, never
// UTF-8. The tables come from @point-of-sale/codepage-encoder (MIT, no dependencies, no Node
// built-ins, so it runs in workerd and in Node; the code page part of the receipt-printer-encoder
// project). We build our own byte map from its tables instead of calling its encode(), because that
// maps the CP437 picture glyphs to control bytes ("←" became ESC, "↔" GS, "►" DLE: a note could send
// printer commands), finds "§" at 0x15 (a control byte) before 0xF5, and turns one emoji into "??".
// Here only bytes 0x20–0x7E and 0x80–0xFF carry text; anything else becomes a visible "?".
import CodepageEncoder from "@point-of-sale/codepage-encoder";

/** ESC t numbers as Epson and most ESC/POS clones (Xprinter, Rongta, POS-80) number these pages. */
const ESC_T: Record<string, number> = { cp858: 19, windows1252: 16 };
export type CodepageName = "cp858" | "windows1252";
export const CODEPAGES = Object.keys(ESC_T) as CodepageName[];

export function codepageNumber(name: CodepageName): number {
  return ESC_T[name]!;
}

const byteMaps = new Map<CodepageName, Map<number, number>>();

/** Code point → byte for the printable bytes of the page (first match wins within the printable range). */
export function byteMap(name: CodepageName): Map<number, number> {
  let map = byteMaps.get(name);
  if (!map) {
    map = new Map();
    const points = CodepageEncoder.getCodepoints(name, true);
    for (let byte = 0x20; byte <= 0xff; byte++) {
      const point = points[byte];
      if (byte === 0x7f || point === undefined || point === 0xfffd || map.has(point)) continue;
      map.set(point, byte);
    }
    byteMaps.set(name, map);
  }
  return map;
}

// Look-alikes the pages lack, replaced by what a reader takes for the same (still visible, never dropped).
const SUBSTITUTES: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
  "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u2022": "*",
};

/**
 * The text as the printer will show it: NFC (so "ö" typed as o + ¨ prints as ö), look-alikes
 * substituted where the page lacks a character, and every other character the page cannot print
 * replaced by one "?" per character (per code point: an emoji is one "?").
 */
export function printableText(text: string, name: CodepageName): string {
  // Plain ASCII letters, digits and signs are the same bytes in every page (the common case).
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const map = byteMap(name);
  let out = "";
  // Every kind of space prints as a plain one (Intl puts U+00A0 between amount and "€"; CP858
  // has it at 0xFF, but a plain space reads the same and lets the preview match the paper).
  for (const char of text.normalize("NFC").replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ")) {
    if (map.has(char.codePointAt(0)!)) out += char;
    else {
      const sub = SUBSTITUTES[char];
      out += sub !== undefined && [...sub].every((c) => map.has(c.codePointAt(0)!)) ? sub : "?";
    }
  }
  return out;
}

/** Bytes of text that printableText has already prepared; anything else still becomes "?". */
export function encodeText(text: string, name: CodepageName): Uint8Array {
  const map = byteMap(name);
  const chars = [...text];
  const out = new Uint8Array(chars.length);
  chars.forEach((c, i) => (out[i] = map.get(c.codePointAt(0)!) ?? 0x3f));
  return out;
}
