// The guest receipt as printed: venue, number, date, table, waiter, each line with unit and line
// price, deposit, deposits back, tip, total and method; the Bewirtungsbeleg adds the lines to fill in.
import { describe, expect, it } from "vitest";
import { previewLines, renderDocument, type RenderOptions } from "../../worker/print/layout/index.ts";
import type { ReceiptDocument } from "../../worker/protocol/print.ts";
import { decodeEscPos, slipText } from "../print-decode.ts";
import { sampleReceipt } from "../print-samples.ts";

const de48: RenderOptions = { width: 48, language: "de", currency: "EUR" };
const printed = (doc: ReceiptDocument, opts = de48) => slipText(decodeEscPos(renderDocument(doc, opts)));
/** The line that starts with `left`, with its right-hand column. */
const row = (lines: string[], left: string) => {
  const line = lines.find((l) => l.startsWith(left));
  if (!line) throw new Error(`no line starting "${left}" in:\n${lines.join("\n")}`);
  return line.slice(left.length).trim();
};

describe("guest receipt", () => {
  it("shows the venue, the receipt number, the local date and time, the table and the waiter", () => {
    const lines = printed(sampleReceipt);
    expect(lines.slice(0, 3).map((l) => l.trim())).toEqual(["TSV Musterdorf e.V.", "Sportplatzweg 1", "12345 Musterdorf"]);
    expect(lines).toContain("Beleg-Nr. 2026-0042");
    expect(lines.find((l) => l.startsWith("04.07.2026 22:05"))).toMatch(/ Tisch A3$/);
    expect(lines).toContain("Bedienung: Jürgen");
  });

  it("lists qty × name with the line price at the right and the unit price under it, then deposit, deposit back, tip and total", () => {
    const lines = printed(sampleReceipt);
    expect(row(lines, "3 × Pils 0,5 l")).toBe("12,60 €");
    expect(lines).toContain("    je 4,20 €");
    expect(row(lines, "1 × Apfelschorle")).toBe("3,00 €");
    expect(lines.some((l) => l.includes("je 3,00"))).toBe(false);
    // A long name wraps under its quantity; its price ends the last line.
    expect(lines).toContain("2 × Schnitzel Wiener Art mit Pommes");
    expect(row(lines, "    frites")).toBe("25,00 €");
    expect(row(lines, "Zwischensumme")).toBe("40,60 €");
    expect(row(lines, "Pfand zurück")).toBe("-4,00 €");
    expect(row(lines, "Pfand ")).toBe("8,00 €");
    expect(row(lines, "Trinkgeld")).toBe("2,40 €");
    expect(row(lines, "SUMME")).toBe("47,00 €");
    expect(lines).toContain("Zahlart: Bar");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(48);
  });

  it("prints the total in tall bold type, and leaves out deposit and tip lines that are zero", () => {
    const slip = decodeEscPos(renderDocument(sampleReceipt, de48));
    const total = slip.lines.find((l) => l.text.startsWith("SUMME"))!;
    expect(total.segments.find((s) => s.text.includes("47,00"))).toMatchObject({ height: 2, bold: true });
    const plain = printed({ ...sampleReceipt, depositCents: 0, depositReturnCents: 0, tipCents: 0, totalCents: 4060, method: "card" });
    expect(plain.some((l) => /Pfand|Trinkgeld|Zwischensumme/.test(l))).toBe(false);
    expect(row(plain, "SUMME")).toBe("40,60 €");
    expect(plain).toContain("Zahlart: Karte");
    expect(plain.map((l) => l.trim())).toContain("Vielen Dank!");
  });

  it("in English, formats money the English way and names the method", () => {
    const lines = printed({ ...sampleReceipt, method: "voucher" }, { ...de48, width: 32, language: "en" });
    expect(lines).toContain("Receipt no. 2026-0042");
    expect(lines.find((l) => l.startsWith("04/07/2026 22:05"))).toMatch(/ Table A3$/);
    expect(row(lines, "TOTAL")).toBe("€47.00");
    expect(row(lines, "Deposit returned")).toBe("-€4.00");
    expect(lines).toContain("Payment: Voucher");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(32);
  });

  it("as a Bewirtungsbeleg adds the lines a guest fills in: persons, occasion, place and date, signature", () => {
    for (const width of [32, 48]) {
      const lines = printed({ ...sampleReceipt, business: true }, { ...de48, width });
      const text = lines.join(" ");
      expect(lines.some((l) => l.trim() === "BEWIRTUNGSBELEG")).toBe(true);
      expect(text).toMatch(/§ 4 Abs\. 5/);
      const after = (label: string) => lines.slice(lines.indexOf(label) + 1, lines.indexOf(label) + 4);
      for (const label of ["Bewirtete Personen:", "Anlass der Bewirtung:", "Ort, Datum:", "Unterschrift:"]) {
        expect(lines).toContain(label);
        expect(after(label)).toContain("_".repeat(width));
      }
      expect(lines.some((l) => l.includes("Vielen Dank"))).toBe(false);
    }
    const english = printed({ ...sampleReceipt, business: true }, { ...de48, language: "en" });
    for (const label of ["Persons entertained:", "Occasion:", "Place, date:", "Signature:"]) expect(english).toContain(label);
  });

  it("previewLines (the receipt page) is the decoded text of the bytes", () => {
    for (const business of [false, true]) {
      for (const opts of [de48, { ...de48, width: 32, language: "en" as const }]) {
        const doc = { ...sampleReceipt, business };
        expect(printed(doc, opts)).toEqual(previewLines(doc, opts));
      }
    }
  });
});
