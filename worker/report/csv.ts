// The six CSV files: one row builder per file, shared by GET /report/<file>.csv and
// `npm run report -- --csv DIR`. RFC 4180 (CRLF, quotes where needed, by papaparse's rule), a header
// row, UTF-8 with a byte order mark (Excel then reads umlauts right), amounts as decimals with a dot,
// times as ISO 8601 with the offset of the given time zone. Written line by line here: papaparse's
// unparse wanted every row as an array first, and the items of 20,000 orders took 1.3 s of CPU.
import { withoutForbiddenText, type ReportCsvFile } from "../protocol.ts";
import { isoWithOffset } from "./isoTime.ts";
import type { RecordsOf } from "./records.ts";

/** 1250 → "12.50"; −300 → "-3.00". */
export function decimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Free text typed on a phone (notes, reasons) must not run as a spreadsheet formula when the file
 * is opened: a leading = + - @ (after spaces too) gets an apostrophe, which spreadsheets show as
 * plain text. Nor may it turn a cell around: line breaks and controls become spaces, direction
 * characters go (text stored before the text rule held may still have them).
 */
export function plainText(text: string | null): string {
  if (text === null) return "";
  const seen = withoutForbiddenText(text);
  return /^[=+\-@]/.test(seen.trimStart()) ? `'${seen}` : seen;
}

type Cell = string | number;
type Columns<R> = [header: string, cell: (r: R, time: (ms: number | null) => string) => Cell][];

const orders: Columns<RecordsOf["orders"]> = [
  ["id", (r) => r.id],
  ["seq", (r) => r.seq],
  ["number", (r) => (r.number === null ? "" : r.number)],
  ["created_at", (r, t) => t(r.createdAt)],
  ["closed_at", (r, t) => t(r.closedAt)],
  ["counter", (r) => r.counter ?? ""],
  ["table", (r) => plainText(r.table)],
  ["waiter", (r) => plainText(r.waiter)],
  ["items", (r) => r.items],
  ["goods", (r) => decimal(r.goodsCents)],
  ["sales", (r) => decimal(r.salesCents)],
  ["given_away", (r) => decimal(r.freeCents)],
  ["open", (r) => decimal(r.openCents)],
  ["voided", (r) => decimal(r.voidedCents)],
  ["deposit", (r) => decimal(r.depositCents)],
];

const items: Columns<RecordsOf["items"]> = [
  ["order_id", (r) => r.orderId],
  ["line", (r) => r.line],
  ["ordered_at", (r, t) => t(r.orderedAt)],
  ["table", (r) => plainText(r.table)],
  ["waiter", (r) => plainText(r.waiter)],
  ["product_id", (r) => r.product],
  ["product", (r) => plainText(r.name)],
  ["category", (r) => r.category],
  ["station", (r) => r.station],
  ["unit_price", (r) => decimal(r.unitCents)],
  ["deposit", (r) => decimal(r.depositCents)],
  ["qty", (r) => r.qty],
  ["sold_qty", (r) => r.soldQty],
  ["given_away_qty", (r) => r.freeQty],
  ["open_qty", (r) => r.openQty],
  ["voided_qty", (r) => r.voidedQty],
  ["note", (r) => plainText(r.note)],
  ["options", (r) => (r.options === "[]" ? "" : plainText((JSON.parse(r.options) as string[]).join(", ")))],
  ["done_at", (r, t) => t(r.doneAt)],
  ["counter", (r) => r.counter ?? ""],
  ["number", (r) => (r.number === null ? "" : r.number)],
];

const payments: Columns<RecordsOf["payments"]> = [
  ["id", (r) => r.id],
  ["seq", (r) => r.seq],
  ["created_at", (r, t) => t(r.createdAt)],
  ["table", (r) => plainText(r.table)],
  ["waiter", (r) => plainText(r.waiter)],
  ["method", (r) => r.method],
  ["items", (r) => r.items],
  ["goods", (r) => decimal(r.amountCents)],
  ["deposit", (r) => decimal(r.depositCents)],
  ["deposit_return", (r) => decimal(r.depositReturnCents)],
  ["tip", (r) => decimal(r.tipCents)],
  ["total", (r) => decimal(r.amountCents + r.depositCents - r.depositReturnCents + r.tipCents)],
  ["tendered", (r) => (r.tenderedCents === null ? "" : decimal(r.tenderedCents))],
  ["reason", (r) => plainText(r.reason)],
  ["reversed_at", (r, t) => t(r.reversedAt)],
  ["reversed_by", (r) => plainText(r.reversedBy)],
  ["reverse_reason", (r) => plainText(r.reverseReason)],
  ["counter", (r) => r.counter ?? ""],
  ["number", (r) => (r.number === null ? "" : r.number)],
];

