// Reads ESC/POS bytes back for tests (worker tests, the fake printer, the preview script): the text
// lines as printed, the styles each line used, and the commands that occurred (init, code page, cut).
// Its code page tables are written out here, independently of the encoder's, so a test checks that
// "ä" really is the byte a CP858 printer prints as "ä". Bytes it does not understand are recorded,
// never skipped, so a test can assert there are none.

// Bytes 0x80–0xFF. CP858 is CP850 with "€" at 0xD5; CP1252's unassigned bytes are "\uFFFD".
const CP858_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0";
const CP1252_HIGH =
  "€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ" +
  Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join("");
/** ESC t numbers (Epson numbering) to the page's upper half. */
const PAGES: Record<number, { name: string; high: string }> = {
  19: { name: "cp858", high: CP858_HIGH },
  16: { name: "cp1252", high: CP1252_HIGH },
};

export interface DecodedSegment {
  text: string;
  /** Width and height multipliers from GS !. */
  width: number;
  height: number;
  bold: boolean;
  invert: boolean;
}

export interface DecodedLine {
  text: string;
  /** Columns the line takes on paper (double-width characters count two). */
  columns: number;
  segments: DecodedSegment[];
}

export interface DecodedSlip {
  lines: DecodedLine[];
  /** Every command in order: "init", "codepage:19", "size:0x11", "bold:1", "invert:1", "feed:4", "cut:1", "status:2". */
  commands: string[];
  /** The code page text was decoded in last (null before ESC t). */
  codepage: string | null;
  /** Bytes that were neither text nor a known command, as "0x1c" etc. */
  unknown: string[];
  /** Text bytes ≥ 0x80 sent before any ESC t (undefined meaning on the printer). */
  textBeforeCodepage: boolean;
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, "0")}`;

export function decodeEscPos(bytes: Uint8Array): DecodedSlip {
  const slip: DecodedSlip = { lines: [], commands: [], codepage: null, unknown: [], textBeforeCodepage: false };
  let page: { name: string; high: string } | null = null;
  let style = { width: 1, height: 1, bold: false, invert: false };
  let segments: DecodedSegment[] = [];
  const put = (char: string) => {
    const last = segments[segments.length - 1];
    if (last && last.width === style.width && last.height === style.height && last.bold === style.bold && last.invert === style.invert) last.text += char;
    else segments.push({ text: char, ...style });
  };
  const endLine = () => {
    const text = segments.map((s) => s.text).join("");
    slip.lines.push({ text, columns: segments.reduce((n, s) => n + s.text.length * s.width, 0), segments });
    segments = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const arg = (k: number) => bytes[i + k] ?? -1;
    if (b === 0x0a) endLine();
    else if (b === 0x1b && arg(1) === 0x40) {
      slip.commands.push("init");
      style = { width: 1, height: 1, bold: false, invert: false };
      i += 1;
    } else if (b === 0x1b && arg(1) === 0x74) {
      page = PAGES[arg(2)] ?? null;
      slip.codepage = page?.name ?? `unknown:${arg(2)}`;
      slip.commands.push(`codepage:${arg(2)}`);
      i += 2;
    } else if (b === 0x1b && arg(1) === 0x45) {
      style = { ...style, bold: (arg(2) & 1) === 1 };
      slip.commands.push(`bold:${arg(2)}`);
      i += 2;
    } else if (b === 0x1d && arg(1) === 0x42) {
      style = { ...style, invert: (arg(2) & 1) === 1 };
      slip.commands.push(`invert:${arg(2)}`);
      i += 2;
    } else if (b === 0x1d && arg(1) === 0x21) {
      style = { ...style, width: ((arg(2) >> 4) & 7) + 1, height: (arg(2) & 7) + 1 };
      slip.commands.push(`size:${hex(arg(2))}`);
      i += 2;
    } else if (b === 0x1b && arg(1) === 0x64) {
      for (let n = 0; n < arg(2); n++) endLine();
      slip.commands.push(`feed:${arg(2)}`);
      i += 2;
    } else if (b === 0x1d && arg(1) === 0x56) {
      const m = arg(2);
      slip.commands.push(`cut:${m}`);
      i += m === 65 || m === 66 ? 3 : 2;
    } else if (b === 0x10 && arg(1) === 0x04) {
      slip.commands.push(`status:${arg(2)}`);
      i += 2;
    } else if (b >= 0x20 && b < 0x7f) put(String.fromCharCode(b));
    else if (b >= 0x80) {
      if (!page) slip.textBeforeCodepage = true;
      put((page ?? PAGES[19]!).high[b - 0x80]!);
    } else slip.unknown.push(hex(b));
  }
  if (segments.length > 0) endLine();
  return slip;
}

/** The lines of a decoded slip as plain text, the empty lines of the final feed left off. */
export function slipText(slip: DecodedSlip): string[] {
  const lines = slip.lines.map((l) => l.text);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
