// The words of guest receipts on the phone (issue 21), German and English: loaded with the
// receipt buttons, not with the app (the waiter app's size budget).
import type { Dictionary } from "../lib/i18n.ts";

type Key = "receipt" | "business" | "show" | "sent" | "waitSent" | "title" | "close" | "dismiss" | "paidAt" | "loading";

export const receiptStrings: Dictionary<Key> = {
  de: {
    receipt: "Beleg",
    business: "Bewirtungsbeleg",
    show: "Beleg anzeigen",
    sent: "{what} geht an den Drucker",
    waitSent: "Beleg, sobald die Zahlung beim Server angekommen ist",
    title: "Beleg",
    close: "Schließen",
    dismiss: "Ausblenden",
    paidAt: "{place} bezahlt: {amount}",
    loading: "Lädt …",
  },
  en: {
    receipt: "Receipt",
    business: "Business receipt",
    show: "Show receipt",
    sent: "{what} is going to the printer",
    waitSent: "Receipt once the payment has reached the server",
    title: "Receipt",
    close: "Close",
    dismiss: "Hide",
    paidAt: "{place} paid: {amount}",
    loading: "Loading …",
  },
};
