// Payments for the load harnesses (crash, soak): record a payment with retry by its id, and read
// back every payment of the event. Loopback only, through loadClient's http().
import { http, sleep, TABLES } from "./loadClient.ts";
import type { ItemRef, Order, Payment } from "../../worker/protocol.ts";

export interface PayBody {
  id: string;
  table: string;
  method: "cash" | "card";
  items: ItemRef[];
}

export interface PayResult {
  status: number;
  payment?: Payment;
  attempts: number;
  error?: string;
}

/**
 * Records a payment, retrying with the same id and body on network errors and 5xx until the server
 * answers 200/201 (or another 4xx, which is final) or the deadline passes: what the phone's outbox does.
 */
export async function payWithRetry(base: string, cookie: string, body: PayBody, deadlineMs = 60_000): Promise<PayResult> {
  const deadline = performance.now() + deadlineMs;
  let attempts = 0;
  let lastError = "";
  for (;;) {
    attempts++;
    try {
      const res = await http<{ payment: Payment }>(base, "POST", "/api/v1/payments", { cookie, body, timeoutMs: 10_000 });
      if (res.status === 200 || res.status === 201) return { status: res.status, payment: res.body.payment, attempts };
      if (res.status < 500) return { status: res.status, attempts, error: res.text };
      lastError = `${res.status} ${res.text.slice(0, 200)}`;
    } catch (error) {
      lastError = String((error as Error).message ?? error);
    }
    if (performance.now() > deadline) return { status: 0, attempts, error: lastError };
    await sleep(25);
  }
}

/** Every item of an order, whole. */
export function allItemsOf(order: Order): ItemRef[] {
  return order.tickets.flatMap((t) => t.items).map((i) => ({ order: order.id, line: i.line, qty: i.qty }));
}

/** Every payment of the event, table by table (an admin sees all). */
export async function readAllPayments(base: string, adminCookie: string): Promise<Payment[]> {
  const out: Payment[] = [];
  for (const table of TABLES) {
    const res = await http<{ payments: Payment[] }>(base, "GET", `/api/v1/payments?table=${table}`, { cookie: adminCookie });
    if (res.status !== 200) throw new Error(`payments?table=${table}: ${res.status} ${res.text}`);
    out.push(...res.body.payments);
  }
  return out;
}

/** What the orders show as paid: paid quantity × (unit price + deposit) over every position. */
export function paidOnOrders(orders: Order[]): { cents: number; overpaidLines: number } {
  let cents = 0;
  let overpaidLines = 0;
  for (const o of orders) {
    const items = new Map(o.tickets.flatMap((t) => t.items).map((i) => [i.line, i]));
    const paidPerLine = new Map<number, number>();
    for (const pos of o.positions) {
      const item = items.get(pos.line)!;
      cents += pos.paidQty * (item.unitCents + item.depositCents);
      paidPerLine.set(pos.line, (paidPerLine.get(pos.line) ?? 0) + pos.paidQty);
    }
    for (const [line, qty] of paidPerLine) if (qty > items.get(line)!.qty) overpaidLines++;
  }
  return { cents, overpaidLines };
}
