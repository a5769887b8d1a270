// Kitchen tickets, Storno slips and Bons as a printer receives them: the ESC/POS bytes are decoded
// (test/print-decode.ts, with its own code page tables) and checked for what a cook reads.
import { describe, expect, it } from "vitest";
import { layoutDocument, previewLines, renderDocument, type RenderOptions } from "../../worker/print/layout/index.ts";
import type { TicketDocument } from "../../worker/protocol/print.ts";
import { decodeEscPos, slipText, type DecodedLine } from "../print-decode.ts";
import { sampleBon, sampleTicket, sampleVoid } from "../print-samples.ts";

const de48: RenderOptions = { width: 48, language: "de", currency: "EUR" };
const de32: RenderOptions = { ...de48, width: 32 };
const decode = (doc: Parameters<typeof renderDocument>[0], opts = de48) => decodeEscPos(renderDocument(doc, opts));
const lineWith = (lines: DecodedLine[], text: string) => {
  const found = lines.find((l) => l.text.includes(text));
  if (!found) throw new Error(`no line with "${text}" in:\n${lines.map((l) => l.text).join("\n")}`);
  return found;
};
const containsBytes = (bytes: Uint8Array, run: number[]) => bytes.some((_, i) => run.every((b, k) => bytes[i + k] === b));
const styled = (line: DecodedLine, text: string) => line.segments.find((s) => s.text.includes(text))!;

