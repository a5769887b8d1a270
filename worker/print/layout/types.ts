// The shape every slip is laid out in before it becomes bytes: rows of styled segments, already
// wrapped to the printer's width. The ESC/POS encoder, the plain-text preview (receipt page, tests)
// and the PNG previews in docs/screenshots all read these same rows, so what is shown is what prints.
import type { CodepageName } from "./codepage.ts";

export interface RenderOptions {
  /** Characters per line in normal type (config `printers[].width`: 48 for 80 mm, 32 for 58 mm). */
  width: number;
  language: "de" | "en";
  /** ISO 4217 code of the event (config `currency`), for Intl like the pages format money. */
  currency: string;
  /** IANA zone the times are shown in; workerd runs in UTC, so the venue's zone is passed. Default "Europe/Berlin". */
  timeZone?: string;
  /** The printer's single-byte code page, selected with ESC t. Default "cp858" (has € and German letters). */
  codepage?: CodepageName;
}

/**
 * `normal`: one column, one line high. `tall`: double height (GS ! 0x01), still one column per
 * character. `large`: double width and height (GS ! 0x11), two columns per character.
 */
export type TextSize = "normal" | "tall" | "large";

export interface TextStyle {
  size: TextSize;
  bold: boolean;
  /** White on black (GS B 1). */
  invert: boolean;
}

export interface Segment {
  /** Already in the code page's repertoire (see printableText): one character is one byte. */
  text: string;
  style: TextStyle;
}

/** One printed line, left to right; an empty row is an empty line. */
export type Row = Segment[];

export const PLAIN: TextStyle = { size: "normal", bold: false, invert: false };

/** Columns one character of this size takes. */
export const columnsPerChar = (size: TextSize): number => (size === "large" ? 2 : 1);

/** Columns a row takes on paper. */
export function rowColumns(row: Row): number {
  return row.reduce((sum, s) => sum + s.text.length * columnsPerChar(s.style.size), 0);
}

/** The row as plain text (what previewLines shows and what a decoder reads back). */
export const rowText = (row: Row): string => row.map((s) => s.text).join("");
