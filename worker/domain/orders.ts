// Plain functions for placing an order: checks against the menu and availability, and building the
// order with its per-station tickets. No I/O here, so each rule is easy to test on its own.
import type { LoadedEvent } from "../config/event.ts";
import type { MenuSnapshot } from "../db/eventState.ts";
import { fail, type Failure } from "../errors.ts";
import type { MenuChange, Order, OrderItem, PlaceOrderBody, ProductAvailability, Ticket } from "../protocol.ts";
import { counterBill, orderTotalCents, ticketId } from "../protocol.ts";

/** The menu snapshot stored with each version, to compare a stale order against. */
export function menuSnapshot(event: LoadedEvent, availability: Map<string, ProductAvailability>): MenuSnapshot {
  const out: MenuSnapshot = {};
  for (const p of event.products) out[p.id] = { name: p.name, priceCents: p.priceCents, soldOut: availability.get(p.id)?.soldOut ?? false };
  return out;
}

/** The table or counter, products and options must exist in the current config. */
export function checkReferences(event: LoadedEvent, body: PlaceOrderBody, menuIsCurrent: boolean): Failure | undefined {
  if (body.counter !== undefined) {
    if (!event.counterById.has(body.counter)) return fail("INVALID_INPUT", `unknown counter "${body.counter}"`, "counter");
  } else if (body.table === undefined || !event.tableNames.has(body.table)) return fail("INVALID_INPUT", `unknown table "${body.table ?? ""}"`, "table");
  for (const [i, line] of body.items.entries()) {
    const product = event.productById.get(line.product);
    // On a stale menu a missing product is reported as a menu change instead (see menuChanges).
    if (!product) {
      if (menuIsCurrent) return fail("INVALID_INPUT", `unknown product "${line.product}"`, `items[${i}].product`);
      continue;
    }
    for (const [j, option] of (line.options ?? []).entries()) {
      if (!product.options.includes(option))
        return fail("INVALID_INPUT", `"${option}" is not an option of ${product.name}`, `items[${i}].options[${j}]`);
    }
  }
  return undefined;
}

/**
 * What changed, for the products of this order, between the menu the waiter saw and now.
 * Empty when nothing the order depends on changed: such an order is accepted.
 */
export function menuChanges(
  event: LoadedEvent,
  body: PlaceOrderBody,
  seen: MenuSnapshot,
  availability: Map<string, ProductAvailability>,
): MenuChange[] {
  const changes: MenuChange[] = [];
  const done = new Set<string>();
  for (const line of body.items) {
    if (done.has(line.product)) continue;
    done.add(line.product);
    const before = seen[line.product];
    const now = event.productById.get(line.product);
    const name = now?.name ?? before?.name ?? line.product;
    if (!now) changes.push({ product: line.product, name, kind: "removed", oldCents: before?.priceCents });
    else if (!before || before.priceCents !== now.priceCents)
      changes.push({ product: line.product, name, kind: "price", oldCents: before?.priceCents, newCents: now.priceCents });
    else if (availability.get(line.product)?.soldOut && !before.soldOut) changes.push({ product: line.product, name, kind: "sold_out" });
  }
  return changes;
}

/** Sold-out products and quotas. Returns the availability rows this order changes. */
export function takeFromStock(
  event: LoadedEvent,
  body: PlaceOrderBody,
  availability: Map<string, ProductAvailability>,
): Failure | ProductAvailability[] {
  const wanted = new Map<string, number>();
  for (const line of body.items) wanted.set(line.product, (wanted.get(line.product) ?? 0) + line.qty);
  const soldOut: { product: string; name: string; left: number }[] = [];
  const short: { product: string; name: string; left: number }[] = [];
  const changed: ProductAvailability[] = [];
  for (const [product, qty] of wanted) {
    const a = availability.get(product);
    const name = event.productById.get(product)?.name ?? product;
    if (!a) continue;
    if (a.soldOut) soldOut.push({ product, name, left: 0 });
    else if (a.quota !== null && qty > a.quota) short.push({ product, name, left: a.quota });
    else if (a.quota !== null) changed.push({ product, soldOut: a.quota - qty === 0, quota: a.quota - qty });
  }
  if (soldOut.length)
    return fail("SOLD_OUT", `sold out: ${soldOut.map((p) => p.name).join(", ")}`, "items", { products: soldOut });
  if (short.length)
    return fail("QUOTA_EXCEEDED", `not enough left: ${short.map((p) => `${p.name} (${p.left} left)`).join(", ")}`, "items", { products: short });
  return changed;
}

/** The order with its item snapshots, split into one ticket per station in the order of first appearance. */
export function buildOrder(
  event: LoadedEvent,
  body: PlaceOrderBody,
  meta: { seq: number; number: number; waiter: string; menuVersion: number; now: number },
): Order {
  // A counter order's bill is its own (protocol/counter.ts); checkReferences made sure one of the two is given.
  const table = body.counter !== undefined ? counterBill(body.id) : body.table!;
  const counter = body.counter ?? null;
  const tickets = new Map<string, Ticket>();
  for (const [line, input] of body.items.entries()) {
    const product = event.productById.get(input.product)!;
    const item: OrderItem = {
      line,
      product: product.id,
      name: product.name,
      unitCents: product.priceCents,
      depositCents: product.depositCents,
      category: product.category,
      station: product.station,
      qty: input.qty,
      voidedQty: 0,
      note: input.note?.trim() ?? "",
      options: input.options ?? [],
      doneAt: null,
    };
    let ticket = tickets.get(product.station);
    if (!ticket) {
      ticket = {
        id: ticketId(body.id, product.station),
        orderId: body.id,
        station: product.station,
        table,
        number: meta.number,
        counter,
        waiter: meta.waiter,
        createdAt: meta.now,
        doneAt: null,
        pickedUpAt: null,
        items: [],
      };
      tickets.set(product.station, ticket);
    }
    ticket.items.push(item);
  }
  const list = [...tickets.values()];
  return {
    id: body.id,
    seq: meta.seq,
    table,
    number: meta.number,
    counter,
    waiter: meta.waiter,
    menuVersion: meta.menuVersion,
    createdAt: meta.now,
    totalCents: orderTotalCents(list),
    tickets: list,
    positions: body.items.map((input, line) => ({ line, table, qty: input.qty, paidQty: 0, voidedQty: 0 })),
    closedAt: null,
  };
}
