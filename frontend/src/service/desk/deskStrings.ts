// The cash desk's words (issue 22), German and English: loaded with the desk, not with the app
// (the waiter app's size budget, scripts/report-size.ts).
import type { Dictionary } from "../../lib/i18n.ts";

type Key =
  | "unknownCounter"
  | "tapProducts"
  | "guest"
  | "less"
  | "more"
  | "clear"
  | "checkout"
  | "payTitle"
  | "pay"
  | "changeDue"
  | "number"
  | "numberFollows"
  | "numberComing"
  | "refused"
  | "paid"
  | "nextGuest"
  | "laterNumbers"
  | "laterArrived"
  | "laterWaiting"
  | "dismiss"
  | "wait"
  | "vouchers"
  | "amount"
  | "sell"
  | "sold"
  | "soldWaiting"
  | "voucherEntry"
  | "backspace"
  | "changed";

export const deskStrings: Dictionary<Key> = {
  de: {
    unknownCounter: "Diese Kasse gibt es in der Veranstaltung nicht ({id}).",
    tapProducts: "Produkte antippen – jedes Tippen zählt eins dazu.",
    guest: "Dieser Gast",
    less: "{name} eins weniger",
    more: "{name} eins mehr",
    clear: "Alles leeren",
    checkout: "Kassieren",
    payTitle: "Kassieren",
    pay: "{amount} kassieren",
    changeDue: "Rückgeld",
    number: "Nr. {number}",
    numberFollows: "Nummer folgt, sobald das Netz wieder da ist",
    numberComing: "Nummer kommt …",
    refused: "Der Server hat diese Bestellung abgelehnt – bitte unter „Prüfen nötig“ ansehen.",
    paid: "Bezahlt: {amount} · {method}",
    nextGuest: "Nächster Gast",
    laterNumbers: "Nummern für frühere Gäste",
    laterArrived: "Nr. {number} · Gast von {time} ({amount})",
    laterWaiting: "Gast von {time} ({amount}): Nummer folgt",
    dismiss: "Ausblenden",
    wait: "{station} ca. {minutes} Min.",
    vouchers: "Wertmarken verkaufen",
    amount: "Betrag",
    sell: "Wertmarken für {amount} verkaufen",
    sold: "Wertmarken verkauft: {amount}",
    soldWaiting: "Wartet auf das Netz und wird einmal gesendet.",
    voucherEntry: "Wertmarken {amount} · {method}",
    backspace: "Letzte Ziffer löschen",
    changed: "Vom Server abgelehnt, bitte prüfen: {names}. Die Zahlung dazu steht unter „Prüfen nötig“; dann neu kassieren.",
  },
  en: {
    unknownCounter: "This event has no such cash desk ({id}).",
    tapProducts: "Tap products – each tap adds one.",
    guest: "This guest",
    less: "{name} one less",
    more: "{name} one more",
    clear: "Clear all",
    checkout: "Take payment",
    payTitle: "Take payment",
    pay: "Take {amount}",
    changeDue: "Change",
    number: "No. {number}",
    numberFollows: "Number follows when the network is back",
    numberComing: "Number coming …",
    refused: "The server refused this order – please look under “Needs attention”.",
    paid: "Paid: {amount} · {method}",
    nextGuest: "Next guest",
    laterNumbers: "Numbers for earlier guests",
    laterArrived: "No. {number} · guest of {time} ({amount})",
    laterWaiting: "Guest of {time} ({amount}): number follows",
    dismiss: "Hide",
    wait: "{station} approx. {minutes} min",
    vouchers: "Sell vouchers",
    amount: "Amount",
    sell: "Sell vouchers for {amount}",
    sold: "Vouchers sold: {amount}",
    soldWaiting: "Waits for the network and will be sent once.",
    voucherEntry: "Vouchers {amount} · {method}",
    backspace: "Delete last digit",
    changed: "Refused by the server, please check: {names}. Its payment is under “Needs attention”; then take payment again.",
  },
};

/** The desk's translator, as `translator(deskStrings, language)` makes it. */
export type DeskT = (key: Key, params?: Record<string, string | number>) => string;
