// A payment that needs the admin's approval (items given away, a tip above the limit) is sent at
// once, not through the outbox: the server checks the admin PIN, and the PIN must not be kept on
// the phone. Like a void it needs the network. Its id is kept for a retry of the same payment, so
// a lost answer is answered as a replay and never records it twice.
import type { PayBody, Payment } from "../../../worker/protocol.ts";
import { api } from "../lib/api.ts";
import { app } from "./ServiceState.svelte.ts";
import { newOrderId } from "./util.ts";

let last: { key: string; id: string } | undefined;

export async function sendApprovedPayment(body: Omit<PayBody, "id" | "adminPin">, adminPin: string | undefined, event?: string): Promise<Payment> {
  const key = JSON.stringify(body);
  const id = last?.key === key ? last.id : newOrderId();
  last = { key, id };
  const { payment } = await api<{ payment: Payment; replay: boolean }>("POST", event ? `/payments?event=${encodeURIComponent(event)}` : "/payments", { id, ...body, ...(adminPin ? { adminPin } : {}) }, 15_000);
  last = undefined;
  // As for a payment from the outbox: its items stay hidden until the stream has it.
  app.outbox.confirmPayment(payment);
  return payment;
}
