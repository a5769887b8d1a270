// The coordinator's state when it starts: the sequence, the availability, and the event with its
// menu (startMenu.ts decides which). A new menu version is written and announced in the stream, so
// a phone that resumes after a restart learns of it and reads the menu again.
import type { EventConfig } from "../config/schema.ts";
import type { Db, Statement } from "../db/client.ts";
import { insertChange, readLastSeq } from "../db/changes.ts";
import { insertMenuVersion, readAvailability, readEventState, upsertEventState } from "../db/eventState.ts";
import { readEventRow } from "../db/events.ts";
import { readStoredMenu, writeStoredMenu } from "../db/menus.ts";
import { readLastNumber } from "../db/orders.ts";
import type { CoordinatorState } from "../coordinator/command.ts";
import { availabilityChanged } from "../domain/availability.ts";
import { menuSnapshot } from "../domain/orders.ts";
import type { AvailabilityChangedFrame } from "../protocol.ts";
import { eventWithMenu } from "./definition.ts";
import { startMenu } from "./startMenu.ts";

export interface StartState {
  state: CoordinatorState;
  /** To commit before the state is used (one batch); empty when nothing changed. */
  writes: Statement[];
  announced?: AvailabilityChangedFrame;
  /** For the server's output: config.json's menu is not the one in use. */
  warning?: string;
}

export async function readStartState(db: Db, venue: EventConfig, eventId: string, now: number): Promise<StartState> {
  const [row, rows, lastSeq, stored, eventRow, lastNumber] = await Promise.all([
    readEventState(db, eventId),
    readAvailability(db, eventId),
    readLastSeq(db, eventId),
    readStoredMenu(db, eventId),
    readEventRow(db, eventId),
    readLastNumber(db, eventId),
  ]);
  const availability = new Map(rows.map((a) => [a.product, a]));
  // The sequence lives in the change log itself: each change writes its row, and nothing else.
  const seq = Math.max(row?.seq ?? 0, lastSeq);
  const start = startMenu(venue, stored, row);
  const ref = { id: eventId, name: eventRow?.name ?? (eventId === venue.id ? venue.name : eventId) };
  const event = eventWithMenu(venue, ref, start.stored);
  const menu = { stored: start.stored, configDiffers: start.configDiffers };
  const ended = eventRow?.endedAt != null;
  const warning = start.configDiffers
    ? `event ${eventId}: config.json's menu differs from the menu edited on /admin; the edited menu is in use (download it as config.json on /admin#/menu)`
    : undefined;
  if (!start.newVersion) {
    const writes = stored ? [] : [writeStoredMenu(db, eventId, start.stored, now, "config.json")];
    return { state: { seq, menuVersion: start.menuVersion, availability, event, menu, ended, lastNumber }, writes, warning };
  }
  const { menuVersion } = start;
  const announced = availabilityChanged(seq + 1, menuVersion, []);
  const writes = [
    writeStoredMenu(db, eventId, start.stored, now, start.stored.source === "config" ? "config.json" : "event start"),
    upsertEventState(db, { eventId, seq: announced.seq, menuVersion, configHash: event.menuHash }),
    insertMenuVersion(db, eventId, menuVersion, menuSnapshot(event, availability), now),
    insertChange(db, eventId, announced, now),
  ];
  return { state: { seq: announced.seq, menuVersion, availability, event, menu, ended, lastNumber }, writes, announced, warning };
}
