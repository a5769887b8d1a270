// The PINs in use: those the admin set on /admin (kept in D1), else those of config.json (or the
// deploy's secrets), else PINs generated on first start and kept in D1 so they stay the same
// across restarts. Imported by the worker and by the start script (which prints them).
import { accessSchema, type AccessPins } from "../config/schema.ts";
import { ensureSetting, readSetting, writeSetting, type SettingsDb } from "../db/settings.ts";

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

/** The setting that holds PINs changed on /admin: they win over the config's until the data folder is new. */
const CHANGED_KEY = "access_changed";

export async function readChangedPins(db: SettingsDb): Promise<AccessPins | undefined> {
  const stored = await readSetting(db, CHANGED_KEY);
  return stored === undefined ? undefined : accessSchema.parse(JSON.parse(stored));
}

export async function writeChangedPins(db: SettingsDb, pins: AccessPins): Promise<void> {
  await writeSetting(db, CHANGED_KEY, JSON.stringify(accessSchema.parse(pins)));
}

export async function resolvePins(db: SettingsDb, configured: AccessPins | undefined): Promise<AccessPins> {
  const changed = await readChangedPins(db);
  if (changed) return changed;
  if (configured) return configured;
  const stored = await ensureSetting(db, "access", () => JSON.stringify(generatePins()));
  return accessSchema.parse(JSON.parse(stored));
}
