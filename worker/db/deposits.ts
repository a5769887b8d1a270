// Glasses out and back per deposit product: what bounds a deposit return (DESIGN invariant 12); the
// groups the waiter returns by are sums of these (domain/depositGroups.ts). A glass is out once its
// deposit came in: an item with a deposit on a payment that is not reversed and not free (a free
// payment brought no deposit in). It is back once a payment that is not reversed paid its deposit
// back: a return by group names the products it counts against (`products`), one from before groups
// names its product. Read by the pay and reversal commands inside the coordinator's chain (so two
// racing returns cannot both pass) and by GET /deposits straight from D1.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import type { ProductDeposits } from "../domain/depositGroups.ts";
import type { DepositReturn } from "../protocol.ts";

const outSql = (e: string) => sql`SELECT pi.product_id AS product, max(pi.name) AS name, max(pi.deposit_cents) AS cents, sum(pi.qty) AS n
FROM payment_items pi JOIN payments p ON p.id = pi.payment_id
WHERE p.event_id = ${e} AND p.reversed_seq IS NULL AND p.method <> 'free' AND pi.deposit_cents > 0
GROUP BY pi.product_id`;

const backSql = (e: string) => sql`SELECT product, max(name) AS name, max(cents) AS cents, sum(n) AS n FROM (
  SELECT json_extract(r.value, '$.product') AS product, json_extract(r.value, '$.name') AS name, json_extract(r.value, '$.depositCents') AS cents, json_extract(r.value, '$.qty') AS n
  FROM payments p, json_each(p.deposit_returns) r
  WHERE p.event_id = ${e} AND p.reversed_seq IS NULL AND p.deposit_returns <> '[]' AND json_extract(r.value, '$.product') IS NOT NULL
  UNION ALL
  SELECT json_extract(x.value, '$.product'), NULL, json_extract(r.value, '$.depositCents'), json_extract(x.value, '$.qty')
  FROM payments p, json_each(p.deposit_returns) r, json_each(r.value, '$.products') x
  WHERE p.event_id = ${e} AND p.reversed_seq IS NULL AND p.deposit_returns <> '[]'
) GROUP BY product`;

interface Row {
  product: string;
  name: string | null;
  cents: number;
  n: number;
}

/** Every product that has glasses out or back in the event, by id. */
export async function readDepositProducts(db: Db, eventId: string): Promise<Map<string, ProductDeposits>> {
  const [out, back] = await Promise.all([db.all<Row>(outSql(eventId)), db.all<Row>(backSql(eventId))]);
  const products = new Map<string, ProductDeposits>();
  const of = (r: Row) =>
    products.get(r.product) ?? products.set(r.product, { product: r.product, name: r.name ?? r.product, depositCents: r.cents, out: 0, back: 0 }).get(r.product)!;
  for (const r of out) of(r).out += r.n;
  for (const r of back) of(r).back += r.n;
  return products;
}

/** A payment's stored returns: by group, and those from before groups (`{ product, name, qty, depositCents }`) in the same shape. */
export function parseDepositReturns(json: string): DepositReturn[] {
  const stored = JSON.parse(json) as (DepositReturn | { product: string; name: string; qty: number; depositCents: number })[];
  return stored.map((r) => ("product" in r ? { group: r.name, name: r.name, qty: r.qty, depositCents: r.depositCents, products: [{ product: r.product, qty: r.qty }] } : r));
}
