// The printers of config.json as the print code asks about them: which printer a station prints
// on and how, where receipts go, a printer's fallback, and the stations that print on a printer
// (a station's screen gets its printer's state only).
import type { EventConfig, PrinterConfig } from "../config/schema.ts";

export function printerById(config: EventConfig, id: string): PrinterConfig | undefined {
  return config.printers.find((p) => p.id === id);
}

/** The station's printer and how it prints, or undefined when the station has none. */
export function stationPrinting(config: EventConfig, station: string): { printer: PrinterConfig; print: "ticket" | "items"; name: string } | undefined {
  const s = config.stations.find((x) => x.id === station);
  const printer = s?.printer === undefined ? undefined : printerById(config, s.printer);
  return s && printer && { printer, print: s.print, name: s.name };
}

/** The stations whose tickets print on this printer. */
export function stationsOf(config: EventConfig, printer: string): string[] {
  return config.stations.filter((s) => s.printer === printer).map((s) => s.id);
}

/** The printer guest receipts print on, if any. */
export function receiptPrinter(config: EventConfig): PrinterConfig | undefined {
  const id = config.payment.receipt_printer;
  return id === undefined ? undefined : printerById(config, id);
}
