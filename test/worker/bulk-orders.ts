// Many open orders at once, for tests that need a big evening: written as the coordinator writes
// orders (placing hundreds over HTTP takes minutes on a busy CI machine), then the coordinator
// starts afresh and reads its map from D1, as after a restart.
import { env, evictDurableObject } from "cloudflare:test";
import { openDb, type Statement } from "../../worker/db/client.ts";
import { insertOrder } from "../../worker/db/orders.ts";
import type { Order } from "../../worker/protocol.ts";
import config from "../../config.json";

/**
 * `count` copies of `template` (an order placed over HTTP), the n-th at `tables[n % tables.length]`
 * by `waiters[n % waiters.length]`, with the numbers after the template's and 1–4 of each item.
 */
export async function insertOpenOrders(template: Order, count: number, tables: string[], waiters: string[], source: string): Promise<void> {
  const db = openDb(env.DB);
  const statements: Statement[] = [];
  for (let n = 1; n <= count; n++) {
    const id = crypto.randomUUID();
    const table = tables[n % tables.length]!;
    const waiter = waiters[n % waiters.length]!;
    // The numbers after the template's, as the coordinator would give them (unique per event).
    const number = template.number + n;
    const order: Order = {
      ...template,
      id,
      table,
      number,
      waiter,
      tickets: template.tickets.map((t) => ({ ...t, id: `${id}.${t.station}`, orderId: id, table, number, waiter, items: t.items.map((i) => ({ ...i, qty: 1 + (n % 4), note: n % 3 ? "" : i.note })) })),
      positions: template.positions.map((p) => ({ ...p, table, qty: 1 + (n % 4) })),
    };
    statements.push(...insertOrder(db, config.id, order, source));
  }
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200) as [Statement, ...Statement[]]);
  await evictDurableObject(env.EVENT_COORDINATOR.getByName(config.id));
}
