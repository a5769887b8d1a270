// Bench phase "close": the evening's end. Every order placed so far is paid in full and every
// ticket bumped, from a few clients at once; then the live state should be as small as what is
// still open (nothing): the snapshot a new socket gets and GET /tables are measured in bytes.
import type { Order } from "../../worker/protocol.ts";
import { http, StreamClient } from "../lib/loadClient.ts";

export interface ClosingResult {
  orders: number;
  seconds: number;
  commandsPerSecond: number;
  snapshotBytes: number;
  snapshotMs: number;
  tablesBytes: number;
}

async function closeOrder(base: string, waiter: string, station: string, order: Order): Promise<void> {
  const items = order.tickets.flatMap((t) => t.items.map((i) => ({ order: order.id, line: i.line, qty: i.qty })));
  const paid = await http(base, "POST", "/api/v1/payments", { cookie: waiter, body: { id: crypto.randomUUID(), table: order.table, method: "cash", items } });
  if (paid.status !== 201) throw new Error(`payment for ${order.id}: ${paid.status} ${paid.text}`);
  for (const t of order.tickets) {
    const bumped = await http(base, "POST", `/api/v1/tickets/${encodeURIComponent(t.id)}/bump`, { cookie: station });
    if (bumped.status !== 200) throw new Error(`bump ${t.id}: ${bumped.status} ${bumped.text}`);
  }
}

export async function closeEvening(base: string, orders: Order[], waiters: string[], stations: string[], concurrency: number): Promise<ClosingResult> {
  const start = performance.now();
  let next = 0;
  let commands = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      while (next < orders.length) {
        const order = orders[next++]!;
        await closeOrder(base, waiters[c % waiters.length]!, stations[c % stations.length]!, order);
        commands += 1 + order.tickets.length;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const snap = new StreamClient(base, stations[0]!, "bar");
  await snap.connect(undefined, 60_000);
  const snapshotBytes = snap.firstFrameBytes;
  const snapshotMs = snap.firstFrameMs;
  snap.close();
  const tables = await http(base, "GET", "/api/v1/tables", { cookie: waiters[0] });
  return { orders: orders.length, seconds, commandsPerSecond: commands / seconds, snapshotBytes, snapshotMs, tablesBytes: Buffer.byteLength(tables.text) };
}
