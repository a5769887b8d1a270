// Properties of every slip, for any names, notes and widths: no line is wider than the paper, no
// character is silently dropped (what the code page lacks shows as "?"), no text turns into a
// printer command, and the preview is exactly what the bytes print. Plus the printer status bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStatus, parseStatusReply, previewLines, renderDocument, statusRequest, type RenderOptions } from "../../worker/print/layout/index.ts";
import type { PrintDocument, PrintLine } from "../../worker/protocol/print.ts";
import { decodeEscPos, slipText } from "../print-decode.ts";
import { SAMPLE_AT } from "../print-samples.ts";

/** Pieces of text and how they must print in CP858 (and in Windows-1252 where that differs). */
const PIECES: [string, string, string?][] = [
  ["a", "a"], ["Z", "Z"], ["7", "7"], ["-", "-"], ["ä", "ä"], ["Ö", "Ö"], ["ü", "ü"], ["ß", "ß"], ["€", "€"],
  ["é", "é"], ["è", "è"], ["×", "×"], ["§", "§"], ["o\u0308", "ö"], ["😀", "?"], ["←", "?"], ["►", "?"],
  ["中", "?"], ["ł", "?"], ["\u0007", "?"], ["\u001b", "?"], ["…", "...", "…"], ["„", '"', "„"], [" ", " "], ["\u00a0", " "],
];
type Piece = (typeof PIECES)[number];
type Field = { input: string; pieces: Piece[] };
const field = (maxLength: number) => fc.array(fc.constantFrom(...PIECES), { maxLength }).map((pieces): Field => ({ input: pieces.map((p) => p[0]).join(""), pieces }));
const shown = (f: Field, codepage: string) => f.pieces.map((p) => (codepage === "windows1252" ? (p[2] ?? p[1]) : p[1])).join("");

const printLine = fc.record({ qty: fc.integer({ min: 1, max: 999 }), name: field(70), options: fc.array(field(30), { maxLength: 2 }), note: field(90) });
const asLine = (l: { qty: number; name: Field; options: Field[]; note: Field }): PrintLine => ({ qty: l.qty, name: l.name.input, options: l.options.map((o) => o.input), note: l.note.input });
const shownOf = (l: { name: Field; options: Field[]; note: Field }) => [l.name, ...l.options, l.note];

const slipCase = fc.record({
  kind: fc.constantFrom("ticket" as const, "void" as const, "bon" as const, "receipt" as const),
  table: field(12),
  waiter: field(30),
  station: field(20),
  lines: fc.array(printLine, { minLength: 1, maxLength: 3 }),
  cents: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 4, maxLength: 4 }),
  width: fc.integer({ min: 24, max: 64 }),
  language: fc.constantFrom("de" as const, "en" as const),
  codepage: fc.constantFrom("cp858" as const, "windows1252" as const),
  reprint: fc.boolean(),
});

type SlipCase = typeof slipCase extends fc.Arbitrary<infer T> ? T : never;

function documentOf(c: SlipCase): { doc: PrintDocument; fields: Field[] } {
  const base = { station: c.station.input, table: c.table.input, orderRef: "ab12cd", waiter: c.waiter.input, at: SAMPLE_AT };
  const common = [c.station, c.table, c.waiter];
  const lines = c.lines.map(asLine);
  if (c.kind === "ticket") return { doc: { kind: "ticket", ...base, lines, ...(c.reprint ? { reprint: { reason: "moved", from: c.table.input } } : {}) }, fields: [...common, ...c.lines.flatMap(shownOf)] };
  if (c.kind === "void") return { doc: { kind: "void", ...base, lines }, fields: [...common, ...c.lines.flatMap(shownOf)] };
  if (c.kind === "bon") return { doc: { kind: "bon", ...base, line: { ...lines[0]!, qty: 1 }, index: 1, of: 1 }, fields: [...common, ...shownOf(c.lines[0]!)] };
  const [depositCents, depositReturnCents, tipCents, unit] = c.cents as [number, number, number, number];
  const receiptLines = c.lines.map((l) => ({ qty: l.qty, name: l.name.input, unitCents: unit, totalCents: unit * l.qty }));
  const totalCents = receiptLines.reduce((s, l) => s + l.totalCents, 0) + depositCents - depositReturnCents + tipCents;
  const doc: PrintDocument = {
    kind: "receipt", venue: { name: c.station.input, lines: [c.table.input] }, receiptNo: "2026-0001", paymentId: "p", at: SAMPLE_AT,
    table: c.table.input, waiter: c.waiter.input, currency: "EUR", lines: receiptLines, depositCents, depositReturnCents, tipCents, totalCents, method: "cash", business: c.reprint,
  };
  return { doc, fields: [...common, ...c.lines.map((l) => l.name)] };
}

