// Helpers for the cash-up tests: pay, void, move, read bills and tables, and the menu's prices.
// Tests read prices and deposits from GET /menu (never hard-coded), so a config change cannot make
// them pass by accident, and compute every expected figure themselves from what they sent.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach } from "vitest";
import config from "../../config.json";
import type { Bill, BillPosition, DepositReturnInput, EventInfo, ItemRef, Menu, Order, Payment, TableState } from "../../worker/protocol.ts";
import { api, EVENT_ID, getMenu, openStream, PINS, type ApiResponse, type Stream } from "./helpers.ts";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";

export const ADMIN_PIN = PINS.admin;

/** The tables of the config, handed out one per test so that bills of different tests never mix. */
const TABLE_NAMES = config.tables.list.map((t) => t.name);
let nextTableIndex = 0;
/** A table no other test of this file has used yet (wraps around after all of them). */
export function freshTable(): string {
  const name = TABLE_NAMES[nextTableIndex % TABLE_NAMES.length]!;
  nextTableIndex++;
  return name;
}

export interface Price {
  unitCents: number;
  depositCents: number;
}

/** Price and deposit of every product, from the menu the server shows. */
export async function prices(cookie: string): Promise<Map<string, Price>> {
  const menu: Menu = await getMenu(cookie);
  return new Map(menu.products.map((p) => [p.id, { unitCents: p.priceCents, depositCents: p.depositCents }]));
}

/** A product of the menu with a deposit, and one without (for deposit tests). */
export async function depositProducts(cookie: string): Promise<{ withDeposit: string; withoutDeposit: string }> {
  const menu = await getMenu(cookie);
  const withDeposit = menu.products.find((p) => p.depositCents > 0 && !p.soldOut && p.quota === null);
  const withoutDeposit = menu.products.find((p) => p.depositCents === 0 && !p.soldOut && p.quota === null);
  if (!withDeposit || !withoutDeposit) throw new Error("the test config needs a product with a deposit and one without");
  return { withDeposit: withDeposit.id, withoutDeposit: withoutDeposit.id };
}

export async function eventInfo(cookie: string): Promise<EventInfo> {
  const res = await api<EventInfo>("GET", "/api/v1/event", undefined, cookie);
  if (res.status !== 200) throw new Error(`event: ${res.text}`);
  return res.body;
}

/** Every item of an order as a reference for its full quantity. */
export function allItems(order: Order): ItemRef[] {
  return order.tickets.flatMap((t) => t.items).sort((a, b) => a.line - b.line).map((i) => ({ order: order.id, line: i.line, qty: i.qty }));
}

/** The item of an order at a line. */
export function itemOf(order: Order, line: number) {
  const item = order.tickets.flatMap((t) => t.items).find((i) => i.line === line);
  if (!item) throw new Error(`order ${order.id} has no line ${line}`);
  return item;
}

/** qty × (unit + deposit) of some items, from the order snapshots. */
export function valueOf(orders: Order[], refs: ItemRef[]): { amountCents: number; depositCents: number } {
  let amountCents = 0;
  let depositCents = 0;
  for (const ref of refs) {
    const order = orders.find((o) => o.id === ref.order);
    if (!order) throw new Error(`no order ${ref.order}`);
    const item = itemOf(order, ref.line);
    amountCents += ref.qty * item.unitCents;
    depositCents += ref.qty * item.depositCents;
  }
  return { amountCents, depositCents };
}

export interface PayInput {
  id?: string;
  table: string;
  method?: string;
  items: ItemRef[];
  tenderedCents?: number;
  tipCents?: number;
  depositReturns?: DepositReturnInput[];
  reason?: string;
  /** For a free payment or a tip above the limit. */
  adminPin?: string;
}
export type PayResponse = ApiResponse<{ payment: Payment; replay: boolean; error: any }> & { sent: PayInput & { id: string; method: string } };

export async function pay(cookie: string, input: PayInput): Promise<PayResponse> {
  const sent = { ...input, id: input.id ?? crypto.randomUUID(), method: input.method ?? "cash" };
  return { ...(await api("POST", "/api/v1/payments", sent, cookie)), sent };
}

