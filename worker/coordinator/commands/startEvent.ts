// A new event (POST /events), run by the coordinator of the event that ends: the next one gets the
// same venue and this event's menu as it is now (its removed ids too, so none is reused); sold-out
// marks and quotas stay behind (they are this evening's stock). The last frame of this event's
// stream, event.started, tells its pages to load the app again, which then shows the new event.
import type { Command } from "../command.ts";
import { fail } from "../../errors.ts";
import type { EventStartedFrame } from "../../protocol.ts";
import { definitionOf } from "../../menu/definition.ts";
import { eventIdTaken, switchEvent } from "../../db/events.ts";
import { writeStoredMenu } from "../../db/menus.ts";

export interface StartEventInput {
  id: string;
  name: string;
}
type StartEventResult = { event: { id: string; name: string; startedAt: number } };

export const startEvent: Command<StartEventInput, { taken: boolean }, StartEventResult> = {
  permission: "event.start",

  async load({ db }, _state, { id }) {
    return { taken: await eventIdTaken(db, id) };
  },

  decide(ctx, state, next, { taken }) {
    const current = { id: ctx.event.config.id, name: ctx.event.config.name };
    if (taken || next.id === current.id) return fail("ID_CONFLICT", `an event with the id "${next.id}" exists on this box; choose another id`, "id");
    const frame: EventStartedFrame = { type: "event.started", seq: state.seq + 1, event: next };
    // Its first menu version follows this one's, so a phone's cached version never looks newer than the menu.
    const copied = { ...state.menu.stored, ...definitionOf(ctx.event.config), editedVersion: state.menuVersion + 1 };
    return {
      kind: "plan",
      statements: [...switchEvent(ctx.db, current, next, ctx.now), writeStoredMenu(ctx.db, next.id, copied, ctx.now, ctx.actor.name)],
      frames: [frame],
      state: { ...state, seq: frame.seq },
      result: { event: { ...next, startedAt: ctx.now } },
    };
  },
};