describe("kitchen ticket", () => {
  it("starts with ESC @ and ESC t (CP858), ends with a feed and a cut, and holds no unknown bytes", () => {
    const slip = decode(sampleTicket);
    expect(slip.commands.slice(0, 2)).toEqual(["init", "codepage:19"]);
    expect(slip.commands.slice(-2)).toEqual(["feed:4", "cut:1"]);
    expect(slip.codepage).toBe("cp858");
    expect(slip.unknown).toEqual([]);
    expect(slip.textBeforeCodepage).toBe(false);
  });

  it("shows the table and the quantities in large type, names tall, options bold and the note inverted", () => {
    const { lines } = decode(sampleTicket);
    expect(styled(lineWith(lines, "Tisch A3"), "Tisch A3")).toMatchObject({ width: 2, height: 2, bold: true });
    const schnitzel = lineWith(lines, "2 × Schnitzel");
    expect(styled(schnitzel, "2 ×")).toMatchObject({ width: 2, height: 2 });
    expect(styled(schnitzel, "Schnitzel")).toMatchObject({ width: 1, height: 2, bold: true });
    expect(styled(lineWith(lines, "12 × "), "12 ×")).toMatchObject({ width: 2, height: 2 });
    expect(styled(lineWith(lines, "+ ohne Zwiebeln"), "ohne Zwiebeln")).toMatchObject({ bold: true, invert: false });
    expect(styled(lineWith(lines, "! Allergie: Nüsse!"), "Allergie")).toMatchObject({ invert: true });
    expect(lineWith(lines, "Küche").segments.some((s) => s.height === 2)).toBe(true);
  });

  it("names the waiter, the local time of the order (Europe/Berlin unless told) and the order's reference", () => {
    const text = slipText(decode(sampleTicket));
    expect(text.find((l) => l.startsWith("Bedienung: Jürgen"))).toMatch(/21:15$/);
    expect(text).toContain("Bestellung #7f3a9c");
    const utc = slipText(decode(sampleTicket, { ...de48, timeZone: "UTC" }));
    expect(utc.find((l) => l.startsWith("Bedienung:"))).toMatch(/19:15$/);
    const english = slipText(decode(sampleTicket, { ...de48, language: "en", timeZone: "America/New_York" }));
    expect(english.find((l) => l.startsWith("Waiter: Jürgen"))).toMatch(/15:15$/);
    expect(english).toContain("Order #7f3a9c");
  });

  it("prints umlauts, ß and € as CP858 bytes, never as UTF-8", () => {
    const doc: TicketDocument = { ...sampleTicket, lines: [{ qty: 1, name: "Größe ÄÖÜ äöü ß", options: ["é è"], note: "Preis 3 €" }] };
    const bytes = renderDocument(doc, de48);
    const text = slipText(decodeEscPos(bytes)).join("\n");
    expect(text).toContain("Größe ÄÖÜ äöü ß");
    expect(text).toContain("+ é è");
    expect(text).toContain("! Preis 3 €");
    for (const byte of [0x94, 0xe1, 0x8e, 0x99, 0x9a, 0x84, 0x81, 0x82, 0x8a, 0xd5]) expect(bytes).toContain(byte);
    // UTF-8 would send ö as C3 B6 and € as E2 82 AC.
    expect(containsBytes(bytes, [0xc3, 0xb6])).toBe(false);
    expect(containsBytes(bytes, [0xe2, 0x82, 0xac])).toBe(false);
    expect(containsBytes(bytes, [0x47, 0x72, 0x94, 0xe1, 0x65])).toBe(true); // Größe
  });

  it("selects Windows-1252 with ESC t 16 when asked, with € as 0x80", () => {
    const bytes = renderDocument({ ...sampleTicket, lines: [{ qty: 1, name: "Bier", options: [], note: "2 €" }] }, { ...de48, codepage: "windows1252" });
    const slip = decodeEscPos(bytes);
    expect(slip.commands[1]).toBe("codepage:16");
    expect(bytes).toContain(0x80);
    expect(slipText(slip)).toContain("    ! 2 €");
  });

  it("replaces what the code page lacks by a visible ?, and no text becomes a printer command", () => {
    // In CP437's picture glyphs "←" is 0x1B (ESC), "↔" 0x1D (GS), "►" 0x10 (DLE) and "§" 0x15.
    const doc: TicketDocument = { ...sampleTicket, lines: [{ qty: 1, name: "Pizza 🍕 ←↔►", options: ["中"], note: "§ 4 „gut“ – ok…" }] };
    const slip = decode(doc);
    const text = slipText(slip);
    expect(text).toContain("1 × Pizza ? ???");
    expect(text).toContain("    + ?");
    expect(text).toContain('    ! § 4 "gut" - ok...');
    expect(slip.unknown).toEqual([]);
    expect(slip.commands.filter((c) => !/^(init|codepage|size|bold|invert|feed|cut)/.test(c))).toEqual([]);
  });

  it("fits 32 and 48 columns, wrapping long names between words", () => {
    for (const opts of [de32, de48]) {
      const slip = decode(sampleTicket, opts);
      for (const line of slip.lines) expect(line.columns).toBeLessThanOrEqual(opts.width);
      expect(slipText(slip).join(" ")).toMatch(/Schnitzel Wiener Art mit\s+Pommes frites/);
      for (const word of ["Schnitzel", "Wiener", "Pommes", "frites"]) expect(slip.lines.some((l) => l.text.includes(word))).toBe(true);
    }
    const narrow = slipText(decode(sampleTicket, de32));
    expect(narrow).toContain("2 × Schnitzel Wiener Art mit");
    expect(narrow).toContain("        Pommes frites");
  });

  it("previewLines is the decoded text of the bytes, line for line", () => {
    for (const doc of [sampleTicket, sampleVoid, sampleBon]) {
      for (const opts of [de32, de48]) expect(slipText(decode(doc, opts))).toEqual(previewLines(doc, opts));
    }
    expect(layoutDocument(sampleTicket, de48).length).toBe(previewLines(sampleTicket, de48).length);
  });

  it("marks a reprint, and names the table a moved ticket came from", () => {
    const asked = slipText(decode({ ...sampleTicket, reprint: { reason: "request" } }));
    expect(asked.some((l) => l.includes("NACHDRUCK"))).toBe(true);
    expect(asked.some((l) => l.includes("von Tisch"))).toBe(false);
    const moved = decode({ ...sampleTicket, table: "C1", reprint: { reason: "moved", from: "A3" } });
    expect(styled(lineWith(moved.lines, "NACHDRUCK"), "NACHDRUCK")).toMatchObject({ invert: true });
    expect(slipText(moved).some((l) => l.trim() === "von Tisch A3")).toBe(true);
    expect(styled(lineWith(moved.lines, "Tisch C1"), "Tisch C1")).toMatchObject({ width: 2 });
    expect(slipText(decode(sampleTicket)).some((l) => l.includes("NACHDRUCK"))).toBe(false);
  });

  it("shows a counter order's number in large type, with the counter's name", () => {
    const { lines } = decode({ ...sampleTicket, table: "Kasse 1", number: 42 });
    expect(styled(lineWith(lines, "Nr. 42"), "Nr. 42")).toMatchObject({ width: 2, height: 2 });
    expect(lines.some((l) => l.text.trim() === "Kasse 1")).toBe(true);
  });

  it("prints a table order's number under the table, so the slip matches the screens", () => {
    const { lines } = decode({ ...sampleTicket, tableNumber: 17 });
    const table = lines.findIndex((l) => l.text.includes("Tisch A3"));
    expect(lines[table + 1]!.text.trim()).toBe("Nr. 17");
    expect(styled(lines[table + 1]!, "Nr. 17")).toMatchObject({ width: 1, height: 1, bold: true });
    const bon = decode({ ...sampleBon, tableNumber: 17 }, de32);
    expect(lineWith(bon.lines, "Tisch B7").text).toMatch(/^Tisch B7 · Nr\. 17 +1\/3$/);
  });
});

