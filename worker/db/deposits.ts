// Glasses out and back per deposit product: what bounds a deposit return (DESIGN invariant 12).
// A glass is out once its deposit came in: an item with a deposit on a payment that is not reversed
// and not free (a free payment brought no deposit in). It is back once a payment that is not
// reversed paid its deposit back. Read by the pay and reversal commands inside the coordinator's
// chain (so two racing returns cannot both pass) and by GET /deposits straight from D1.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import type { DepositBalance } from "../protocol.ts";

const outSql = (e: string) => sql`SELECT pi.product_id AS product, max(pi.name) AS name, sum(pi.qty) AS n
FROM payment_items pi JOIN payments p ON p.id = pi.payment_id
WHERE p.event_id = ${e} AND p.reversed_seq IS NULL AND p.method <> 'free' AND pi.deposit_cents > 0
GROUP BY pi.product_id`;

const backSql = (e: string) => sql`SELECT json_extract(r.value, '$.product') AS product, max(json_extract(r.value, '$.name')) AS name, sum(json_extract(r.value, '$.qty')) AS n
FROM payments p, json_each(p.deposit_returns) r
WHERE p.event_id = ${e} AND p.reversed_seq IS NULL AND p.deposit_returns <> '[]'
GROUP BY 1`;

interface Row {
  product: string;
  name: string;
  n: number;
}

/** Every product that has glasses out or back in the event, by id. */
export async function readDepositBalances(db: Db, eventId: string): Promise<Map<string, DepositBalance>> {
  const [out, back] = await Promise.all([db.all<Row>(outSql(eventId)), db.all<Row>(backSql(eventId))]);
  const balances = new Map<string, DepositBalance>();
  const of = (r: Row) => balances.get(r.product) ?? balances.set(r.product, { product: r.product, name: r.name, out: 0, back: 0, open: 0 }).get(r.product)!;
  for (const r of out) of(r).out += r.n;
  for (const r of back) of(r).back += r.n;
  for (const b of balances.values()) b.open = b.out - b.back;
  return balances;
}
