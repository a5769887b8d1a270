// Printing's words (issue 21), shared by the station screens, /admin and the pay sheet: a
// printer's state, what waits for it, a job's state, and the banner line that puts them together
// ("Drucker Küche: keine Verbindung – 3 Bons warten").
import type { PrinterStatus, PrintJobState } from "../../../worker/protocol/print.ts";
import { translator, type Dictionary, type Language } from "./i18n.ts";

type Key =
  | "state_ok"
  | "state_offline"
  | "state_paper_out"
  | "state_cover_open"
  | "state_unknown"
  | "waitingNone"
  | "waitingOne"
  | "waitingMany"
  | "job_waiting"
  | "job_sending"
  | "job_printed"
  | "job_unsure"
  | "job_stale"
  | "job_cancelled"
  | "printedMark"
  | "reprint"
  | "reprintSent"
  | "cancel"
  | "failed";

export const printStrings: Dictionary<Key> = {
  de: {
    state_ok: "bereit",
    state_offline: "keine Verbindung",
    state_paper_out: "Papier leer",
    state_cover_open: "Deckel offen",
    state_unknown: "noch nicht erreicht",
    waitingNone: "nichts wartet",
    waitingOne: "1 Bon wartet",
    waitingMany: "{n} Bons warten",
    job_waiting: "wartet",
    job_sending: "wird gesendet",
    job_printed: "gedruckt",
    job_unsure: "unsicher – gedruckt?",
    job_stale: "zu alt – noch drucken?",
    job_cancelled: "abgebrochen",
    printedMark: "gedruckt",
    reprint: "Nachdrucken",
    reprintSent: "Nachdruck für {what} geschickt",
    cancel: "Verwerfen",
    failed: "Drucken fehlgeschlagen",
  },
  en: {
    state_ok: "ready",
    state_offline: "no connection",
    state_paper_out: "out of paper",
    state_cover_open: "cover open",
    state_unknown: "not reached yet",
    waitingNone: "nothing waiting",
    waitingOne: "1 ticket waiting",
    waitingMany: "{n} tickets waiting",
    job_waiting: "waiting",
    job_sending: "sending",
    job_printed: "printed",
    job_unsure: "unsure – did it print?",
    job_stale: "too old – print anyway?",
    job_cancelled: "cancelled",
    printedMark: "printed",
    reprint: "Reprint",
    reprintSent: "Reprint of {what} sent",
    cancel: "Discard",
    failed: "Printing failed",
  },
};

export type PrintT = ReturnType<typeof translator<Key>>;
export const printTranslator = (language: Language): PrintT => translator(printStrings, language);

/** "3 Bons warten" / "1 Bon wartet" / "nichts wartet". */
export function waitingText(t: PrintT, n: number): string {
  return n === 0 ? t("waitingNone") : n === 1 ? t("waitingOne") : t("waitingMany", { n });
}

/** "Drucker Küche: keine Verbindung – 3 Bons warten" (the waiting part only when something waits). */
export function printerBanner(t: PrintT, p: PrinterStatus): string {
  const head = `${p.name}: ${t(`state_${p.state}`)}`;
  return p.waiting > 0 ? `${head} – ${waitingText(t, p.waiting)}` : head;
}

export const jobStateText = (t: PrintT, state: PrintJobState): string => t(`job_${state}`);
