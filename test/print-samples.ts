// Sample print documents: the worker tests assert on them, and scripts/print-preview.ts draws them
// for docs/screenshots, so the pictures in the README show the slips the tests check.
import type { BonDocument, ReceiptDocument, TicketDocument, VoidDocument } from "../worker/protocol/print.ts";

/** 4 July 2026, 19:15 UTC: 21:15 in Berlin (summer time). */
export const SAMPLE_AT = Date.UTC(2026, 6, 4, 19, 15);

export const sampleTicket: TicketDocument = {
  kind: "ticket",
  station: "Küche",
  table: "A3",
  orderRef: "7f3a9c",
  waiter: "Jürgen",
  at: SAMPLE_AT,
  lines: [
    { qty: 2, name: "Schnitzel Wiener Art mit Pommes frites", options: ["ohne Zwiebeln", "Soße extra"], note: "Allergie: Nüsse!" },
    { qty: 1, name: "Käsespätzle", options: [], note: "" },
    { qty: 12, name: "Bratwurst", options: ["Brötchen"], note: "für die Jugend, à 2 €" },
  ],
};

export const sampleVoid: VoidDocument = {
  kind: "void",
  station: "Küche",
  table: "A3",
  orderRef: "7f3a9c",
  waiter: "Jürgen",
  at: SAMPLE_AT + 4 * 60_000,
  lines: [{ qty: 1, name: "Käsespätzle", options: [], note: "" }],
};

export const sampleBon: BonDocument = {
  kind: "bon",
  station: "Getränke",
  table: "B7",
  orderRef: "c01d2e",
  waiter: "Anna",
  at: SAMPLE_AT,
  line: { qty: 1, name: "Radler 0,5 l", options: ["Zitrone"], note: "" },
  index: 1,
  of: 3,
};

export const sampleReceipt: ReceiptDocument = {
  kind: "receipt",
  venue: { name: "TSV Musterdorf e.V.", lines: ["Sportplatzweg 1", "12345 Musterdorf"] },
  receiptNo: "2026-0042",
  paymentId: "5d0c2b7e-9f61-4a55-8f0e-3c1f2a7b9d10",
  at: SAMPLE_AT + 50 * 60_000,
  table: "A3",
  waiter: "Jürgen",
  currency: "EUR",
  lines: [
    { qty: 2, name: "Schnitzel Wiener Art mit Pommes frites", unitCents: 1250, totalCents: 2500 },
    { qty: 3, name: "Pils 0,5 l", unitCents: 420, totalCents: 1260 },
    { qty: 1, name: "Apfelschorle", unitCents: 300, totalCents: 300 },
  ],
  depositCents: 800,
  depositReturnCents: 400,
  tipCents: 240,
  totalCents: 4700,
  method: "cash",
  business: false,
};