export async function mustPay(cookie: string, input: PayInput): Promise<Payment> {
  const res = await pay(cookie, input);
  if (res.status !== 201) throw new Error(`payment not recorded: ${res.text}`);
  return res.body.payment;
}

export async function reverse(admin: string, paymentId: string, reason = "falsche Zahlart") {
  return api<{ payment: Payment; error: any }>("POST", `/api/v1/payments/${paymentId}/reverse`, { reason }, admin);
}

export interface VoidInput {
  id?: string;
  order: string;
  line: number;
  qty: number;
  reason?: string;
  note?: string;
  table?: string;
  adminPin?: string;
}
export async function voidItems(cookie: string, input: VoidInput) {
  const sent = { ...input, id: input.id ?? crypto.randomUUID(), reason: input.reason ?? "mistake" };
  return { ...(await api("POST", "/api/v1/voids", sent, cookie)), sent };
}

export async function move(cookie: string, from: string, body: { id?: string; to: string; items?: ItemRef[] }) {
  const sent = { ...body, id: body.id ?? crypto.randomUUID() };
  return { ...(await api("POST", `/api/v1/tables/${encodeURIComponent(from)}/move`, sent, cookie)), sent };
}

export async function bill(cookie: string, table: string): Promise<Bill> {
  const res = await api<Bill>("GET", `/api/v1/tables/${encodeURIComponent(table)}/bill`, undefined, cookie);
  if (res.status !== 200) throw new Error(`bill of ${table}: ${res.text}`);
  return res.body;
}

export async function tableState(cookie: string, table: string): Promise<TableState> {
  const res = await api<{ tables: TableState[] }>("GET", "/api/v1/tables", undefined, cookie);
  if (res.status !== 200) throw new Error(`tables: ${res.text}`);
  const state = res.body.tables.find((t) => t.name === table);
  if (!state) throw new Error(`no table ${table} in GET /tables`);
  return state;
}

export async function getOrder(cookie: string, id: string): Promise<Order> {
  const res = await api<{ order: Order }>("GET", `/api/v1/orders/${id}`, undefined, cookie);
  if (res.status !== 200) throw new Error(`order ${id}: ${res.text}`);
  return res.body.order;
}

/** The open quantity of one line on one table's bill (0 when the line is not on it). */
export function openOnBill(b: Bill, order: string, line: number): number {
  return b.lines.filter((l) => l.order === order && l.line === line).reduce((s, l) => s + l.openQty, 0);
}

/** The bill's lines of some orders only, as [order, line, openQty] for short assertions. */
export function billLinesOf(b: Bill, orders: string[]): [string, number, number][] {
  return b.lines.filter((l) => orders.includes(l.order)).map((l) => [l.order, l.line, l.openQty] as [string, number, number]).sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));
}

/** The positions of an order on one table, summed over the lines. */
export function positionsOn(positions: BillPosition[], table: string) {
  return positions.filter((p) => p.table === table);
}

/** Bumps every ticket of an order (as a station) so that only money keeps it open. */
export async function bumpAll(station: string, order: Order) {
  for (const t of order.tickets) {
    const res = await api("POST", `/api/v1/tickets/${t.id}/bump`, undefined, station);
    if (res.status !== 200) throw new Error(`bump ${t.id}: ${res.text}`);
  }
}

/** The number of rows in D1 for this payment id (exactly once). */
export async function paymentRows(id: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM payments WHERE id = ?").bind(id.toLowerCase()).first<{ n: number }>();
  return row!.n;
}

/** Gives the running coordinator another config, as a restart with `--config` would (undefined: the file's). */
export async function useConfig(change?: (c: typeof config & Record<string, any>) => void) {
  const next = structuredClone(config) as typeof config & Record<string, any>;
  change?.(next);
  await runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), (instance: EventCoordinator) => {
    const self = instance as any;
    self.env = { ...self.env, EVENT_CONFIG: change ? JSON.stringify(next) : undefined };
    self.state = undefined;
  });
}

/** Call once at the top of a file: opens streams that are closed after each test. */
export function streamsClosedAfterEach(): (cookie: string, query?: string) => Promise<Stream> {
  const open: Stream[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  return async (cookie, query = "") => {
    const s = await openStream(cookie, query);
    open.push(s);
    return s;
  };
}
