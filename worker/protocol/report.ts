// The report: every figure of the end-of-night report, as GET /report returns it and as the PDF,
// the CSV files and the live statistics page show it. Amounts are integer cents, times epoch ms.
import type { PaymentMethod } from "./money.ts";
import type { AuditEntry, WaiterShift } from "./settlement.ts";

/** Report time buckets are this long (orders and revenue per 15 minutes). */
export const REPORT_BUCKET_MS = 15 * 60 * 1000;
/** "Current" preparation time on the live page: tickets finished in this last stretch. */
export const REPORT_RECENT_MS = 30 * 60 * 1000;
export const REPORT_CSV_FILES = ["orders", "items", "payments", "voids", "settlements", "voucher_sales"] as const;
export type ReportCsvFile = (typeof REPORT_CSV_FILES)[number];

export interface ReportWindow {
  /** Inclusive; null: from the start. */
  from: number | null;
  /** Exclusive; null: until now. */
  to: number | null;
}

/**
 * Goods (quantity × unit price, deposits apart) of the window's orders, by where they are now.
 * ordered = sold + given away + open + voided, in quantity and in cents. "Items" everywhere in the
 * report is `qty`: the quantity ordered, voided ones included.
 */
export interface ReportGoods {
  /** Quantity ordered, voided ones included. */
  qty: number;
  /** Paid by cash, card or voucher. */
  soldQty: number;
  /** Given away (method free). */
  freeQty: number;
  /** Ordered and neither paid nor voided yet. */
  openQty: number;
  voidedQty: number;
  orderedCents: number;
  /** Sales (Umsatz): goods paid by cash, card or voucher. */
  salesCents: number;
  /** Given away: goods paid with method free, at their value; not in sales. */
  freeCents: number;
  openCents: number;
  voidedCents: number;
}

/**
 * What the payments of one method moved in the window (taken in it +, reversed in it −).
 * goods + deposit out − deposit back = net; net + tips = total.
 */
export interface ReportMethod {
  method: PaymentMethod;
  /** Payments taken in the window minus payments reversed in it. */
  payments: number;
  /** Goods: qty × unit price of the items paid. */
  goodsCents: number;
  depositOutCents: number;
  depositBackCents: number;
  tipsCents: number;
  /** goods + deposit out − deposit back (the settlement's figure per method), tips not included. */
  netCents: number;
  /** net + tips: what the guests handed over by this method. */
  totalCents: number;
}

export interface ReportHeadline extends ReportGoods {
  orders: number;
  /** Deposits of the items ordered, and of the items still open (to be charged when paid). */
  orderedDepositCents: number;
  openDepositCents: number;
  /** Payments in the window, by method (only methods with payments). */
  byMethod: ReportMethod[];
  /**
   * Money in: cash + card, each = goods + deposit out − deposit back + tips of the payments of that
   * method + the vouchers sold at the desks for it (vouchers.soldCash / soldCard).
   */
  moneyInCents: number;
  cashInCents: number;
  cardInCents: number;
  /** Vouchers redeemed: the total of the voucher payments (their money came in when they were sold). */
  voucherCents: number;
  /** Vouchers sold at the cash desks set against vouchers redeemed (issue 22). */
  vouchers: ReportVouchers;
  /** Over every method. */
  depositOutCents: number;
  depositBackCents: number;
  tipsCents: number;
  /** The part of tipsCents paid by card: the waiters took it from their cash (protocol/cash.ts). */
  cardTipsCents: number;
  /** The cash rule over the window: cash net (goods + deposit out − back) − card tips + vouchers sold for cash. */
  cashToHandInCents: number;
  /** Void records made in the window; cents = their goods (qty × unit price). */
  voids: { count: number; qty: number; cents: number };
  /** Payments reversed in the window; cents = their totals. */
  reversals: { count: number; cents: number };
}

/** A count and its cents. */
export interface ReportCount {
  count: number;
  cents: number;
}

