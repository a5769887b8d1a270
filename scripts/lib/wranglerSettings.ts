// The values wrangler.toml holds (worker name, compatibility date, D1 database id), read the same
// way by `npm start` and `npm run report`, so both open the same stored data.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface WranglerSettings {
  name: string;
  compatibilityDate: string;
  databaseId: string;
}

export function wranglerSettings(root: string): WranglerSettings {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const pick = (key: string) => toml.match(new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, "m"))?.[1];
  return { name: pick("name")!, compatibilityDate: pick("compatibility_date")!, databaseId: pick("database_id")! };
}
