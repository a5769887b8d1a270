// Placing an order: checked against the menu the waiter saw and what is left, stored with its
// tickets and bill positions, exactly once by its id. To spare a new order a read, the id is looked
// up only when the order is refused or its insert hits a taken id.
import type { Command, CommandContext, CoordinatorState } from "../command.ts";
import { answer, hashText } from "../command.ts";
import { availabilityChange } from "./setAvailability.ts";
import { isDuplicateId, mayReplay } from "./common.ts";
import { buildOrder, checkReferences, menuChanges, takeFromStock } from "../../domain/orders.ts";
import { readMenuVersion, type MenuSnapshot } from "../../db/eventState.ts";
import { insertOrder, readOrder, readOrderHash } from "../../db/orders.ts";
import { fail, type Failure } from "../../errors.ts";
import type { DeltaFrame, Order, OrderPlacedFrame, PlaceOrderBody } from "../../protocol.ts";
import { insertJobs } from "../../db/printJobs.ts";
import { orderJobs } from "../../print/documents.ts";
import { stationPrinting } from "../../print/printers.ts";

export interface PlaceOrderInput {
  body: PlaceOrderBody;
}
/** The menu the waiter saw, when it is older than the current one (undefined: unknown here). */
type PlaceOrderData = { seen: MenuSnapshot | undefined };
type PlaceOrderResult = { order: Order; replay: boolean };

/**
 * The canonical form of an order request: what "the same content" means for a replay.
 * The menu version is left out: a replay of an accepted order is the same order whatever the menu is now.
 */
export function canonicalOrder(body: PlaceOrderBody): string {
  // `counter` is left out of a table order's text (undefined), so the hashes stored before counters stay valid.
  return JSON.stringify({
    table: body.table,
    counter: body.counter,
    items: body.items.map((i) => ({ product: i.product, qty: i.qty, note: (i.note ?? "").trim(), options: [...(i.options ?? [])].sort() })),
  });
}

export function hashOrder(body: PlaceOrderBody): Promise<string> {
  return hashText(canonicalOrder(body));
}

/** The stored order for a replay by the one who placed it (or an admin); to anyone else the id is a conflict. */
async function replayOf({ db, event, actor, requestHash }: CommandContext, { body }: PlaceOrderInput) {
  const existing = await readOrderHash(db, body.id);
  if (!existing) return undefined;
  const order = existing.eventId === event.config.id && existing.bodyHash === requestHash ? await readOrder(db, event.config.id, body.id) : undefined;
  if (!order || !mayReplay(actor, order.waiter)) return fail("ORDER_ID_CONFLICT", "an order with this id exists with other content", "id");
  return answer({ order, replay: true });
}

export const placeOrder: Command<PlaceOrderInput, PlaceOrderData, PlaceOrderResult> = {
  permission: "order.place",

  hash: ({ body }) => hashOrder(body),

  /** Orders that arrive while the chain is busy are written together; the same id twice never shares a group. */
  groupKey: ({ body }) => body.id,

  async load({ db, event }, state, { body }) {
    const stale = body.menuVersion < state.menuVersion;
    return { seen: stale ? await readMenuVersion(db, event.config.id, body.menuVersion) : undefined };
  },

  decide(ctx, state, { body }, { seen }) {
    const { db, event, actor, now, requestHash } = ctx;
    // An order that waited in the chain behind POST /events: the phone reloads the (new) menu and
    // sends it again, as after any menu change, so it reaches the new event's stations.
    if (state.ended) return fail("MENU_CHANGED", `"${event.config.name}" has ended; reload the menu and send the order again`, "menuVersion", { changes: [] });
    const stock = checkOrder(ctx.event, state, body, seen);
    if (!Array.isArray(stock)) return stock;
    // The number is given here, in the serialized decide step: the next state carries it, and a batch that fails drops that state.
    const order = buildOrder(event, body, { seq: state.seq + 1, number: state.lastNumber + 1, waiter: actor.name, menuVersion: state.menuVersion, now });
    const placed: OrderPlacedFrame = { type: "order.placed", seq: order.seq, order };
    const frames: DeltaFrame[] = [placed];
    // Its tickets for stations with a printer are print jobs in the same batch (durable before visible).
    const statements = [...insertOrder(db, event.config.id, order, requestHash), ...insertJobs(db, event.config.id, orderJobs(event.config, order))];
    let next: CoordinatorState = { ...state, seq: order.seq, lastNumber: order.number };
    if (stock.length) {
      const change = availabilityChange(ctx, next, stock);
      frames.push(change.frame);
      statements.push(...change.statements);
      next = change.state;
    }
    return { kind: "plan", statements, frames, state: next, result: { order, replay: false } };
  },

  /** The printers of its stations start sending; never awaited, so a dead printer never holds up an order. */
  async afterCommit(plan, ctx) {
    const printers = plan.result.order.tickets.flatMap((t) => stationPrinting(ctx.event.config, t.station)?.printer.id ?? []);
    if (printers.length) ctx.print.kick(printers);
  },

  async onRefused(ctx, input, failure) {
    return (await replayOf(ctx, input)) ?? failure;
  },

  async onCommitError(ctx, input, error) {
    // The batch is atomic: nothing of it was stored. The id is taken, so this is a replay or a conflict.
    return isDuplicateId(error, "orders.id") ? replayOf(ctx, input) : undefined;
  },
};

/** Table, products and options exist; the menu the waiter saw still holds; there is enough left. */
function checkOrder(event: Parameters<typeof checkReferences>[0], state: CoordinatorState, body: PlaceOrderBody, seen: MenuSnapshot | undefined): Failure | ReturnType<typeof takeFromStock> {
  const menuIsCurrent = body.menuVersion === state.menuVersion;
  const badReference = checkReferences(event, body, menuIsCurrent);
  if (badReference) return badReference;
  if (!menuIsCurrent) {
    // A version this server never had (its data was reset while the phone kept its menu): nothing to compare.
    if (!seen)
      return fail("MENU_CHANGED", `menu version ${body.menuVersion} is not known here; reload the menu and check the order`, "menuVersion", { changes: [] });
    const changes = menuChanges(event, body, seen, state.availability);
    if (changes.length) return fail("MENU_CHANGED", "the menu changed since this order was made; check the items and send again", "menuVersion", { changes });
  }
  return takeFromStock(event, body, state.availability);
}
