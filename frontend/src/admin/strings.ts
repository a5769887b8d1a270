// Every text of the organiser's pages, in German and English (both must have the same keys).
import type { Dictionary } from "../lib/i18n.ts";

type Key =
  // shell and availability
  | "title"
  | "availability"
  | "soldOut"
  | "onSale"
  | "quota"
  | "quotaHint"
  | "setQuota"
  | "clearQuota"
  | "left"
  | "adminOnly"
  | "saved"
  | "menuVersion"
  | "navAvailability"
  | "navMenu"
  | "navSettlement"
  | "navPayments"
  | "navAudit"
  | "navPrint"
  | "navStats"
  | "navPrinters"
  | "navAccess"
  | "loading"
  | "reload"
  // money words
  | "cash"
  | "card"
  | "voucher"
  | "free"
  | "payments"
  | "tips"
  | "cardTips"
  | "depositOut"
  | "depositBack"
  | "voided"
  | "expectedCash"
  | "expectedCashRule"
  | "expectedCashRuleVouchers"
  | "vouchersRedeemed"
  | "vouchersSoldCash"
  | "vouchersSoldCard"
  | "vouchersSoldBoth"
  | "voucherSalesTitle"
  | "noVoucherSales"
  | "voucherSaleAsk"
  | "owedToWaiter"
  | "openTables"
  | "noOpenTables"
  | "float"
  | "counted"
  | "expectedWithFloat"
  | "difference"
  | "total"
  // settlement
  | "settlementTitle"
  | "settlementHint"
  | "settlementEarlier"
  | "settlementCurrent"
  | "noWaiters"
  | "shiftSince"
  | "shiftFromStart"
  | "floatLabel"
  | "countedLabel"
  | "moneyHint"
  | "moneyBad"
  | "moneyTooLarge"
  | "store"
  | "storing"
  | "storedAt"
  | "settlementsTitle"
  | "noSettlements"
  | "time"
  | "waiter"
  | "by"
  // print
  | "printTitle"
  | "printedAt"
  | "print"
  | "currentShift"
  | "settled"
  | "totals"
  | "totalsHint"
  | "totalSettled"
  | "totalOpen"
  | "totalAll"
  | "toSettle"
  | "allSettled"
  | "nothingYet"
  // payments
  | "paymentsTitle"
  | "filterTable"
  | "filterWaiter"
  | "all"
  | "noPayments"
  | "table"
  | "method"
  | "amount"
  | "items"
  | "reverse"
  | "reverseReason"
  | "reverseConfirm"
  | "reverseAsk"
  | "cancel"
  | "reversed"
  | "reversedBy"
  | "reasonNeeded"
  | "tendered"
  | "depositReturn"
  // audit
  | "auditTitle"
  | "auditHint"
  | "noAudit"
  | "kindVoid"
  | "kindReversal"
  | "kindFree"
  | "kindTip"
  | "tipOn"
  | "what"
  | "why"
  | "value"
  | "approvedBy"
  | "paymentBy"
  | "withAdminPin"
  | "reason_mistake"
  | "reason_cancelled"
  | "reason_complaint";

