// The PINs in use: those of config.json, or PINs generated on first start and kept in D1 so they
// stay the same across restarts. Imported by the worker and by scripts/start.ts (which prints them).
import { accessSchema, type AccessPins } from "../config/schema.ts";
import { ensureSetting, type SettingsDb } from "../db/settings.ts";

function randomDigits(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => String(b % 10)).join("");
}

export async function resolvePins(db: SettingsDb, configured: AccessPins | undefined): Promise<AccessPins> {
  if (configured) return configured;
  const stored = await ensureSetting(db, "access", () =>
    JSON.stringify({ waiterPin: randomDigits(4), stationPin: randomDigits(5), adminPin: randomDigits(6) } satisfies AccessPins),
  );
  return accessSchema.parse(JSON.parse(stored));
}
