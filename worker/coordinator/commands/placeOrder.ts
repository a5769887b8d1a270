// Placing an order: checked against the menu the waiter saw and what is left, stored with its
// tickets and bill positions, exactly once by its id. To spare a new order a read, the id is looked
// up only when the order is refused or its insert hits a taken id.
import type { Command, CoordinatorState } from "../command.ts";
import { answer } from "../command.ts";
import { availabilityChange } from "./setAvailability.ts";
import { isDuplicateId } from "./common.ts";
import { buildOrder, checkReferences, menuChanges, takeFromStock } from "../orders.ts";
import * as q from "../../db/queries.ts";
import { fail, type Failure } from "../../errors.ts";
import type { DeltaFrame, Order, OrderPlacedFrame, PlaceOrderBody } from "../../protocol.ts";

export interface PlaceOrderInput {
  body: PlaceOrderBody;
  bodyHash: string;
}
/** The menu the waiter saw, when it is older than the current one (undefined: unknown here). */
type PlaceOrderData = { seen: q.MenuSnapshot | undefined };
type PlaceOrderResult = { order: Order; replay: boolean };

async function replayOf({ db, event }: { db: q.Db; event: { config: { id: string } } }, { body, bodyHash }: PlaceOrderInput) {
  const existing = await q.readOrderHash(db, body.id);
  if (!existing) return undefined;
  if (existing.eventId !== event.config.id || existing.bodyHash !== bodyHash)
    return fail("ORDER_ID_CONFLICT", "an order with this id exists with other content", "id");
  return answer({ order: (await q.readOrder(db, event.config.id, body.id))!, replay: true });
}

export const placeOrder: Command<PlaceOrderInput, PlaceOrderData, PlaceOrderResult> = {
  permission: "order.place",

  async load({ db, event }, state, { body }) {
    const stale = body.menuVersion < state.menuVersion;
    return { seen: stale ? await q.readMenuVersion(db, event.config.id, body.menuVersion) : undefined };
  },

  decide(ctx, state, { body, bodyHash }, { seen }) {
    const { db, event, actor, now } = ctx;
    const stock = checkOrder(ctx.event, state, body, seen);
    if (!Array.isArray(stock)) return stock;
    const order = buildOrder(event, body, { seq: state.seq + 1, waiter: actor.name, menuVersion: state.menuVersion, now });
    const placed: OrderPlacedFrame = { type: "order.placed", seq: order.seq, order };
    const frames: DeltaFrame[] = [placed];
    const statements = q.insertOrder(db, event.config.id, order, bodyHash);
    let next: CoordinatorState = { ...state, seq: order.seq };
    if (stock.length) {
      const change = availabilityChange(ctx, next, stock);
      frames.push(change.frame);
      statements.push(...change.statements);
      next = change.state;
    }
    return { kind: "plan", statements, frames, state: next, result: { order, replay: false } };
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
function checkOrder(event: Parameters<typeof checkReferences>[0], state: CoordinatorState, body: PlaceOrderBody, seen: q.MenuSnapshot | undefined): Failure | ReturnType<typeof takeFromStock> {
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
