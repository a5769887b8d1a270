// Who is logged in, and whether someone is guessing PINs: what the admin page shows.
import type { Role } from "./common.ts";

export interface SessionInfo {
  id: string;
  name: string;
  role: Role;
  /** A short label of the browser and system ("Android · Chrome"), from the user agent. */
  device: string;
  createdAt: number;
  lastSeenAt: number;
  /** The session this list was asked with. */
  current: boolean;
}

export interface SecurityStatus {
  /** Wrong PINs compared by the server (logins and void approvals). */
  wrongPins: { lastMinute: number; last10Minutes: number; lastHour: number; lastAt: number | null };
  /** Logins refused by the limit in the last hour (since the last restart). */
  refusedLoginsLastHour: number;
  /** Devices that never logged in here must wait: someone is guessing. */
  newDevicesBlocked: boolean;
  /** The limits, so the page can say what they are. */
  limits: { newDevicesPerMinute: number; perKnownDevicePerMinute: number; knownDevicesPerMinute: number };
}
