// How often the menu may be saved (PUT /menu). A save that makes a new menu version is the heaviest
// command there is: the whole menu (up to 64 KB) written twice (the menu and its version's
// snapshot) plus its change, and sent whole to every phone and screen. An organiser fixing a menu
// saves a few times in a row, then not for a while; a loop of saves (246 of 61 KB in 40 s pushed
// others' orders to 138 ms) gets 429 instead. A save that is refused (a problem in the menu, or
// saved since) or changes nothing gives its turn back: it cost one check and wrote nothing.
import { ApiError } from "../errors.ts";

export const MENU_SAVE_LIMITS = {
  /** Saves in a row … */
  burst: 10,
  /** … then one every this many seconds. */
  everySeconds: 5,
} as const;

/** The turns left per event (whoever saves, any admin session, saves the same menu), refilled over time. */
const turns = new Map<string, { left: number; at: number }>();

function turnsOf(eventId: string, now: number): { left: number; at: number } {
  let t = turns.get(eventId);
  if (!t) {
    if (turns.size >= 100) turns.clear(); // a box runs one event at a time; forgetting only gives full turns back
    turns.set(eventId, (t = { left: MENU_SAVE_LIMITS.burst, at: now }));
  }
  t.left = Math.min(MENU_SAVE_LIMITS.burst, t.left + (now - t.at) / 1000 / MENU_SAVE_LIMITS.everySeconds);
  t.at = now;
  return t;
}

/** Takes one turn to save this event's menu; false when none is left (menuSaveLimited says so). */
export function takeMenuSave(eventId: string, now: number): boolean {
  const t = turnsOf(eventId, now);
  if (t.left < 1) return false;
  t.left -= 1;
  return true;
}

/** Gives the turn back: the save wrote nothing. */
export function returnMenuSave(eventId: string, now: number): void {
  const t = turnsOf(eventId, now);
  t.left = Math.min(MENU_SAVE_LIMITS.burst, t.left + 1);
}

export function menuSaveLimited(): ApiError {
  return new ApiError(
    "RATE_LIMITED",
    `the menu was saved ${MENU_SAVE_LIMITS.burst} times in a short while; wait ${MENU_SAVE_LIMITS.everySeconds} seconds and save again`,
    "",
    { retryAfterSeconds: MENU_SAVE_LIMITS.everySeconds },
  );
}