export const adminStrings: Dictionary<Key> = {
  de: {
    title: "Verwaltung",
    availability: "Verfügbarkeit",
    soldOut: "Ausverkauft",
    onSale: "Verfügbar",
    quota: "Kontingent",
    quotaHint: "Anzahl, die noch verkauft werden kann (leer = unbegrenzt)",
    setQuota: "Setzen",
    clearQuota: "Unbegrenzt",
    left: "{n} übrig",
    adminOnly: "Nur mit der Admin-PIN.",
    saved: "Gespeichert",
    menuVersion: "Karten-Version {v}",
    navAvailability: "Verfügbarkeit",
    navMenu: "Speisekarte",
    navSettlement: "Abrechnung",
    navPayments: "Zahlungen",
    navAudit: "Protokoll",
    navPrint: "Abschlussbericht",
    navStats: "Statistik",
    navPrinters: "Drucker",
    navAccess: "Angemeldet",
    loading: "Lädt …",
    reload: "Neu laden",
    cash: "Bar",
    card: "Karte",
    voucher: "Wertmarken",
    free: "Frei",
    payments: "Zahlungen",
    tips: "Trinkgeld",
    cardTips: "davon per Karte",
    depositOut: "Pfand ausgegeben",
    depositBack: "Pfand zurück",
    voided: "Storniert",
    expectedCash: "Bargeld abzugeben",
    expectedCashRule: "= Bar {cash} − Trinkgeld per Karte {cardTips} (die Bedienung nimmt es sich aus der Kasse)",
    expectedCashRuleVouchers: "= Bar {cash} − Trinkgeld per Karte {cardTips} + Wertmarken verkauft (bar) {vouchers}",
    vouchersRedeemed: "Wertmarken eingelöst",
    vouchersSoldCash: "Wertmarken verkauft (bar)",
    vouchersSoldCard: "Wertmarken verkauft (Karte)",
    vouchersSoldBoth: "Wertmarken verkauft bar (Karte)",
    voucherSalesTitle: "Wertmarken verkauft (an den Kassen)",
    noVoucherSales: "Noch keine Wertmarken verkauft.",
    voucherSaleAsk: "Verkauf von Wertmarken über {amount} ({method}) zurückbuchen? Er zählt dann in der Schicht von {waiter} nicht mehr.",
    owedToWaiter: "Die Bedienung bekommt {amount} bar ausgezahlt (Trinkgeld per Karte).",
    openTables: "Offene Tische",
    noOpenTables: "keine",
    float: "Wechselgeld",
    counted: "Gezählt",
    expectedWithFloat: "Soll (mit Wechselgeld)",
    difference: "Differenz",
    total: "Summe",
    settlementTitle: "Kellnerabrechnung",
    settlementEarlier: "Frühere Veranstaltung „{name}“: das Geld, das dort kassiert wurde, auch nach dem Wechsel für ihre offenen Rechnungen.",
    settlementCurrent: "Zur laufenden Veranstaltung",
    settlementHint: "Zahlen der laufenden Schicht (seit der letzten Abrechnung). Bar, Karte, Wertmarken, Frei: Waren + Pfand aus − Pfand zurück, ohne Trinkgeld. Bargeld abzugeben = Bar − Trinkgeld per Karte (das Trinkgeld gehört der Bedienung: Bar-Trinkgeld behält sie, Karten-Trinkgeld nimmt sie sich aus der Kasse), ohne Wechselgeld.",
    noWaiters: "Noch keine Bedienung hat kassiert.",
    shiftSince: "Schicht seit {time}",
    shiftFromStart: "Schicht seit Beginn",
    floatLabel: "Wechselgeld ausgegeben",
    countedLabel: "Bargeld gezählt (mit Wechselgeld)",
    moneyHint: "Betrag wie 123,50",
    moneyBad: "Bitte einen Betrag wie 123,50 eingeben",
    moneyTooLarge: "Höchstens {max}",
    store: "Abrechnung speichern",
    storing: "Speichere …",
    storedAt: "Gespeichert um {time}: Differenz {diff}",
    settlementsTitle: "Gespeicherte Abrechnungen",
    noSettlements: "Noch keine Abrechnung gespeichert.",
    time: "Zeit",
    waiter: "Bedienung",
    by: "von",
    printTitle: "Abschlussbericht",
    printedAt: "Gedruckt am {time}",
    print: "Drucken",
    currentShift: "Laufende Schicht",
    settled: "Abgerechnet {time}",
    totals: "Summen aller Bedienungen",
    totalsHint: "Bar, Karte, Wertmarken, Frei je Schicht: Waren + Pfand aus − Pfand zurück, ohne Trinkgeld. Soll = Wechselgeld + Bar − Trinkgeld per Karte. „Summe abgerechnet“ stellt Soll, Gezählt und Differenz nur abgerechneter Schichten gegenüber; „Summe noch abzurechnen“ zeigt das Bargeld offener Schichten (ohne Wechselgeld), noch nicht gezählt; „Summe aller Schichten“ die Einnahmen nach Zahlart.",
    nothingYet: "Noch nichts",
    totalSettled: "Summe abgerechnet",
    totalOpen: "Summe noch abzurechnen",
    totalAll: "Summe aller Schichten",
    toSettle: "Noch abzurechnen: {n} von {of} Bedienungen ({names}).",
    allSettled: "Alle Bedienungen sind abgerechnet.",
    paymentsTitle: "Zahlungen",
    filterTable: "Tisch",
    filterWaiter: "Bedienung",
    all: "alle",
    noPayments: "Keine Zahlungen.",
    table: "Tisch",
    method: "Art",
    amount: "Betrag",
    items: "Positionen",
    reverse: "Zurückbuchen",
    reverseReason: "Grund der Rückbuchung",
    reverseConfirm: "Wirklich zurückbuchen",
    reverseAsk: "Zahlung {amount} an {table} zurückbuchen? Die Positionen sind danach wieder offen.",
    cancel: "Abbrechen",
    reversed: "Zurückgebucht",
    reversedBy: "um {time} von {by}: {reason}",
    reasonNeeded: "Bitte einen Grund angeben",
    tendered: "gegeben",
    depositReturn: "Pfand zurück",
    auditTitle: "Protokoll",
    auditHint: "Jede Stornierung und Rückbuchung, alles frei Ausgegebene und jedes Trinkgeld über der Grenze, neueste zuerst.",
    noAudit: "Noch keine Stornierungen, Rückbuchungen oder Freigaben.",
    kindVoid: "Storno",
    kindReversal: "Rückbuchung",
    kindFree: "Ausgegeben",
    kindTip: "Hohes Trinkgeld",
    tipOn: "Trinkgeld {tip} auf {amount} ({method})",
    what: "Was",
    why: "Grund",
    value: "Wert",
    approvedBy: "freigegeben von",
    paymentBy: "Zahlung von {waiter} ({method})",
    withAdminPin: "Admin-PIN",
    reason_mistake: "Falsch bestellt",
    reason_cancelled: "Gast hat storniert",
    reason_complaint: "Reklamation",
  },
  en: {
    title: "Admin",
    availability: "Availability",
    soldOut: "Sold out",
    onSale: "On sale",
    quota: "Quota",
    quotaHint: "How many can still be sold (empty = no limit)",
    setQuota: "Set",
    clearQuota: "No limit",
    left: "{n} left",
    adminOnly: "Admin PIN only.",
    saved: "Saved",
    menuVersion: "Menu version {v}",
    navAvailability: "Availability",
    navMenu: "Menu",
    navSettlement: "Settlement",
    navPayments: "Payments",
    navAudit: "Audit",
    navPrint: "End-of-night report",
    navStats: "Statistics",
    navPrinters: "Printers",
    navAccess: "Logged in",
    loading: "Loading …",
    reload: "Reload",
    cash: "Cash",
    card: "Card",
    voucher: "Vouchers",
    free: "Free",
    payments: "Payments",
    tips: "Tips",
    cardTips: "of which by card",
    depositOut: "Deposits out",
    depositBack: "Deposits back",
    voided: "Voided",
    expectedCash: "Cash to hand in",
    expectedCashRule: "= cash {cash} − card tips {cardTips} (the waiter takes those from the cash)",
    expectedCashRuleVouchers: "= cash {cash} − card tips {cardTips} + vouchers sold (cash) {vouchers}",
    vouchersRedeemed: "Vouchers redeemed",
    vouchersSoldCash: "Vouchers sold (cash)",
    vouchersSoldCard: "Vouchers sold (card)",
    vouchersSoldBoth: "Vouchers sold cash (card)",
    voucherSalesTitle: "Vouchers sold (at the counters)",
    noVoucherSales: "No vouchers sold yet.",
    voucherSaleAsk: "Reverse the sale of vouchers worth {amount} ({method})? It then no longer counts in {waiter}'s shift.",
    owedToWaiter: "The waiter gets {amount} paid out in cash (card tips).",
    openTables: "Open tables",
    noOpenTables: "none",
    float: "Float",
    counted: "Counted",
    expectedWithFloat: "Expected (with float)",
    difference: "Difference",
    total: "Total",
    settlementTitle: "Waiter settlement",
    settlementEarlier: "Earlier event “{name}”: the money taken there, also after the switch for the bills it left open.",
    settlementCurrent: "Back to the current event",
    settlementHint: "Figures of the current shift (since the last settlement). Cash, card, vouchers, free: goods + deposit out − deposit back, tips not included. Cash to hand in = cash − card tips (tips belong to the waiter: cash tips they keep, card tips they take from the cash), float not included.",
    noWaiters: "No waiter has taken a payment yet.",
    shiftSince: "Shift since {time}",
    shiftFromStart: "Shift since the start",
    floatLabel: "Float handed out",
    countedLabel: "Cash counted (float included)",
    moneyHint: "An amount such as 123.50",
    moneyBad: "Please enter an amount such as 123.50",
    moneyTooLarge: "At most {max}",
    store: "Store settlement",
    storing: "Storing …",
    storedAt: "Stored at {time}: difference {diff}",
    settlementsTitle: "Stored settlements",
    noSettlements: "No settlement stored yet.",
    time: "Time",
    waiter: "Waiter",
    by: "by",
    printTitle: "End-of-night report",
    printedAt: "Printed {time}",
    print: "Print",
    currentShift: "Current shift",
    settled: "Settled {time}",
    totals: "Totals over all waiters",
    totalsHint: "Cash, card, vouchers, free per shift: goods + deposit out − deposit back, tips not included. Expected = float + cash − card tips. “Total settled” sets expected, counted and difference of settled shifts only against each other; “Total still to settle” shows the cash of open shifts (without a float), not counted yet; “Total of all shifts” the takings by method.",
    nothingYet: "Nothing yet",
    totalSettled: "Total settled",
    totalOpen: "Total still to settle",
    totalAll: "Total of all shifts",
    toSettle: "Still to settle: {n} of {of} waiters ({names}).",
    allSettled: "Every waiter is settled.",
    paymentsTitle: "Payments",
    filterTable: "Table",
    filterWaiter: "Waiter",
    all: "all",
    noPayments: "No payments.",
    table: "Table",
    method: "Method",
    amount: "Amount",
    items: "Items",
    reverse: "Reverse",
    reverseReason: "Reason for the reversal",
    reverseConfirm: "Reverse it",
    reverseAsk: "Reverse the payment of {amount} at {table}? Its items will be open again.",
    cancel: "Cancel",
    reversed: "Reversed",
    reversedBy: "at {time} by {by}: {reason}",
    reasonNeeded: "Please give a reason",
    tendered: "tendered",
    depositReturn: "deposit back",
    auditTitle: "Audit",
    auditHint: "Every void and reversal, everything given away and every tip above the limit, newest first.",
    noAudit: "No voids, reversals or approvals yet.",
    kindVoid: "Void",
    kindReversal: "Reversal",
    kindFree: "Given away",
    kindTip: "Large tip",
    tipOn: "tip of {tip} on {amount} ({method})",
    what: "What",
    why: "Reason",
    value: "Value",
    approvedBy: "approved by",
    paymentBy: "payment by {waiter} ({method})",
    withAdminPin: "the admin PIN",
    reason_mistake: "Ordered by mistake",
    reason_cancelled: "Guest cancelled",
    reason_complaint: "Complaint",
  },
};
