// `npm run report -- --csv DIR`: the same six files as the admin page's download buttons, from
// the same row builders, with times in this machine's time zone.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../worker/db/client.ts";
import { REPORT_CSV_FILES, type ReportWindow } from "../../worker/protocol.ts";
import { csvText } from "../../worker/report/csv.ts";
import { readOrdersAndItems, readRecords } from "../../worker/report/records.ts";

export async function writeCsvFiles(db: Db, eventId: string, window: ReportWindow, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const written: string[] = [];
  // Orders and items come from one reading of the order lines.
  const ordersAndItems = await readOrdersAndItems(db, eventId, window);
  for (const file of REPORT_CSV_FILES) {
    const path = join(dir, `${file}.csv`);
    const records = file === "orders" || file === "items" ? ordersAndItems[file] : await readRecords(db, eventId, file, window);
    writeFileSync(path, csvText(file, records, timeZone));
    written.push(path);
  }
  return written;
}