const voids: Columns<RecordsOf["voids"]> = [
  ["id", (r) => r.id],
  ["seq", (r) => r.seq],
  ["created_at", (r, t) => t(r.createdAt)],
  ["order_id", (r) => r.orderId],
  ["line", (r) => r.line],
  ["table", (r) => plainText(r.table)],
  ["product_id", (r) => r.product],
  ["product", (r) => plainText(r.name)],
  ["qty", (r) => r.qty],
  ["unit_price", (r) => decimal(r.unitCents)],
  ["deposit", (r) => decimal(r.depositCents)],
  ["value", (r) => decimal(r.qty * (r.unitCents + r.depositCents))],
  ["reason", (r) => r.reason],
  ["note", (r) => plainText(r.note)],
  ["waiter", (r) => plainText(r.waiter)],
  ["approved_by", (r) => plainText(r.approvedBy)],
  ["counter", (r) => r.counter ?? ""],
  ["number", (r) => (r.number === null ? "" : r.number)],
];

const settlements: Columns<RecordsOf["settlements"]> = [
  ["id", (r) => r.id],
  ["seq", (r) => r.seq],
  ["created_at", (r, t) => t(r.createdAt)],
  ["waiter", (r) => plainText(r.waiter)],
  ["payments", (r) => r.shift.payments],
  ["cash", (r) => decimal(r.shift.cashCents)],
  ["card", (r) => decimal(r.shift.cardCents)],
  ["voucher", (r) => decimal(r.shift.voucherCents)],
  ["free", (r) => decimal(r.shift.freeCents)],
  ["tips", (r) => decimal(r.shift.tipsCents)],
  ["card_tips", (r) => decimal(r.shift.cardTipsCents)],
  ["deposit_out", (r) => decimal(r.shift.depositOutCents)],
  ["deposit_back", (r) => decimal(r.shift.depositBackCents)],
  ["voided", (r) => decimal(r.shift.voidedCents)],
  ["vouchers_sold_cash", (r) => decimal(r.shift.voucherSoldCashCents)],
  ["vouchers_sold_card", (r) => decimal(r.shift.voucherSoldCardCents)],
  ["float", (r) => decimal(r.floatCents)],
  ["expected", (r) => decimal(r.expectedCashCents)],
  ["counted", (r) => decimal(r.countedCents)],
  ["difference", (r) => decimal(r.differenceCents)],
  ["by", (r) => plainText(r.by)],
];

/** Vouchers sold at the desks: money held for goods paid later by voucher, not sales. */
const voucherSales: Columns<RecordsOf["voucher_sales"]> = [
  ["id", (r) => r.id],
  ["seq", (r) => r.seq],
  ["created_at", (r, t) => t(r.createdAt)],
  ["counter", (r) => r.counter],
  ["waiter", (r) => plainText(r.waiter)],
  ["method", (r) => r.method],
  ["amount", (r) => decimal(r.amountCents)],
  ["tendered", (r) => (r.tenderedCents === null ? "" : decimal(r.tenderedCents))],
  ["change", (r) => (r.tenderedCents === null ? "" : decimal(r.tenderedCents - r.amountCents))],
  ["reversed_at", (r, t) => t(r.reversedAt)],
  ["reversed_by", (r) => plainText(r.reversedBy)],
  ["reverse_reason", (r) => plainText(r.reverseReason)],
];

const columns: { [F in ReportCsvFile]: Columns<RecordsOf[F]> } = { orders, items, payments, voids, settlements, voucher_sales: voucherSales };

/** papaparse's rule: a field is quoted when it holds a quote, comma, line break or BOM, or starts or ends with a space. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

function field(value: Cell): string {
  if (typeof value === "number") return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The file's text: BOM, header row, one row per record, CRLF line ends. */
export function csvText<F extends ReportCsvFile>(file: F, records: RecordsOf[F][], timeZone: string): string {
  const cols = columns[file] as Columns<RecordsOf[F]>;
  const time = (ms: number | null) => (ms === null ? "" : isoWithOffset(ms, timeZone));
  const lines: string[] = [cols.map(([header]) => field(header)).join(",")];
  // Each row's cells joined at once: a flat string per row, not a rope of 40 pieces (`+=`) that
  // stays in memory until the file is joined.
  const cells: string[] = new Array<string>(cols.length);
  for (const r of records) {
    for (let i = 0; i < cols.length; i++) cells[i] = field(cols[i]![1](r, time));
    lines.push(cells.join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