const compact = (s: string) => s.replace(/\s+/g, "");

describe("every slip, for any text and width", () => {
  it("fits the width, drops no character, sends no text as a command, and previews what it prints", () => {
    fc.assert(
      fc.property(slipCase, (c) => {
        const { doc, fields } = documentOf(c);
        const opts: RenderOptions = { width: c.width, language: c.language, currency: "EUR", codepage: c.codepage };
        const slip = decodeEscPos(renderDocument(doc, opts));
        expect(slip.unknown).toEqual([]);
        expect(slip.commands.slice(0, 2)).toEqual(["init", c.codepage === "cp858" ? "codepage:19" : "codepage:16"]);
        expect(slip.commands.at(-1)).toBe("cut:1");
        expect(slip.commands.every((cmd) => /^(init|codepage|size|bold|invert|feed|cut):/.test(cmd) || cmd === "init")).toBe(true);
        for (const line of slip.lines) expect(line.columns).toBeLessThanOrEqual(c.width);
        const text = slipText(slip);
        expect(text).toEqual(previewLines(doc, opts));
        const all = compact(text.join(""));
        for (const f of fields) expect(all).toContain(compact(shown(f, c.codepage)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("printer status (DLE EOT)", () => {
  it("asks for the printer, the offline cause and the paper sensor", () => {
    expect([...statusRequest()]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4]);
    expect([...statusRequest(2)]).toEqual([0x10, 0x04, 2]);
  });

  it("reads cover open, paper out and offline from the answers", () => {
    expect(parseStatus(0x12, 1)).toBe("ok");
    expect(parseStatus(0x16, 1)).toBe("ok"); // drawer pin high: not a printer problem
    expect(parseStatus(0x1a, 1)).toBe("offline");
    expect(parseStatus(0x12, 2)).toBe("ok");
    expect(parseStatus(0x16, 2)).toBe("cover_open");
    expect(parseStatus(0x32, 2)).toBe("paper_out");
    expect(parseStatus(0x52, 2)).toBe("offline");
    expect(parseStatus(0x12, 4)).toBe("ok");
    expect(parseStatus(0x1e, 4)).toBe("ok"); // paper near its end: still printing
    expect(parseStatus(0x72, 4)).toBe("paper_out");
    expect(parseStatus(0x00, 4)).toBe("unknown");
    expect(parseStatus(0x41, 1)).toBe("unknown");
  });

  it("sums the three answers up as the most pressing condition", () => {
    expect(parseStatusReply(Uint8Array.from([0x12, 0x12, 0x12]))).toBe("ok");
    expect(parseStatusReply(Uint8Array.from([0x1a, 0x36, 0x72]))).toBe("cover_open");
    expect(parseStatusReply(Uint8Array.from([0x1a, 0x32, 0x72]))).toBe("paper_out");
    expect(parseStatusReply(Uint8Array.from([0x1a, 0x52, 0x12]))).toBe("offline");
    expect(parseStatusReply(Uint8Array.from([0x12, 0x12]))).toBe("unknown");
  });
});
