// An evening for the report tests, written down as a list of what was done (orders, payments by
// cash, card, voucher and free, a card tip, deposits out and back, a void, a reversal, a table left
// open), carried out through the real API, and the figures a treasurer would count from that list
// by hand. The expected figures come from the list and GET /menu's prices, never from report code.
import { expect } from "vitest";
import type { Order, Payment } from "../../worker/protocol.ts";
import { api, login, mustPlaceOrder } from "./helpers.ts";
import { bumpAll, freshTable, mustPay, prices, reverse, voidItems, type Price } from "./money-helpers.ts";

type Line = [product: string, qty: number];
type Method = "cash" | "card" | "voucher" | "free";
/** Orders are named by their index in DONE.orders. */
interface PaymentDone { order: number | null; method: Method; items: Line[]; tipCents?: number; returns?: Line[]; byAdmin?: boolean; reversed?: boolean }

/** What was done this evening, in order. */
export const DONE = {
  orders: [
    { table: 0, items: [["pils", 3], ["kaeseweck", 2], ["cola", 1]] as Line[] },
    { table: 1, items: [["schnitzelweck", 1], ["gin-tonic", 3]] as Line[] },
    // Nobody pays at the third table tonight: it stays open.
    { table: 2, items: [["cola", 2]] as Line[] },
  ],
  voids: [{ order: 0, line: ["kaeseweck", 1] as Line }],
  payments: [
    { order: 0, method: "cash", items: [["pils", 2], ["cola", 1]], tipCents: 50 },
    { order: 0, method: "card", items: [["kaeseweck", 1]], tipCents: 30, returns: [["pils", 1]] },
    { order: 1, method: "card", items: [["gin-tonic", 2]], reversed: true },
    { order: 1, method: "voucher", items: [["schnitzelweck", 1]] },
    // Free needs the organiser: the admin's own session takes it.
    { order: 1, method: "free", items: [["gin-tonic", 1]], byAdmin: true },
    // A guest brings a glass back without buying anything: money back in cash.
    { order: null, method: "cash", items: [], returns: [["pils", 1]] },
  ] as PaymentDone[],
  /** Left open at the end: order, product, quantity. */
  open: [[0, "pils", 1], [1, "gin-tonic", 2], [2, "cola", 2]] as [number, string, number][],
  floatCents: 5000,
  /** The organiser counts 1,00 less than the waiter should hand in. */
  shortCents: 100,
};

export interface Scene {
  from: number;
  to: number;
  admin: string;
  adminName: string;
  waiterName: string;
  price: Map<string, Price>;
  tables: string[];
  orders: Order[];
  payments: Payment[];
  countedCents: number;
}

const lineOf = (o: Order, product: string) => o.tickets.flatMap((t) => t.items).find((i) => i.product === product)!.line;

/** Carries DONE out through the API, as a waiter (and the organiser) would. */
export async function playEvening(): Promise<Scene> {
  const from = Date.now() - 1;
  const adminName = "Kasse";
  const admin = await login("admin", adminName);
  const waiterName = `Report-${crypto.randomUUID().slice(0, 6)}`;
  const waiter = await login("waiter", waiterName);
  const station = await login("station");
  const price = await prices(admin);
  const tables = [freshTable(), freshTable(), freshTable()];
  const orders: Order[] = [];
  for (const o of DONE.orders) orders.push(await mustPlaceOrder(waiter, { table: tables[o.table]!, items: o.items.map(([product, qty]) => ({ product, qty })) }));
  const payments: Payment[] = [];
  const pay = async (p: PaymentDone) => {
    const order = p.order === null ? undefined : orders[p.order]!;
    const body = {
      table: order?.table ?? tables[0]!,
      method: p.method,
      items: p.items.map(([product, qty]) => ({ order: order!.id, line: lineOf(order!, product), qty })),
      ...(p.tipCents ? { tipCents: p.tipCents } : {}),
      ...(p.returns ? { depositReturns: p.returns.map(([product, qty]) => ({ product, qty })) } : {}),
      ...(p.method === "free" ? { reason: "Band" } : {}),
    };
    const payment = await mustPay(p.byAdmin ? admin : waiter, body);
    if (p.reversed) expect((await reverse(admin, payment.id, "falsche Zahlart")).status).toBe(200);
    payments.push(payment);
  };
  // The cash payment first, then the void, then the rest, as the evening went.
  await pay(DONE.payments[0]!);
  for (const v of DONE.voids) {
    const order = orders[v.order]!;
    const res = await voidItems(admin, { order: order.id, line: lineOf(order, v.line[0]), qty: v.line[1], reason: "mistake", note: "falsch getippt" });
    expect(res.status, res.text).toBe(201);
  }
  for (const p of DONE.payments.slice(1)) await pay(p);
  await bumpAll(station, orders[0]!);

  const countedCents = DONE.floatCents + expectedFigures(price).waiterCashToHandInCents - DONE.shortCents;
  const settled = await api("POST", "/api/v1/settlements", { id: crypto.randomUUID(), waiter: waiterName, floatCents: DONE.floatCents, countedCents }, admin);
  expect(settled.status, settled.text).toBe(201);
  return { from, to: Date.now() + 1, admin, adminName, waiterName, price, tables, orders, payments, countedCents };
}

