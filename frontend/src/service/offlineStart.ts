// What the waiter app needs to start with no network (a reload while the WiFi is down): the last
// session, event and menu seen, kept in localStorage.
import type { EventInfo, Menu, Session } from "../../../worker/protocol.ts";

const OFFLINE_KEY = "mini-pos.service.offline";

export interface OfflineStart {
  session: Session;
  event: EventInfo;
  menu: Menu;
}

export function storeOffline(start: OfflineStart): void {
  try {
    localStorage.setItem(OFFLINE_KEY, JSON.stringify(start));
  } catch {
    // Storage full: offline start will not be possible, nothing else breaks.
  }
}

export function readOffline(): OfflineStart | undefined {
  try {
    return JSON.parse(localStorage.getItem(OFFLINE_KEY) ?? "null") ?? undefined;
  } catch {
    return undefined;
  }
}
