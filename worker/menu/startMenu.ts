// Which menu an event's coordinator starts with. The menu is the event's state in D1: seeded from
// config.json on the event's first start, edited on /admin from then on. config.json's menu is
// taken again only while nobody has edited the menu on /admin (the way before /admin/menu: edit
// the file, restart); once it was edited there, the stored menu wins and a differing config.json
// is only reported (a warning in the server's output and on /admin/menu, which can download the
// menu in use as config.json).
import { buildEvent } from "../config/event.ts";
import type { EventConfig } from "../config/schema.ts";
import { definitionHash, definitionOf, removedAfter } from "./definition.ts";
import type { StoredMenu } from "../db/menus.ts";

export interface MenuStart {
  stored: StoredMenu;
  /** The version the coordinator runs at. */
  menuVersion: number;
  /** A new version starts: write it (the menu, its snapshot, the event state) and announce it. */
  newVersion: boolean;
  /** config.json's menu is not the one in use. */
  configDiffers: boolean;
}

/**
 * @param stateRow the event's event_state row: its version, and the fingerprint of config.json's
 *   products it was made from (events that ran before menus were stored have no stored menu yet).
 */
export function startMenu(config: EventConfig, stored: StoredMenu | undefined, stateRow: { menuVersion: number; configHash: string } | undefined): MenuStart {
  const fromConfig = definitionOf(config);
  const configHash = definitionHash(fromConfig);
  if (!stored) {
    // First start, or the first since menus are stored: config.json's menu. A new version unless
    // the stored version was made from these very products.
    const same = stateRow?.configHash === buildEvent(config).menuHash;
    const menuVersion = same ? stateRow!.menuVersion : (stateRow?.menuVersion ?? 0) + 1;
    return { stored: { ...fromConfig, removed: [], source: "config", configHash, editedVersion: menuVersion }, menuVersion, newVersion: !same, configDiffers: false };
  }
  // Copied from the event before (POST /events): its first version is the one it was copied for.
  const current = stateRow?.menuVersion ?? stored.editedVersion;
  const firstRun = !stateRow;
  if (stored.source === "config" && stored.configHash !== configHash) {
    const menuVersion = current + 1;
    const removed = removedAfter(stored, stored, fromConfig).filter((r) => !fromConfig.products.some((p) => p.id === r.id));
    return { stored: { ...fromConfig, removed, source: "config", configHash, editedVersion: menuVersion }, menuVersion, newVersion: true, configDiffers: false };
  }
  return { stored, menuVersion: current, newVersion: firstRun, configDiffers: definitionHash(stored) !== configHash };
}
