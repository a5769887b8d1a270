// Random orders and frames as the worker makes them, for the station codec's property tests:
// tickets at up to three stations (one with a dot in its id), renamed products, voids, notes,
// options, tickets moved to another table, lines split over tables by a partial move (some of the
// moved part paid), done and picked-up tickets, closed orders.
import fc from "fast-check";
import type { BillPosition, DeltaFrame, Order, OrderItem, OrderPositions, Payment, Ticket, TableMove, VoidRecord } from "../../worker/protocol.ts";
import { counterBill, ticketId } from "../../worker/protocol.ts";

export const STATIONS = ["bar", "kitchen", "grill.2"] as const;
const PRODUCTS = ["pils", "cola", "wurst", "pommes"] as const;
const time = fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 });
const maybeTime = fc.option(time, { nil: null });
const table = fc.constantFrom("A1", "A2", "B7", "Terrasse 3");

const item = (station: string) =>
  fc
    .record({
      product: fc.constantFrom(...PRODUCTS),
      // Two names per product: the menu was renamed between two orders.
      renamed: fc.boolean(),
      unitCents: fc.integer({ min: 0, max: 5000 }),
      depositCents: fc.constantFrom(0, 200),
      qty: fc.integer({ min: 1, max: 6 }),
      voided: fc.integer({ min: 0, max: 6 }),
      note: fc.oneof(fc.constant(""), fc.constantFrom("ohne Zwiebel", "extra scharf", "😀 bitte")),
      options: fc.oneof(fc.constant([] as string[]), fc.uniqueArray(fc.constantFrom("groß", "Eis", "Zitrone"), { minLength: 1, maxLength: 3 })),
      doneAt: maybeTime,
      /** Part of it moved to another table (a partial move), some of that paid there. */
      split: fc.option(fc.record({ to: table, qty: fc.integer({ min: 1, max: 6 }), paid: fc.nat(6) }), { nil: undefined }),
    })
    .map(
      (i): Omit<OrderItem, "line"> & { split?: { to: string; qty: number; paid: number } } => ({
        product: i.product,
        name: i.renamed ? `${i.product} (neu)` : i.product.toUpperCase(),
        unitCents: i.unitCents,
        depositCents: i.depositCents,
        category: `cat-${i.product}`,
        station,
        qty: i.qty,
        voidedQty: Math.min(i.voided, i.qty),
        note: i.note,
        options: i.options,
        doneAt: i.doneAt,
        ...(i.split ? { split: i.split } : {}),
      }),
    );

/** The bill positions of a ticket's lines: each at the ticket's table, less what a move took to another table. */
export function positionsOfTicket(t: Pick<Ticket, "table">, items: readonly (OrderItem & { split?: { to: string; qty: number; paid: number } })[]): BillPosition[] {
  return items.flatMap((i) => {
    const moved = i.split && i.split.to !== t.table ? Math.min(i.split.qty, i.qty - i.voidedQty) : 0;
    const here: BillPosition = { line: i.line, table: t.table, qty: i.qty - moved, paidQty: 0, voidedQty: i.voidedQty };
    return moved ? [here, { line: i.line, table: i.split!.to, qty: moved, paidQty: Math.min(moved, i.split!.paid), voidedQty: 0 }] : [here];
  });
}

const ticketPart = (station: string) =>
  fc.record({
    station: fc.constant(station),
    items: fc.array(item(station), { minLength: 1, maxLength: 4 }),
    /** Moved to another table (its order's open items all went there). */
    movedTo: fc.option(table, { nil: undefined }),
    doneAt: maybeTime,
    pickedUp: fc.boolean(),
  });

/** An order as the worker holds it: one ticket per station it has lines for. */
export const order: fc.Arbitrary<Order> = fc
  .record({
    id: fc.uuid(),
    seq: fc.nat(10_000),
    table,
    number: fc.nat(10_000),
    /** A counter order (issue 22): its bill is its own, counterBill(id), and it is never moved. */
    counter: fc.option(fc.constantFrom("kasse", "kasse-2"), { nil: null }),
    waiter: fc.constantFrom("Anna", "Ben", "Çiğdem"),
    createdAt: time,
    stations: fc.shuffledSubarray([...STATIONS], { minLength: 1 }),
    closedAt: maybeTime,
  })
  .chain((o) => fc.tuple(fc.constant(o), fc.tuple(...o.stations.map(ticketPart))))
  .map(([o, parts]) => {
    let line = 0;
    const table = o.counter === null ? o.table : counterBill(o.id);
    const tickets = parts.map(
      (p): Ticket => ({
        id: ticketId(o.id, p.station),
        orderId: o.id,
        station: p.station,
        table: (o.counter === null ? p.movedTo : undefined) ?? table,
        number: o.number,
        counter: o.counter,
        waiter: o.waiter,
        createdAt: o.createdAt,
        doneAt: p.doneAt,
        pickedUpAt: p.doneAt !== null && p.pickedUp ? p.doneAt + 1000 : null,
        items: p.items.map((i) => ({ ...i, line: line++ })),
      }),
    );
    const positions = tickets.flatMap((t) => positionsOfTicket(t, t.items));
    for (const t of tickets) t.items = t.items.map(({ split: _, ...i }: OrderItem & { split?: unknown }) => i);
    return { id: o.id, seq: o.seq, table, number: o.number, counter: o.counter, waiter: o.waiter, menuVersion: 3, createdAt: o.createdAt, totalCents: 0, tickets, positions, closedAt: o.closedAt };
  });

