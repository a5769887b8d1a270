// A short evening through the real API, for the report tests: three waiters, orders at several
// tables, payments by every method (a partial one, a cash and a card tip, a voucher, a free round),
// a deposit return, a void, a reversal, an unpaid table, bumped tickets and a settlement with cash missing. It returns what
// it sent, so tests compute the expected figures themselves.
import { expect } from "vitest";
import type { ItemRef, Order, OrderLine, Payment } from "../../worker/protocol.ts";
import { apiLogin, placeOrder, type Client } from "../browser/api-client.ts";
import { PINS } from "../pins.ts";

export const WAITERS = ["Anna", "Jörg", "Müller"] as const;
export const ADMIN_NAME = "Kassenwart";

export interface Evening {
  orders: Order[];
  payments: Payment[];
  reversed: Payment;
  voided: { order: Order; line: number; qty: number };
  settlementDifferenceCents: number;
}

const lines = (order: Order): ItemRef[] =>
  order.tickets
    .flatMap((t) => t.items)
    .map((i) => ({ order: order.id, line: i.line, qty: i.qty - i.voidedQty }))
    .filter((r) => r.qty > 0);

async function pay(client: Client, table: string, body: Record<string, unknown>): Promise<Payment> {
  const res = await client.post<{ payment: Payment }>("/payments", { id: crypto.randomUUID(), table, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.payment;
}

const ROUNDS: { table: string; items: OrderLine[] }[] = [
  { table: "A1", items: [{ product: "pils", qty: 4 }, { product: "bratwurst", qty: 2 }, { product: "pommes", qty: 2, options: ["rot-weiß"] }] },
  { table: "A2", items: [{ product: "spezi", qty: 2 }, { product: "schnitzel-kartoffelsalat", qty: 2 }] },
  { table: "B1", items: [{ product: "riesling-trocken", qty: 3 }, { product: "kaeseweck", qty: 1 }] },
  { table: "B2", items: [{ product: "hefeweizen", qty: 2 }, { product: "wurstsalat", qty: 1 }, { product: "cola", qty: 1, note: "ohne Eis bitte" }] },
  { table: "C1", items: [{ product: "flasche-riesling", qty: 1 }, { product: "muellerschorle-suess", qty: 2 }] },
  { table: "C2", items: [{ product: "gin-tonic", qty: 3 }, { product: "schinkenweck", qty: 2 }] },
];

export async function fillEvening(base: string): Promise<Evening> {
  const admin = await apiLogin(base, ADMIN_NAME, PINS.admin);
  const station = await apiLogin(base, "Theke", PINS.station);
  const waiters = await Promise.all(WAITERS.map((name) => apiLogin(base, name, PINS.waiter)));
  const orders: Order[] = [];
  for (const [i, round] of [...ROUNDS, ...ROUNDS].entries()) orders.push(await placeOrder(waiters[i % waiters.length]!, round.table, round.items));

  // A void of one Käseweck (mistake), approved by the admin's own session.
  const kaese = orders[2]!;
  const kaeseLine = kaese.tickets.flatMap((t) => t.items).find((i) => i.product === "kaeseweck")!.line;
  const voidRes = await admin.post("/voids", { id: crypto.randomUUID(), order: kaese.id, line: kaeseLine, qty: 1, reason: "mistake", note: "falsch getippt" });
  expect(voidRes.status, JSON.stringify(voidRes.body)).toBe(201);
  const voidedOrder = { ...kaese, tickets: kaese.tickets.map((t) => ({ ...t, items: t.items.map((it) => (it.line === kaeseLine ? { ...it, voidedQty: 1 } : it)) })) };
  orders[2] = voidedOrder;

  const payments: Payment[] = [];
  const by = (i: number) => waiters[i % waiters.length]!;
  // The first A1 round: a partial payment (two Pils) with a tip, then the rest by card with two glasses back.
  const a1 = orders[0]!;
  const pilsLine = a1.tickets.flatMap((t) => t.items).find((i) => i.product === "pils")!.line;
  payments.push(await pay(by(0), "A1", { method: "cash", items: [{ order: a1.id, line: pilsLine, qty: 2 }], tipCents: 100, tenderedCents: 2000 }));
  const rest = lines(a1).map((r) => (r.line === pilsLine ? { ...r, qty: r.qty - 2 } : r));
  payments.push(await pay(by(0), "A1", { method: "card", items: rest, depositReturns: [{ product: "pils", qty: 2 }] }));
  // A2 by card, reversed (wrong method), then paid again in cash.
  const reversedFirst = await pay(by(1), "A2", { method: "card", items: lines(orders[1]!) });
  const undo = await admin.post<{ payment: Payment }>(`/payments/${reversedFirst.id}/reverse`, { reason: "falsche Zahlart" });
  expect(undo.status, JSON.stringify(undo.body)).toBe(200);
  payments.push(await pay(by(1), "A2", { method: "cash", items: lines(orders[1]!), tipCents: 50 }));
  payments.push(await pay(by(2), "B1", { method: "cash", items: lines(orders[2]!) }));
  payments.push(await pay(by(0), "B2", { method: "voucher", items: lines(orders[3]!) }));
  payments.push(await pay(by(1), "C1", { method: "card", items: lines(orders[4]!), tipCents: 200 }));
  // The band's round is given away by the organiser (a free payment needs the admin).
  payments.push(await pay(admin, "C2", { method: "free", items: lines(orders[5]!), reason: "Band" }));
  // The second rounds: paid in cash, except C2's, which stays open.
  for (const [i, order] of orders.slice(6, 11).entries()) payments.push(await pay(by(i), order.table, { method: "cash", items: lines(order) }));

  // The bar and the kitchen finish the first rounds.
  for (const order of orders.slice(0, 8)) {
    for (const t of order.tickets) {
      const res = await station.post(`/tickets/${t.id}/bump`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }

  // Anna hands in her cash with 1.50 missing.
  const shifts = await admin.get<{ waiters: { name: string; expectedCashCents: number }[] }>("/settlement");
  const anna = shifts.waiters.find((w) => w.name === "Anna")!;
  const settlementDifferenceCents = -150;
  const settled = await admin.post("/settlements", { id: crypto.randomUUID(), waiter: "Anna", floatCents: 5000, countedCents: 5000 + anna.expectedCashCents + settlementDifferenceCents });
  expect(settled.status, JSON.stringify(settled.body)).toBe(201);
  return { orders, payments, reversed: reversedFirst, voided: { order: voidedOrder, line: kaeseLine, qty: 1 }, settlementDifferenceCents };
}
