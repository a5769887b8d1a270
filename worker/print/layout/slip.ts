// A slip being laid out: the few ways a line is placed (wrapped text, centred, left and right,
// a hanging indent, a rule), each fitting the width and taking text through printableText first,
// so counting characters here counts what the printer will print.
import { printableText, type CodepageName } from "./codepage.ts";
import { columnsPerChar, PLAIN, rowColumns, type Row, type TextStyle } from "./types.ts";
import { wrapWords } from "./wrap.ts";

export type StyleSpec = Partial<TextStyle>;
const styleOf = (s: StyleSpec = {}): TextStyle => ({ ...PLAIN, ...s });
const pad = (columns: number) => (columns > 0 ? [{ text: " ".repeat(columns), style: PLAIN }] : []);

export class Slip {
  readonly rows: Row[] = [];
  readonly width: number;
  private readonly codepage: CodepageName;

  constructor(width: number, codepage: CodepageName) {
    this.width = width;
    this.codepage = codepage;
  }

  /** Text as the printer shows it (see printableText). */
  printable(text: string): string {
    return printableText(text, this.codepage);
  }

  /** Characters of this size that fit in `columns`. */
  private fit(columns: number, style: TextStyle): number {
    return Math.max(1, Math.floor(columns / columnsPerChar(style.size)));
  }

  blank(): this {
    this.rows.push([]);
    return this;
  }

  /** A line of dashes (or another character) across the paper. */
  rule(char = "-"): this {
    this.rows.push([{ text: char.repeat(this.width), style: PLAIN }]);
    return this;
  }

  /** Wrapped text from the left edge, continuation lines indented by `indent` columns like the first. */
  text(text: string, spec?: StyleSpec, indent = 0): this {
    const style = styleOf(spec);
    for (const line of wrapWords(this.printable(text), this.fit(this.width - indent, style))) {
      this.rows.push([...pad(indent), { text: line, style }]);
    }
    return this;
  }

  /** Wrapped text, each line centred (inverted text gets a space either side, so it reads as a block). */
  center(text: string, spec?: StyleSpec): this {
    const style = styleOf(spec);
    const margin = style.invert ? 1 : 0;
    for (const line of wrapWords(this.printable(text), this.fit(this.width, style) - 2 * margin)) {
      const segment = { text: " ".repeat(margin) + line + " ".repeat(margin), style };
      const left = Math.floor((this.width - rowColumns([segment])) / 2);
      this.rows.push([...pad(left), segment]);
    }
    return this;
  }

  /**
   * A first part (in its own style) followed by wrapped text; continuation lines start under the
   * text, e.g. "2 × " in large type, then the product's name.
   */
  hanging(head: string, headSpec: StyleSpec, text: string, spec?: StyleSpec): this {
    const headSegment = { text: this.printable(head), style: styleOf(headSpec) };
    const indent = rowColumns([headSegment]);
    if (indent >= this.width / 2) return this.text(head + text, spec);
    const style = styleOf(spec);
    wrapWords(this.printable(text), this.fit(this.width - indent, style)).forEach((line, i) => {
      this.rows.push([...(i === 0 ? [headSegment] : pad(indent)), { text: line, style }]);
    });
    return this;
  }

  /**
   * Left text and right text on one line (an amount at the right edge). When both do not fit, the
   * left part wraps (continuation lines indented by `indent`) and the right part ends its last line.
   */
  pair(left: string, right: string, spec?: StyleSpec, indent = 0): this {
    const style = styleOf(spec);
    const rightSegment = { text: this.printable(right), style };
    const rightColumns = rowColumns([rightSegment]);
    const room = this.width - rightColumns - 1;
    if (room - indent < columnsPerChar(style.size) * 4) return this.text(left, spec).text(right, spec);
    const lines = wrapWords(this.printable(left), this.fit(room, style), this.fit(room - indent, style));
    lines.forEach((line, i) => {
      const row = [...pad(i === 0 ? 0 : indent), { text: line, style }];
      if (i === lines.length - 1) row.push(...pad(this.width - rowColumns(row) - rightColumns), rightSegment);
      this.rows.push(row);
    });
    return this;
  }
}
