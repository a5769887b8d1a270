// A new event (POST /events), run by the coordinator of the event that ends: the next one gets the
// same venue and this event's menu as it is now (its removed ids too, so none is reused); sold-out
// marks and quotas stay behind (they are this evening's stock). The last frame of this event's
// stream, event.started, tells its pages to load the app again, which then shows the new event.
// While a table has open items it is refused (409 OPEN_BILLS, naming each table and amount) unless
// the organiser says "openBills": "keep": those bills then stay payable in this event (?event=).
// The check runs here, in the exclusive chain, so an order placed at the same moment cannot slip by.
import type { Command } from "../command.ts";
import { fail } from "../../errors.ts";
import type { LoadedEvent } from "../../config/event.ts";
import { placeName, type EventStartedFrame, type NewEventBody, type OpenTableBill } from "../../protocol.ts";
import { definitionOf } from "../../menu/definition.ts";
import { readTableFigures } from "../../db/bills.ts";
import { withCounterPlaces } from "../../db/counterPlaces.ts";
import { eventIdTaken, switchEvent } from "../../db/events.ts";
import { writeStoredMenu } from "../../db/menus.ts";

export type StartEventInput = NewEventBody;
type StartEventResult = { event: { id: string; name: string; startedAt: number } };

/** Each table of the event with open items, in the venue's order. */
function openBillsOf(event: LoadedEvent, figures: Map<string, { openOrders: number; openCents: number }>): OpenTableBill[] {
  const order = event.config.tables.list.map((t) => t.name);
  const rank = (table: string) => (order.includes(table) ? order.indexOf(table) : order.length);
  return [...figures]
    .filter(([, f]) => f.openOrders > 0)
    .map(([table, f]) => ({ table, openCents: f.openCents }))
    .sort((a, b) => rank(a.table) - rank(b.table) || a.table.localeCompare(b.table));
}

function openBillsRefusal(event: LoadedEvent, bills: OpenTableBill[]) {
  const { currency, language } = event.config;
  const money = new Intl.NumberFormat(language, { style: "currency", currency });
  const list = bills.map((b) => `${placeName(b.table, b.place, event.config.counters, language)}: ${money.format(b.openCents / 100)}`).join(", ");
  return fail(
    "OPEN_BILLS",
    `tables of "${event.config.name}" still have open bills (${list}); cash them up or void them first, or start with "openBills": "keep" to keep them payable from the phones`,
    "openBills",
    { openBills: bills },
  );
}

export const startEvent: Command<StartEventInput, { taken: boolean; openBills: OpenTableBill[] }, StartEventResult> = {
  permission: "event.start",

  async load({ db, event }, _state, { id }) {
    const [taken, figures] = await Promise.all([eventIdTaken(db, id), readTableFigures(db, event.config.id)]);
    return { taken, openBills: await withCounterPlaces(db, openBillsOf(event, figures)) };
  },

  decide(ctx, state, input, { taken, openBills }) {
    const current = { id: ctx.event.config.id, name: ctx.event.config.name };
    const next = { id: input.id, name: input.name };
    if (taken || next.id === current.id) return fail("ID_CONFLICT", `an event with the id "${next.id}" exists on this box; choose another id`, "id");
    if (openBills.length && input.openBills !== "keep") return openBillsRefusal(ctx.event, openBills);
    const frame: EventStartedFrame = { type: "event.started", seq: state.seq + 1, event: next };
    // Its first menu version follows this one's, so a phone's cached version never looks newer than the menu.
    const copied = { ...state.menu.stored, ...definitionOf(ctx.event.config), editedVersion: state.menuVersion + 1 };
    return {
      kind: "plan",
      statements: [...switchEvent(ctx.db, current, next, ctx.now), writeStoredMenu(ctx.db, next.id, copied, ctx.now, ctx.actor.name)],
      frames: [frame],
      state: { ...state, seq: frame.seq, ended: true },
      result: { event: { ...next, startedAt: ctx.now } },
    };
  },
};
