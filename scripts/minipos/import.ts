// The whole import of one mini_pos file's text: parse, read either format, convert, and check the
// result with the same checks `npm start` runs. Writes nothing; the command line does that.
import { checkConfig } from "../../worker/config/schema.ts";
import { Findings, formatPath } from "./findings.ts";
import { convertMinipos, type EventFields } from "./convert.ts";
import { readMinipos } from "./read.ts";
import type { MiniposFormat } from "./source.ts";

export interface ImportLine {
  level: "error" | "warning";
  /** Where in the mini_pos file (or, for `output …`, in the written config). */
  where: string;
  message: string;
}

export interface ImportResult {
  /** Only when there is no error. */
  config?: ReturnType<typeof convertMinipos>;
  format?: MiniposFormat;
  lines: ImportLine[];
}

export function importMinipos(text: string, event: EventFields): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { lines: [{ level: "error", where: "(file)", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const findings = new Findings();
  const { source, flatKeys } = readMinipos(findings, raw);
  const config = source && !findings.hasErrors ? convertMinipos(findings, source, event) : undefined;
  const lines: ImportLine[] = findings.list.map((f) => ({ level: f.level, where: formatPath(f.path, flatKeys), message: f.message }));
  if (!config) return { format: source?.format, lines };
  // The reader already refuses what Mini POS would refuse; this catches anything it missed
  // (and the event fields from the command line), so a written file always starts.
  const { problems } = checkConfig(config);
  lines.push(...problems.map((p) => ({ level: p.level, where: `output ${p.path}`, message: p.message })));
  return { config: lines.some((l) => l.level === "error") ? undefined : config, format: source!.format, lines };
}
