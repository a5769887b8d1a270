// Command-line options of `npm run report -- …`. Every mistake is one line on stderr and exit 1.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ReportWindow } from "../../worker/protocol.ts";
import { parseWindow } from "../../worker/report/windowInput.ts";

export interface ReportOptions {
  config: string;
  data: string;
  event?: string;
  out?: string;
  csv?: string;
  window: ReportWindow;
}

export const usage = `usage: npm run report -- [--config FILE] [--data DIR] [--event ID] [--out FILE] [--csv DIR] [--from TIME --to TIME]
  --config FILE  the event configuration (default: config.json)
  --data DIR     the data folder npm start uses (default: ./data)
  --event ID     the event to report on (default: the one the server runs now)
  --out FILE     where to write the PDF (default: report-<event>-<date>.pdf)
  --csv DIR      also write orders.csv, items.csv, payments.csv, voids.csv, settlements.csv and voucher_sales.csv there
  --from TIME, --to TIME
                 only what happened in this period, e.g. 2026-07-04T18:00 (this machine's time zone)`;

export class UsageError extends Error {}

export function parseReportArgs(argv: string[]): ReportOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string", default: "config.json" },
        data: { type: "string", default: "data" },
        event: { type: "string" },
        out: { type: "string" },
        csv: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see npm run report -- --help)`);
  }
  if (values.help) return "help";
  const window = parseWindow(values.from, values.to, true);
  if ("error" in window) throw new UsageError(window.path === "to" && window.error.startsWith("must be later") ? `--from must be before --to` : `--${window.path} ${window.error}`);
  if (!existsSync(values.data!)) throw new UsageError(`the data folder ${values.data} does not exist (use --data DIR, the folder npm start uses)`);
  return { config: values.config!, data: values.data!, event: values.event, out: values.out, csv: values.csv, window: window.window };
}
