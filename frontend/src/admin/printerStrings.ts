// The words of /admin's printer page (issue 21), German and English. A printer's and a job's
// state are printing's shared words (lib/printStrings.ts).
import type { Dictionary } from "../lib/i18n.ts";

type Key =
  | "heading"
  | "intro"
  | "none"
  | "noJobs"
  | "waiting"
  | "colTime"
  | "colTitle"
  | "colState"
  | "colAttempts"
  | "decideOne"
  | "decideCount"
  | "decideUnsure"
  | "decideStale"
  | "printAnyway"
  | "reprintDone"
  | "cancelDone"
  | "fallbackBy"
  | "troubleLink";

export const printerStrings: Dictionary<Key> = {
  de: {
    heading: "Drucker",
    intro: "Jeder Drucker mit seinem Zustand und seinen Aufträgen, neueste zuerst. Nachdrucken druckt denselben Bon noch einmal.",
    none: "Keine Drucker eingerichtet (config.json: printers).",
    noJobs: "Noch keine Aufträge.",
    waiting: "{n} warten",
    colTime: "Zeit",
    colTitle: "Auftrag",
    colState: "Zustand",
    colAttempts: "Versuche / letzter Fehler",
    decideOne: "1 Auftrag braucht eine Entscheidung",
    decideCount: "{n} Aufträge brauchen eine Entscheidung",
    decideUnsure: "Beim Senden unterbrochen: bitte am Drucker nachsehen. Fehlt der Bon, „Drucken“, sonst „Verwerfen“.",
    decideStale: "Zu lange gewartet, nicht von selbst gedruckt. Wird er noch gebraucht? „Drucken“ oder „Verwerfen“.",
    printAnyway: "Drucken",
    reprintDone: "Nachdruck geschickt: {title}",
    cancelDone: "Verworfen: {title}",
    fallbackBy: "gedruckt auf {printer}",
    troubleLink: "Zu den Druckern",
  },
  en: {
    heading: "Printers",
    intro: "Every printer with its state and its jobs, newest first. Reprint prints the same slip again.",
    none: "No printers configured (config.json: printers).",
    noJobs: "No jobs yet.",
    waiting: "{n} waiting",
    colTime: "Time",
    colTitle: "Job",
    colState: "State",
    colAttempts: "Attempts / last error",
    decideOne: "1 job needs a decision",
    decideCount: "{n} jobs need a decision",
    decideUnsure: "Cut short while sending: check the printer. If the slip is missing, “Print”, otherwise “Discard”.",
    decideStale: "Waited too long, not printed by itself. Is it still needed? “Print” or “Discard”.",
    printAnyway: "Print",
    reprintDone: "Reprint sent: {title}",
    cancelDone: "Discarded: {title}",
    fallbackBy: "printed on {printer}",
    troubleLink: "Go to the printers",
  },
};
