// `npm run report -- --csv DIR`: the same six files as the admin page's download buttons, from
// the same row builders, with times in this machine's time zone.
import { mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import type { Db } from "../../worker/db/client.ts";
import { REPORT_CSV_FILES, type ReportWindow } from "../../worker/protocol.ts";
import { csvText } from "../../worker/report/csv.ts";
import { readRecords } from "../../worker/report/records.ts";
import type { CsvThreadInput } from "./csvThread.ts";

export async function writeCsvFiles(db: Db, eventId: string, window: ReportWindow, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const written: string[] = [];
  for (const file of REPORT_CSV_FILES) {
    const path = join(dir, `${file}.csv`);
    writeFileSync(path, csvText(file, await readRecords(db, eventId, file, window), timeZone));
    written.push(path);
  }
  return written;
}

/** The same, on a thread of its own (csvThread.ts), so that it runs beside the PDF's work. */
export async function writeCsvFilesOnThread(input: CsvThreadInput): Promise<string[]> {
  const thread = new Worker(new URL("./csvThread.ts", import.meta.url), { workerData: input });
  // "error" rejects (the thread threw); an exit without a message is an error too.
  const [written] = (await Promise.race([once(thread, "message"), once(thread, "exit").then(([code]) => Promise.reject(new Error(`the CSV thread stopped (exit code ${code})`)))])) as [string[]];
  return written;
}
