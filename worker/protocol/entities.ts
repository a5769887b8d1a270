// What the API returns: the event, the menu, orders, tickets and tables.
// Entities
import type { Role } from "./common.ts";
import type { BillPosition, PaymentMethod } from "./money.ts";
import type { Counter } from "./counter.ts";

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
  /** The deposit group (the glass) whose returns count for it, e.g. "Glas 0,5 l" or "Pfand 2,00 €"; "" without a deposit. */
  depositGroup: string;
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
/** A category as config.json and PUT /menu write it. */
export interface MenuCategoryInput {
  id: string;
  name: string;
  station: string;
  /** 0–14: the colour of its buttons and tickets. */
  color: number;
}
/** A product as config.json and PUT /menu write it: prices in the currency's units (3.5), not cents. */
export interface MenuProductInput {
  id: string;
  name: string;
  price: number;
  category: string;
  options: string[];
  deposit: number;
  /** The glass it comes in ("Glas 0,5 l"): deposits come back by group; without it, by amount. */
  deposit_group?: string;
}
/** What GET /menu/edit returns: the menu in config.json's shape, for the admin's editor. */
export interface MenuEditView {
  version: number;
  /** The menu version of the last change of the menu itself (sold-out changes do not count): a save based on an older one is refused. */
  editedVersion: number;
  categories: MenuCategoryInput[];
  products: MenuProductInput[];
  /** Products taken off the menu: their ids are never given to another product. */
  removed: { id: string; name: string }[];
  stations: Station[];
  /** config.json's menu differs from this one, which was edited on /admin and is the one in use. */
  configDiffers: boolean;
}
/** One event of this box (GET /events): the current one and those before it. */
export interface EventSummary {
  id: string;
  name: string;
  startedAt: number;
  endedAt: number | null;
  orders: number;
  current: boolean;
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
    /** "grid": product buttons; "list": one product per row with − / amount / + (mini_pos's way). */
    menu_layout: "grid" | "list";
    /** How long a ready number stays on the guests' pickup display when nobody taps "Abgeholt". */
    display_ready_minutes: number;
  };
  /** Cash desks (issue 22); empty without counter service. */
  counters: Counter[];
  /** The stations whose tickets the pickup display follows (all when config.json names none). */
  displayStations: string[];
  /** tipLimitCents: config's payment.tip_limit in cents (null: none); a larger tip, or one above the payment's amount, needs the admin PIN. */
  /** receiptPrinter: a guest receipt printer is configured (payment.receipt_printer): the pay sheet offers "Beleg". */
  payment: { methods: PaymentMethod[]; tips: boolean; tipLimitCents: number | null; receiptPrinter: boolean };
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
  /** The table whose bill holds the ticket's items; for a counter order its bill, counterBill(orderId). */
  table: string;
  /** The order's number (stations show it beside the table or counter). */
  number: number;
  /** The cash desk of a counter order; null for table service. */
  counter: string | null;
  waiter: string;
  createdAt: number;
  doneAt: number | null;
  pickedUpAt: number | null;
  items: OrderItem[];
  /** Set on a station screen when the ticket (or its Bons) printed at the station's printer (issue 21); absent elsewhere. */
  printed?: boolean;
}

export interface Order {
  id: string;
  seq: number;
  /** The table, or for a counter order its own bill, counterBill(id) (never on the map). */
  table: string;
  /** Short, per event from 1, no gaps, never reused; kept by a replay (issue 22). 0 on orders from before numbers. */
  number: number;
  /** The cash desk (`counters[].id`) of a counter order; null for table service. */
  counter: string | null;
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