/**
 * Vouchers (Wertmarken) sold at the cash desks in the window (sold in it +, reversed in it −), by how
 * the guests paid, against the vouchers redeemed (payments with method voucher). Selling vouchers is
 * not sales (Umsatz): it is money held for goods paid later with the vouchers, which count as sales
 * when redeemed. outstanding = sold − redeemed: vouchers out, not yet redeemed (negative when more
 * were redeemed than sold here, such as vouchers sold before the window or on paper).
 */
export interface ReportVouchers {
  soldCash: ReportCount;
  soldCard: ReportCount;
  /** soldCash + soldCard. */
  sold: ReportCount;
  /** Voucher payments (taken in the window − reversed in it) and their total. */
  redeemed: ReportCount;
  outstandingCents: number;
  /** Voucher sales reversed in the window; cents = their value. */
  reversals: ReportCount;
}

/** Sales per cash desk and for table service: the goods of the window's orders placed there. */
export interface ReportChannel extends ReportGoods {
  /** The counter's id (`counters[].id`), or null for table service. */
  counter: string | null;
  /** The counter's name; "" for table service (pages word it in their language). */
  name: string;
  orders: number;
  /** Vouchers sold at this counter in the window (cash + card); 0 for table service. */
  voucherSoldCents: number;
}

/**
 * Counter orders and their wait: ordered → ready, ready being when the last ticket of the order was
 * done. `ready` counts the orders whose tickets are all done (the figures are over those).
 */
export interface ReportCounterWait {
  orders: number;
  ready: number;
  medianMs: number | null;
  p90Ms: number | null;
}
/** The same per REPORT_BUCKET_MS bucket of the evening, by when the orders were placed. */
export interface ReportCounterWaitBucket extends ReportCounterWait {
  start: number;
}

export interface ReportProduct extends ReportGoods {
  product: string;
  name: string;
  category: string;
  station: string;
}

export interface ReportCategory extends ReportGoods {
  category: string;
  name: string;
  station: string;
}

/** One station's orders (tickets) and goods ordered in one 15-minute bucket. */
export interface ReportTimeBucket {
  start: number;
  station: string;
  orders: number;
  /** Quantity ordered (voided ones included) and its goods value. */
  items: number;
  orderedCents: number;
}

export interface ReportPreparation {
  station: string;
  name: string;
  tickets: number;
  /** Tickets done (bumped); their ordered → done times give the figures below. */
  done: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Over the tickets done in the last REPORT_RECENT_MS before the window's end. */
  recentMedianMs: number | null;
}

export interface ReportPreparationBucket {
  start: number;
  station: string;
  done: number;
  medianMs: number;
  p90Ms: number;
}

export interface ReportWaiter {
  name: string;
  orders: number;
  payments: number;
  /** Goods of the waiter's cash, card and voucher payments in the window. */
  salesCents: number;
  /** Goods of the waiter's free payments in the window. */
  freeCents: number;
  tipsCents: number;
  /** Stored settlements in the window. */
  settlements: number;
  floatCents: number;
  expectedCashCents: number;
  countedCents: number;
  differenceCents: number;
  /** The shift not settled yet (null when nothing happened since the last settlement). */
  current: WaiterShift | null;
}

/** The goods of the window's orders by the table they lie on now (moves followed). */
export interface ReportTable extends ReportGoods {
  table: string;
  /** Orders placed at this table. */
  orders: number;
}

export interface Report {
  event: { id: string; name: string; currency: string; language: "de" | "en" };
  window: ReportWindow;
  /** First and last recorded activity in the window. */
  span: { first: number | null; last: number | null };
  generatedAt: number;
  stations: { id: string; name: string }[];
  headline: ReportHeadline;
  products: ReportProduct[];
  categories: ReportCategory[];
  timeline: ReportTimeBucket[];
  preparation: ReportPreparation[];
  preparationTimeline: ReportPreparationBucket[];
  waiters: ReportWaiter[];
  /** Table service only: a counter order's own bill is in `channels`, not here. */
  tables: ReportTable[];
  /** Table service (counter null) and each counter with orders or voucher sales in the window. */
  channels: ReportChannel[];
  counterWait: ReportCounterWait;
  counterWaitTimeline: ReportCounterWaitBucket[];
  audit: AuditEntry[];
}
