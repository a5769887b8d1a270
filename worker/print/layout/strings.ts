// Every word printed on a slip, in German and English (config `language`).
export interface SlipStrings {
  table: string;
  number: string;
  waiter: string;
  order: string;
  reprint: string;
  movedFrom: string;
  storno: string;
  receipt: string;
  receiptNo: string;
  each: string;
  goods: string;
  deposit: string;
  depositReturn: string;
  tip: string;
  total: string;
  paidBy: string;
  methods: Record<string, string>;
  business: string;
  businessLaw: string;
  persons: string;
  occasion: string;
  placeDate: string;
  signature: string;
  thanks: string;
}

export const SLIP_STRINGS: Record<"de" | "en", SlipStrings> = {
  de: {
    table: "Tisch",
    number: "Nr.",
    waiter: "Bedienung",
    order: "Bestellung",
    reprint: "NACHDRUCK",
    movedFrom: "von Tisch {from}",
    storno: "STORNO",
    receipt: "Beleg",
    receiptNo: "Beleg-Nr.",
    each: "je",
    goods: "Zwischensumme",
    deposit: "Pfand",
    depositReturn: "Pfand zurück",
    tip: "Trinkgeld",
    total: "SUMME",
    paidBy: "Zahlart",
    methods: { cash: "Bar", card: "Karte", voucher: "Gutschein", free: "Frei" },
    business: "BEWIRTUNGSBELEG",
    businessLaw: "Angaben zum Nachweis der Höhe und der betrieblichen Veranlassung von Bewirtungsaufwendungen (§ 4 Abs. 5 Satz 1 Nr. 2 EStG)",
    persons: "Bewirtete Personen:",
    occasion: "Anlass der Bewirtung:",
    placeDate: "Ort, Datum:",
    signature: "Unterschrift:",
    thanks: "Vielen Dank!",
  },
  en: {
    table: "Table",
    number: "No.",
    waiter: "Waiter",
    order: "Order",
    reprint: "REPRINT",
    movedFrom: "from table {from}",
    storno: "VOID",
    receipt: "Receipt",
    receiptNo: "Receipt no.",
    each: "each",
    goods: "Subtotal",
    deposit: "Deposit",
    depositReturn: "Deposit returned",
    tip: "Tip",
    total: "TOTAL",
    paidBy: "Payment",
    methods: { cash: "Cash", card: "Card", voucher: "Voucher", free: "Free" },
    business: "BUSINESS ENTERTAINMENT RECEIPT",
    businessLaw: "Details for claiming business entertainment expenses",
    persons: "Persons entertained:",
    occasion: "Occasion:",
    placeDate: "Place, date:",
    signature: "Signature:",
    thanks: "Thank you!",
  },
};
