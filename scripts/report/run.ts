// `npm run report`: the end-of-night report of a data folder as an A4 PDF (and with --csv the
// six CSV files), while the server runs or after it stopped. Prints where it wrote and the
// headline figures. Any mistake in the input is one line on stderr and exit code 1.
// Started by scripts/report.ts (which turns Node's compile cache on first).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readReport } from "../../worker/report/readReport.ts";
import { readConfigFile } from "../lib/configFile.ts";
import { UsageError, parseReportArgs, usage } from "./args.ts";
import { writeCsvFiles } from "./csvFiles.ts";
import { formatsFor } from "./format.ts";
import { missingMigrations, openDataFolder, storedEvents } from "./source.ts";
import { eventChoice } from "./eventChoice.ts";
import { runningEvent } from "../../worker/domain/runningEvent.ts";
import { writePdf } from "./writePdf.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main(): Promise<void> {
  const options = parseReportArgs(process.argv.slice(2));
  if (options === "help") return void console.log(usage);
  const configFile = readConfigFile(options.config);
  if (!configFile.config) throw new UsageError(`${options.config}: ${configFile.problems.find((p) => p.level === "error")?.message ?? "not a valid config"} (npm run check-config says more)`);
  const { config } = configFile;

  const source = await openDataFolder(root, options.data);
  try {
    const missing = await missingMigrations(source.db, root);
    if (missing.length)
      throw new UsageError(`${options.data} was last served by an older Mini POS (its data lacks ${missing.join(", ")}): start this version on it once (npm start -- --data ${options.data}, then Ctrl-C), which updates it, and run the report again`);
    const events = await storedEvents(source.db);
    // Default: the event the server runs now (POST /events may have started another after config.json's),
    // by the server's own rule.
    const eventId = options.event ?? runningEvent(events.list, config).id;
    // The config's own event counts as known even before its first order (then it is empty).
    if (!events.ids.includes(eventId) && eventId !== config.id) throw new UsageError(`no event "${eventId}" in ${options.data}${events.ids.length ? ` (it holds: ${events.ids.join(", ")})` : ""}`);
    // Stations come from the config; name and categories as the box stored them for this event.
    const name = events.names.get(eventId) ?? (eventId === config.id ? config.name : eventId);
    // Counters (issue 22) name the per-counter figures.
    const event = { config: { ...config, id: eventId, name }, stations: config.stations, categories: config.categories, counters: config.counters };
    const report = await readReport(source.db, event, options.window);
    if (report.headline.orders === 0) {
      const period = options.window.from !== null || options.window.to !== null ? " in that period" : "";
      const choice = eventChoice(events.list, eventId, config.language);
      throw new UsageError(`event "${eventId}" has no orders${period}: nothing to report${choice ? `.\n${choice}` : ""}`);
    }
    const out = options.out ?? `report-${eventId}-${new Date(report.generatedAt).toISOString().slice(0, 10)}.pdf`;
    await writePdf(report, out);
    console.log(`Wrote ${out}`);
    if (options.csv) console.log(`Wrote ${(await writeCsvFiles(source.db, eventId, options.window, options.csv)).join(", ")}`);
    const f = formatsFor(report);
    const h = report.headline;
    console.log(`${f.t("orders")}: ${f.int(h.orders)} · ${f.t("items")}: ${f.int(h.qty)} · ${f.t("sales")}: ${f.money(h.salesCents)} · ${f.t("free")}: ${f.money(h.freeCents)} · ${f.t("open")}: ${f.money(h.openCents)} · ${f.t("voided")}: ${f.money(h.voidedCents)}`);
    console.log(`${f.t("moneyInShort")}: ${f.money(h.moneyInCents)} (${f.t("cash")} ${f.money(h.cashInCents)} · ${f.t("card")} ${f.money(h.cardInCents)}) · ${f.t("vouchersShort")}: ${f.money(h.voucherCents)} · ${f.t("tips")}: ${f.money(h.tipsCents)}`);
  } finally {
    await source.close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) console.error(error.message);
  else console.error(`The report failed: ${(error as Error).message ?? error}`);
  process.exit(1);
}