interface Goods { qty: number; soldQty: number; freeQty: number; openQty: number; voidedQty: number; orderedCents: number; salesCents: number; freeCents: number; openCents: number; voidedCents: number }
const noGoods = (): Goods => ({ qty: 0, soldQty: 0, freeQty: 0, openQty: 0, voidedQty: 0, orderedCents: 0, salesCents: 0, freeCents: 0, openCents: 0, voidedCents: 0 });
interface Money { payments: number; goodsCents: number; depositOutCents: number; depositBackCents: number; tipsCents: number }

/** The figures counted by hand from DONE: goods per product and table, money per method. */
export function expectedFigures(price: Map<string, Price>) {
  const unit = (p: string) => price.get(p)!.unitCents;
  const dep = (p: string) => price.get(p)!.depositCents;
  const total = noGoods();
  const products = new Map<string, Goods>();
  const tables = new Map<number, Goods>();
  const add = (order: number | null, product: string, qty: number, kind: "sold" | "free" | "open" | "voided" | "ordered") => {
    const table = DONE.orders[order!]!.table;
    for (const g of [total, products.get(product) ?? products.set(product, noGoods()).get(product)!, tables.get(table) ?? tables.set(table, noGoods()).get(table)!]) {
      if (kind === "ordered") (g.qty += qty), (g.orderedCents += qty * unit(product));
      if (kind === "sold") (g.soldQty += qty), (g.salesCents += qty * unit(product));
      if (kind === "free") (g.freeQty += qty), (g.freeCents += qty * unit(product));
      if (kind === "open") (g.openQty += qty), (g.openCents += qty * unit(product));
      if (kind === "voided") (g.voidedQty += qty), (g.voidedCents += qty * unit(product));
    }
  };
  DONE.orders.forEach((o, i) => o.items.forEach(([p, q]) => add(i, p, q, "ordered")));
  for (const v of DONE.voids) add(v.order, v.line[0], v.line[1], "voided");
  for (const [order, p, q] of DONE.open) add(order, p, q, "open");
  const live = DONE.payments.filter((p) => !p.reversed);
  for (const pay of live) for (const [p, q] of pay.items) add(pay.order, p, q, pay.method === "free" ? "free" : "sold");

  const methods = new Map<Method, Money>();
  for (const pay of live) {
    const m = methods.get(pay.method) ?? methods.set(pay.method, { payments: 0, goodsCents: 0, depositOutCents: 0, depositBackCents: 0, tipsCents: 0 }).get(pay.method)!;
    m.payments++;
    for (const [p, q] of pay.items) (m.goodsCents += q * unit(p)), (m.depositOutCents += q * dep(p));
    for (const [p, q] of pay.returns ?? []) m.depositBackCents += q * dep(p);
    m.tipsCents += pay.tipCents ?? 0;
  }
  const money = (m: Method) => methods.get(m) ?? { payments: 0, goodsCents: 0, depositOutCents: 0, depositBackCents: 0, tipsCents: 0 };
  const totalOf = (m: Method) => money(m).goodsCents + money(m).depositOutCents - money(m).depositBackCents + money(m).tipsCents;
  const cashNet = totalOf("cash") - money("cash").tipsCents;
  const waiterPayments = live.filter((p) => !p.byAdmin);
  const reversed = DONE.payments.filter((p) => p.reversed);
  return {
    goods: total,
    products,
    tables,
    money,
    totalOf,
    moneyInCents: totalOf("cash") + totalOf("card"),
    tipsCents: live.reduce((s, p) => s + (p.tipCents ?? 0), 0),
    cardTipsCents: money("card").tipsCents,
    depositOutCents: [...methods.values()].reduce((s, m) => s + m.depositOutCents, 0),
    depositBackCents: [...methods.values()].reduce((s, m) => s + m.depositBackCents, 0),
    orderedDepositCents: DONE.orders.flatMap((o) => o.items).reduce((s, [p, q]) => s + q * dep(p), 0),
    openDepositCents: DONE.open.reduce((s, [, p, q]) => s + q * dep(p), 0),
    /** All the cash payments were the waiter's: cash net (goods + deposit out − back) − card tips. */
    waiterCashToHandInCents: cashNet - money("card").tipsCents,
    waiterPayments: waiterPayments.length,
    waiterSalesCents: waiterPayments.filter((p) => p.method !== "free").reduce((s, p) => s + p.items.reduce((t, [pr, q]) => t + q * unit(pr), 0), 0),
    reversalsCents: reversed.reduce((s, p) => s + p.items.reduce((t, [pr, q]) => t + q * (unit(pr) + dep(pr)), 0) + (p.tipCents ?? 0), 0),
  };
}
