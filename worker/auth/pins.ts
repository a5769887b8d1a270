// The PINs in use: those of config.json, or PINs generated on first start and kept in D1 so they
// stay the same across restarts. Imported by the worker and by scripts/start.ts (which prints them).
import { accessSchema, type AccessPins } from "../config/schema.ts";
import { ensureSetting, type SettingsDb } from "../db/settings.ts";

function randomDigits(n: number): string {
  let out = "";
  while (out.length < n) {
    // Bytes of 250 and more are dropped, so that every digit is equally likely.
    for (const b of crypto.getRandomValues(new Uint8Array(n))) if (b < 250 && out.length < n) out += String(b % 10);
  }
  return out;
}

/**
 * Six digits for every role: a million candidates, so that at the login limit (20 wrong PINs a
 * minute in all) finding one takes weeks, not hours. Three different PINs, so a PIN names one role.
 */
export function generatePins(): AccessPins {
  const pins = new Set<string>();
  while (pins.size < 3) pins.add(randomDigits(6));
  const [waiterPin, stationPin, adminPin] = [...pins] as [string, string, string];
  return { waiterPin, stationPin, adminPin };
}

export async function resolvePins(db: SettingsDb, configured: AccessPins | undefined): Promise<AccessPins> {
  if (configured) return configured;
  const stored = await ensureSetting(db, "access", () => JSON.stringify(generatePins()));
  return accessSchema.parse(JSON.parse(stored));
}
