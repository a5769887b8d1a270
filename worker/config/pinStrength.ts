// A warning for a PIN in config.json shorter than the 6 digits Mini POS generates: the schema
// accepts 4 to 8 digits (older configs and mini_pos imports have 4), but at the login limit a
// 4-digit PIN is guessed within hours. A warning, not an error, so such a config still starts.
import { PIN_LIMITS } from "../auth/pinThrottle.ts";
import type { ConfigProblem } from "./schema.ts";

export const MIN_PIN_DIGITS = 6;
/** Wrong PINs a minute that someone without a PIN gets through, from new and from known devices together. */
const GUESSES_PER_MINUTE = PIN_LIMITS.unknownPerMinute + PIN_LIMITS.knownPerMinute;
const ROLES = ["waiterPin", "stationPin", "adminPin"] as const;

/** How long trying every PIN of this many digits takes at the login limit, in words. */
function timeToTryAll(digits: number): string {
  const hours = 10 ** digits / GUESSES_PER_MINUTE / 60;
  return hours < 72 ? `about ${Math.round(hours)} hours` : `about ${Math.round(hours / 24)} days`;
}

/** One warning per PIN of `access` with fewer than 6 digits (PINs that are no digits at all are the schema's to refuse). */
export function checkPinStrength(access: unknown): ConfigProblem[] {
  if (!access || typeof access !== "object") return [];
  const out: ConfigProblem[] = [];
  for (const role of ROLES) {
    const pin = (access as Record<string, unknown>)[role];
    if (typeof pin !== "string" || !/^[0-9]{4,8}$/.test(pin) || pin.length >= MIN_PIN_DIGITS) continue;
    out.push({
      level: "warning",
      path: `access.${role}`,
      message:
        `has only ${pin.length} digits: the login limit lets ${GUESSES_PER_MINUTE} wrong PINs a minute through, so all ${(10 ** pin.length).toLocaleString("en")} ` +
        `${pin.length}-digit PINs are tried in ${timeToTryAll(pin.length)}. Use ${MIN_PIN_DIGITS} digits or more, or leave "access" out: ` +
        `Mini POS then makes 6-digit PINs and prints them at every start`,
    });
  }
  return out;
}
