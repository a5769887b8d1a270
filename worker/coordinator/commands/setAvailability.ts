// Sold out and quotas: an admin's change, or what an order took. A change of sold-out state starts
// a new menu version (stored, so a stale order can be compared against it).
import type { Command, CommandContext, CoordinatorState } from "../command.ts";
import { answer } from "../command.ts";
import { availabilityChanged } from "../../domain/availability.ts";
import { menuSnapshot } from "../../domain/orders.ts";
import { insertMenuVersion, upsertAvailability, upsertEventState } from "../../db/eventState.ts";
import { fail } from "../../errors.ts";
import type { AvailabilityBody, ProductAvailability } from "../../protocol.ts";

export interface AvailabilityInput {
  product: string;
  body: AvailabilityBody;
}
type AvailabilityResult = { availability: ProductAvailability; menuVersion: number };

/** The frame, statements and state for availability rows that changed, numbered after state.seq. */
export function availabilityChange({ db, event, now }: Pick<CommandContext, "db" | "event" | "now">, state: CoordinatorState, changed: ProductAvailability[]) {
  const eventId = event.config.id;
  const menuVersion = changed.some((a) => a.soldOut !== (state.availability.get(a.product)?.soldOut ?? false)) ? state.menuVersion + 1 : state.menuVersion;
  const availability = new Map(state.availability);
  for (const a of changed) availability.set(a.product, a);
  const frame = availabilityChanged(state.seq + 1, menuVersion, changed);
  const statements = changed.map((a) => upsertAvailability(db, eventId, a, now));
  if (menuVersion !== state.menuVersion) {
    statements.push(insertMenuVersion(db, eventId, menuVersion, menuSnapshot(event, availability), now));
    statements.push(upsertEventState(db, { eventId, seq: frame.seq, menuVersion, configHash: event.menuHash }));
  }
  return { frame, statements, state: { ...state, seq: frame.seq, menuVersion, availability } };
}

export const setAvailability: Command<AvailabilityInput, undefined, AvailabilityResult> = {
  permission: "availability.set",

  async load() {
    return undefined;
  },

  decide(ctx, state, { product, body }) {
    if (!ctx.event.productById.has(product)) return fail("NOT_FOUND", `unknown product "${product}"`, "param.product");
    const before = state.availability.get(product) ?? { product, soldOut: false, quota: null };
    const quota = body.quota === undefined ? before.quota : body.quota;
    // A quota of 0 is sold out; setting a new quota above 0 puts the product back on sale unless soldOut says otherwise.
    const soldOut = body.soldOut ?? (body.quota !== undefined ? quota === 0 : before.soldOut);
    const after: ProductAvailability = { product, soldOut: soldOut || quota === 0, quota };
    if (after.soldOut === before.soldOut && after.quota === before.quota) return answer({ availability: after, menuVersion: state.menuVersion });
    const change = availabilityChange(ctx, state, [after]);
    return { kind: "plan", statements: change.statements, frames: [change.frame], state: change.state, result: { availability: after, menuVersion: change.state.menuVersion } };
  },
};