/** Orders with distinct ids. */
export const orders = fc.uniqueArray(order, { selector: (o) => o.id, maxLength: 6 });

/** A ticket of `o` after a change: bumped or undone (whole or by item), picked up, or moved. */
export const changedTicket = (o: Order) =>
  fc.record({ at: fc.nat(o.tickets.length - 1), doneAt: maybeTime, picked: fc.boolean(), itemsDone: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), movedTo: fc.option(table, { nil: undefined }) }).map(
    ({ at, doneAt, picked, itemsDone, movedTo }): Ticket => {
      const t = o.tickets[at]!;
      return {
        ...t,
        table: movedTo ?? t.table,
        doneAt,
        pickedUpAt: doneAt !== null && picked ? doneAt + 5 : null,
        items: t.items.map((i, n) => ({ ...i, doneAt: itemsDone[n] ? (doneAt ?? 1_750_000_000_000) : null })),
      };
    },
  );

const positionsOf = (o: Order): OrderPositions => ({ order: o.id, closedAt: o.closedAt, positions: o.positions });
const payment = (o: Order): Payment =>
  ({ id: crypto.randomUUID(), seq: 1, table: o.table, waiter: o.waiter, method: "cash", createdAt: o.createdAt, items: [], totalCents: 0, reversal: { seq: 2, at: o.createdAt + 9, by: "Chef", reason: "falsch" } }) as unknown as Payment;
const voidRecord = (t: Ticket): VoidRecord =>
  ({ id: crypto.randomUUID(), seq: 1, order: t.orderId, line: t.items[0]!.line, qty: 1, reason: "mistake", by: t.waiter, createdAt: t.createdAt + 7 }) as unknown as VoidRecord;
const move = (to: string): TableMove => ({ id: crypto.randomUUID(), seq: 1, from: "A1", to, by: "Anna", createdAt: 1_750_000_000_000, items: [] }) as unknown as TableMove;

/** A frame of any kind the worker sends, about the `known` orders (those a screen holds from its snapshot) or new ones. */
export const frame = (known: Order[], seq: number): fc.Arbitrary<DeltaFrame> => {
  const some = known.length ? fc.constantFrom(...known) : order;
  const kinds: fc.Arbitrary<DeltaFrame>[] = [
    order.map((o) => ({ type: "order.placed", seq, order: o })),
    some.chain((o) =>
      fc.tuple(changedTicket(o), fc.constantFrom("item.bumped", "item.reopened", "ticket.bumped", "ticket.reopened", "ticket.picked_up"), fc.boolean()).map(([ticket, type, reopens]): DeltaFrame => ({
        type,
        seq,
        ticket,
        by: "Theke",
        ...(reopens ? { reopened: { ...o, closedAt: null, tickets: o.tickets.map((t) => (t.id === ticket.id ? ticket : t)) } } : {}),
      })),
    ),
    some.chain((o) => changedTicket(o).map((ticket): DeltaFrame => ({ type: "item.voided", seq, void: voidRecord(ticket), ticket, positions: [positionsOf(o)] }))),
    // A move: tickets that followed their guests to `to`, and tickets that stayed with their lines split (some to `to`).
    fc.uniqueArray(some.chain((o) => fc.tuple(changedTicket(o), fc.boolean(), fc.array(fc.nat(6), { minLength: 4, maxLength: 4 }))), { selector: ([t]) => t.orderId, maxLength: 3 }).chain((moved) =>
      table.map((to): DeltaFrame => {
        const tickets = moved.map(([t, follows]) => (follows ? { ...t, table: to } : t));
        const positions = moved.map(([t, follows, qty], n): OrderPositions => {
          const items = t.items.map((i, k) => (follows ? i : { ...i, split: { to, qty: qty[k]!, paid: 1 } }));
          return { order: t.orderId, closedAt: null, positions: positionsOfTicket(tickets[n]!, items) };
        });
        return { type: "table.moved", seq, move: move(to), positions, tickets };
      }),
    ),
    fc.array(order, { maxLength: 3 }).chain((reopened) => some.map((o): DeltaFrame => ({ type: "payment.reversed", seq, payment: payment(o), positions: reopened.map(positionsOf), reopened }))),
    some.map((o): DeltaFrame => ({ type: "payment.recorded", seq, payment: payment(o), positions: [positionsOf(o)] })),
    some.map((o): DeltaFrame => ({ type: "order.closed", seq, orderId: o.id, closedAt: o.createdAt + 60_000 })),
    fc.constant<DeltaFrame>({ type: "availability.changed", seq, menuVersion: 4, availability: [{ product: "pils", soldOut: true, quota: null }] }),
    fc.constant<DeltaFrame>({ type: "menu.changed", seq, menuVersion: 4, menu: { version: 4, stations: [], categories: [], products: [] } }),
    fc.constant<DeltaFrame>({ type: "event.started", seq, event: { id: "e2", name: "Sommerfest" } }),
    fc.constant<DeltaFrame>({ type: "settlement.recorded", seq, settlement: { id: "s1" } as never }),
  ];
  return fc.oneof(...kinds);
};
