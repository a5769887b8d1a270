// The report: every figure of the end-of-night report, as GET /report returns it and as the PDF,
// the CSV files and the live statistics page show it. Amounts are integer cents, times epoch ms.
import type { AuditEntry, PaymentMethod, WaiterShift } from "./money.ts";

/** Report time buckets are this long (orders and revenue per 15 minutes). */
export const REPORT_BUCKET_MS = 15 * 60 * 1000;
/** "Current" preparation time on the live page: tickets finished in this last stretch. */
export const REPORT_RECENT_MS = 30 * 60 * 1000;
export const REPORT_CSV_FILES = ["orders", "items", "payments", "voids", "settlements"] as const;
export type ReportCsvFile = (typeof REPORT_CSV_FILES)[number];

export interface ReportWindow {
  /** Inclusive; null: from the start. */
  from: number | null;
  /** Exclusive; null: until now. */
  to: number | null;
}

/** Money taken by one method; tips and deposits apart, reversals subtracted. */
export interface ReportMethod {
  method: PaymentMethod;
  /** Payments not reversed. */
  payments: number;
  /** Goods: qty × unit price of the items paid. */
  goodsCents: number;
  depositOutCents: number;
  depositBackCents: number;
  tipsCents: number;
  /** goods + deposit out − deposit back (what the settlement page calls takings), tips not included. */
  netCents: number;
}

export interface ReportHeadline {
  orders: number;
  /** Quantity ordered, voided ones included. */
  items: number;
  /** Of the orders placed in the window: qty × (price + deposit); ordered = paid + voided + open. */
  orderedCents: number;
  paidCents: number;
  voidedCents: number;
  openCents: number;
  /** The deposit part of orderedCents. */
  orderedDepositCents: number;
  byMethod: ReportMethod[];
  /** Sum of netCents over every method. */
  takenCents: number;
  tipsCents: number;
  depositOutCents: number;
  depositBackCents: number;
  voucherCents: number;
  freeCents: number;
  /** Items given away (method free): quantity. */
  freeItems: number;
  voids: { count: number; qty: number; cents: number };
  reversals: { count: number; cents: number };
}

export interface ReportProduct {
  product: string;
  name: string;
  category: string;
  station: string;
  /** Ordered minus voided. */
  qty: number;
  voidedQty: number;
  /** qty × unit price (deposits not included). */
  revenueCents: number;
}

export interface ReportCategory {
  category: string;
  name: string;
  station: string;
  qty: number;
  revenueCents: number;
}

/** One station's orders (tickets) and revenue in one 15-minute bucket. */
export interface ReportTimeBucket {
  start: number;
  station: string;
  orders: number;
  items: number;
  revenueCents: number;
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
  /** Net takings over every method, tips not included. */
  takenCents: number;
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

export interface ReportTable {
  table: string;
  orders: number;
  /** Net takings at the table (payments), tips not included. */
  takenCents: number;
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
  tables: ReportTable[];
  audit: AuditEntry[];
}
