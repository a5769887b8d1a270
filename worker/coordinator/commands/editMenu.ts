// An admin's save of the menu (PUT /menu): checked by config.json's schema at this venue, based on
// the menu the admin saw, written as a new menu version with its snapshot, and broadcast whole as
// menu.changed. Product ids stay; a product left out is taken off the menu and its id never comes
// back for another product. Orders of the old version follow the 409 MENU_CHANGED rules (orders.ts).
import type { Command } from "../command.ts";
import { answer } from "../command.ts";
import { menuSnapshot } from "../../domain/orders.ts";
import { insertMenuVersion, readMenuVersion, upsertEventState, type MenuSnapshot } from "../../db/eventState.ts";
import { writeStoredMenu, type StoredMenu } from "../../db/menus.ts";
import { fail } from "../../errors.ts";
import type { MenuChangedFrame, MenuEditView } from "../../protocol.ts";
import { checkMenu, definitionHash, definitionOf, editView, eventWithMenu, menuDiff, menuOf, removedAfter } from "../../menu/definition.ts";

export interface EditMenuInput {
  /** The menu version the admin's editor showed. */
  baseVersion: number;
  categories: unknown;
  products: unknown;
}
/** `saved`: a new version was written (false: the menu was the same); the route counts saves by it. */
type EditMenuResult = { version: number; menu: MenuEditView; saved: boolean };

export const editMenu: Command<EditMenuInput, { base: MenuSnapshot | undefined }, EditMenuResult> = {
  permission: "menu.edit",

  async load({ db, event }, state, { baseVersion }) {
    const stale = baseVersion < state.menu.stored.editedVersion;
    return { base: stale ? await readMenuVersion(db, event.config.id, baseVersion) : undefined };
  },

  decide(ctx, state, input, { base }) {
    const { stored } = state.menu;
    if (input.baseVersion > state.menuVersion)
      return fail("INVALID_INPUT", `there is no menu version ${input.baseVersion} yet (the menu is at ${state.menuVersion})`, "baseVersion");
    // Sold-out changes make versions too; only a save of the menu since the admin's base conflicts.
    if (input.baseVersion < stored.editedVersion) {
      const changes = base ? menuDiff(base, ctx.event) : [];
      const what = changes.length ? changes.map((c) => `${c.name} (${c.kind})`).join(", ") : "the menu";
      return fail("MENU_CHANGED", `the menu was saved since version ${input.baseVersion} (now ${state.menuVersion}): ${what}; load it again and redo your change`, "baseVersion", { changes });
    }
    const checked = checkMenu(ctx.event.config, input, stored.removed);
    if (!checked.menu) {
      const first = checked.problems[0]!;
      const more = checked.problems.length > 1 ? ` (and ${checked.problems.length - 1} more)` : "";
      return fail("INVALID_INPUT", `${first.path}: ${first.message}${more}`, first.path, { problems: checked.problems.map(({ path, message }) => ({ path, message })) });
    }
    const before = definitionOf(ctx.event.config);
    if (definitionHash(checked.menu) === definitionHash(before)) return answer({ version: state.menuVersion, menu: editView(ctx.event, state.menuVersion, stored, state.menu.configDiffers), saved: false });

    const menuVersion = state.menuVersion + 1;
    const event = eventWithMenu(ctx.event.config, ctx.event.config, checked.menu);
    const next: StoredMenu = { ...checked.menu, removed: removedAfter(stored, before, checked.menu), source: "admin", configHash: stored.configHash, editedVersion: menuVersion };
    const configDiffers = definitionHash(next) !== stored.configHash;
    const frame: MenuChangedFrame = { type: "menu.changed", seq: state.seq + 1, menuVersion, menu: menuOf(event, menuVersion, state.availability) };
    const eventId = event.config.id;
    return {
      kind: "plan",
      statements: [
        writeStoredMenu(ctx.db, eventId, next, ctx.now, ctx.actor.name),
        insertMenuVersion(ctx.db, eventId, menuVersion, menuSnapshot(event, state.availability), ctx.now),
        upsertEventState(ctx.db, { eventId, seq: frame.seq, menuVersion, configHash: event.menuHash }),
      ],
      frames: [frame],
      state: { ...state, seq: frame.seq, menuVersion, event, menu: { stored: next, configDiffers } },
      result: { version: menuVersion, menu: editView(event, menuVersion, next, configDiffers), saved: true },
    };
  },
};
