// Reading config.json from disk and reporting its problems, for `npm start` and `npm run check-config`.
import { readFileSync } from "node:fs";
import { checkConfig, type ConfigProblem, type EventConfig } from "../../worker/config/schema.ts";

export interface ConfigReport {
  file: string;
  config?: EventConfig;
  /** The file's text, handed to the worker unchanged. */
  text?: string;
  problems: ConfigProblem[];
}

export function readConfigFile(file: string): ConfigReport {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { file, problems: [{ level: "error", path: "(file)", message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { file, problems: [{ level: "error", path: "(file)", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const { config, problems } = checkConfig(raw);
  return { file, config, text, problems };
}

/** Prints the report; returns true when the config can be used. */
export function printReport(report: ConfigReport): boolean {
  const errors = report.problems.filter((p) => p.level === "error");
  const warnings = report.problems.filter((p) => p.level === "warning");
  for (const p of errors) console.error(`  error    ${p.path}: ${p.message}`);
  for (const p of warnings) console.error(`  warning  ${p.path}: ${p.message}`);
  if (errors.length) {
    console.error(`${report.file}: ${errors.length} error(s), ${warnings.length} warning(s). Fix the errors and start again.`);
    return false;
  }
  const c = report.config!;
  console.log(
    `${report.file}: OK (${c.products.length} products, ${c.categories.length} categories, ${c.stations.length} stations, ${c.tables.list.length} tables${warnings.length ? `, ${warnings.length} warning(s)` : ""})`,
  );
  return true;
}
