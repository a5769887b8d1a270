// Who is logged in, and whether someone is guessing PINs: what the admin page shows.
import { z } from "zod";
import { ROLES, type Role } from "./common.ts";

/** Requests one session may send: a burst, then so many a second (429 RATE_LIMITED beyond). */
export const HTTP_LIMITS = { burst: 100, perSecond: 50 } as const;

/** PINs set on /admin: six digits at least, the length a guesser needs weeks for at the login limit. */
export const NEW_PIN_DIGITS = { min: 6, max: 8 } as const;
const newPin = z
  .string({ error: "must be a text of 6 to 8 digits" })
  .regex(new RegExp(`^[0-9]{${NEW_PIN_DIGITS.min},${NEW_PIN_DIGITS.max}}$`), `must be ${NEW_PIN_DIGITS.min} to ${NEW_PIN_DIGITS.max} digits`);

export const changePinBodySchema = z.strictObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  pin: newPin,
  /** The admin PIN typed again: a session left open on a laptop is not enough to change PINs. */
  currentAdminPin: z.string({ error: "must be the current admin PIN" }).regex(/^[0-9]{4,8}$/, "must be the current admin PIN (4 to 8 digits)"),
});
export type ChangePinBody = z.infer<typeof changePinBodySchema>;

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
