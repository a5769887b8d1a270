// What the API returns: the event, the menu, orders, tickets and tables.
// Entities
import type { Role } from "./common.ts";
import type { BillPosition, PaymentMethod } from "./money.ts";

export interface Session {
  name: string;
  role: Role;
}

export interface Station {
  id: string;
  name: string;
}
export interface Category {
  id: string;
  name: string;
  station: string;
  color: number;
}
export interface Product {
  id: string;
  name: string;
  priceCents: number;
  category: string;
  options: string[];
  /** Deposit (Pfand) per unit, charged apart from the price and paid back on return; 0 for none. */
  depositCents: number;
  soldOut: boolean;
  /** How many are left, or null for no quota. */
  quota: number | null;
}
export interface Menu {
  version: number;
  stations: Station[];
  categories: Category[];
  products: Product[];
}
export interface ProductAvailability {
  product: string;
  soldOut: boolean;
  quota: number | null;
}

export interface TableLayout {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EventInfo {
  id: string;
  name: string;
  currency: string;
  language: "de" | "en";
  ui: {
    auto_close: boolean;
    show_completed: number;
    timeout: { warn: number; crit: number };
    show_category_names: boolean;
    fold_categories: boolean;
    order_overview: boolean;
    /** Open the pay sheet with the items just sent (the festival way). */
    pay_after_order: boolean;
  };
  payment: { methods: PaymentMethod[]; tips: boolean };
  stations: Station[];
  tables: { grid: { columns: number; rows: number }; list: TableLayout[] };
}

/** One line of an order: a snapshot of the product as it was when ordered. */
export interface OrderItem {
  line: number;
  product: string;
  name: string;
  unitCents: number;
  /** Deposit per unit at the time of the order. */
  depositCents: number;
  category: string;
  station: string;
  qty: number;
  /** How many of `qty` were taken back (Storno): the station does not prepare them. */
  voidedQty: number;
  note: string;
  options: string[];
  doneAt: number | null;
}

/** The part of an order that one station prepares. */
export interface Ticket {
  id: string;
  orderId: string;
  station: string;
  table: string;
  waiter: string;
  createdAt: number;
  doneAt: number | null;
  pickedUpAt: number | null;
  items: OrderItem[];
}

export interface Order {
  id: string;
  seq: number;
  table: string;
  waiter: string;
  menuVersion: number;
  createdAt: number;
  /** What was ordered: the sum of qty × unit price over the lines (deposits not included). */
  totalCents: number;
  tickets: Ticket[];
  /** Where the order's items are on the bill: one position per line and table (moves split a line). */
  positions: BillPosition[];
  /** Set when every item is paid or voided and every ticket is done; a closed order leaves live state. */
  closedAt: number | null;
}

export interface TableState extends TableLayout {
  openOrders: number;
  openCents: number;
  readyTickets: number;
}
