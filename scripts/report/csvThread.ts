// The CSV files of `npm run report -- --csv`, written on a thread of their own. Their records
// (76,000 item rows for 20,000 orders) and the PDF's figures and charts are each a few seconds of
// CPU; on one thread they add up, on two they overlap (the Pi and this machine have more than one
// core). The thread opens the data folder itself: node:sqlite reads synchronously, so one
// connection would serialize the two again. Started by writeCsvFilesOnThread (csvFiles.ts).
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { ReportWindow } from "../../worker/protocol.ts";
import { writeCsvFiles } from "./csvFiles.ts";
import { openDataFolder } from "./source.ts";

export interface CsvThreadInput {
  root: string;
  data: string;
  eventId: string;
  window: ReportWindow;
  dir: string;
}

enableCompileCache?.();
const input = workerData as CsvThreadInput;
const source = await openDataFolder(input.root, input.data);
try {
  parentPort!.postMessage(await writeCsvFiles(source.db, input.eventId, input.window, input.dir));
} finally {
  await source.close();
}