describe("Storno slip", () => {
  it("has STORNO large and inverted at the top and the bottom, then the table and the voided lines", () => {
    const slip = decode(sampleVoid);
    const text = slipText(slip);
    expect(text[0]!.trim()).toBe("STORNO");
    expect(text[text.length - 1]!.trim()).toBe("STORNO");
    expect(styled(slip.lines[0]!, "STORNO")).toMatchObject({ width: 2, height: 2, invert: true });
    expect(text.some((l) => l.includes("Tisch A3"))).toBe(true);
    expect(text).toContain("1 × Käsespätzle");
    expect(text.find((l) => l.startsWith("Bedienung:"))).toMatch(/21:19$/);
    expect(slipText(decode(sampleVoid, { ...de48, language: "en" }))[0]!.trim()).toBe("VOID");
  });
});

describe("Bon", () => {
  it("shows the item large, its option, the table and which Bon of how many it is", () => {
    for (const opts of [de32, de48]) {
      const slip = decode(sampleBon, opts);
      expect(styled(lineWith(slip.lines, "Radler 0,5 l"), "Radler")).toMatchObject({ width: 2, height: 2 });
      const place = lineWith(slip.lines, "Tisch B7");
      expect(place.text).toMatch(/^Tisch B7 +1\/3$/);
      expect(place.columns).toBe(opts.width);
      expect(slipText(slip)).toContain("+ Zitrone");
      expect(slip.commands.at(-1)).toBe("cut:1");
    }
  });
});

describe("the test decoder itself", () => {
  it("reads hand-written ESC/POS: text in the selected page, styles, feed and cut, and records bytes it does not know", () => {
    const bytes = Uint8Array.from([
      0x1b, 0x40, 0x1b, 0x74, 19, 0x1d, 0x21, 0x11, 0x41, 0x84, 0x1d, 0x21, 0x00, 0x20, 0x1b, 0x45, 1, 0xd5, 0x1b, 0x45, 0, 0x0a,
      0x1d, 0x42, 1, 0x9a, 0x1d, 0x42, 0, 0x1c, 0x0a, 0x1b, 0x64, 2, 0x1d, 0x56, 0x42, 3,
    ]);
    const slip = decodeEscPos(bytes);
    expect(slip.commands).toEqual(["init", "codepage:19", "size:0x11", "size:0x00", "bold:1", "bold:0", "invert:1", "invert:0", "feed:2", "cut:66"]);
    expect(slip.lines.map((l) => l.text)).toEqual(["Aä €", "Ü", "", ""]);
    expect(slip.lines[0]!.columns).toBe(6);
    expect(slip.lines[0]!.segments).toMatchObject([{ text: "Aä", width: 2, height: 2 }, { text: " ", width: 1 }, { text: "€", bold: true }]);
    expect(slip.lines[1]!.segments[0]).toMatchObject({ text: "Ü", invert: true });
    expect(slip.unknown).toEqual(["0x1c"]);
    expect(decodeEscPos(Uint8Array.from([0x1b, 0x74, 16, 0x80, 0xe4])).lines[0]!.text).toBe("€ä");
    expect(decodeEscPos(Uint8Array.from([0x84])).textBeforeCodepage).toBe(true);
  });
});
