// `npm run import-minipos -- FILE [--out config.json]`: a mini_pos config.json (v0.3.9 or older)
// as a Mini POS config. Without --out the result goes to standard output; messages go to stderr.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatConfigJson } from "./minipos/configJson.ts";
import { importMinipos, type ImportLine } from "./minipos/import.ts";
import { slugOf } from "./minipos/ids.ts";

const NAME_DEFAULT = "Imported from mini_pos";
const usage = `usage: npm run import-minipos -- FILE [--out FILE] [--force] [--id ID] [--name NAME] [--currency EUR] [--language de|en]
  FILE            the mini_pos config.json (v0.3.9, or the older flat format)
  --out FILE      write the Mini POS config there (default: print it); an existing file is kept unless --force
  --force         overwrite the --out file
  --name NAME     the event's name (default: "Imported from mini_pos"); --id ID its id (default: made from the name)
  --currency XXX  ISO 4217 code (default: EUR); --language de|en (default: de)`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string" },
      force: { type: "boolean", default: false },
      id: { type: "string" },
      name: { type: "string", default: NAME_DEFAULT },
      currency: { type: "string", default: "EUR" },
      language: { type: "string", default: "de" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const { values, positionals } = args;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (positionals.length !== 1) fail(`name one mini_pos file${positionals.length ? `, not ${positionals.length}` : ""}\n${usage}`, 2);
if (values.language !== "de" && values.language !== "en") fail(`--language must be de or en, not "${values.language}"`, 2);
const file = positionals[0]!;
const out = values.out;
if (out && existsSync(out) && !values.force) fail(`${out} exists already: nothing written. Pass --force to overwrite it, or choose another --out.`);

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(`cannot read ${file}: ${code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(error)}`);
}

const result = importMinipos(text, { id: values.id ?? (slugOf(values.name!) || "minipos-import"), name: values.name!, currency: values.currency!, language: values.language });
const print = (l: ImportLine) => console.error(`  ${l.level.padEnd(8)} ${l.where}: ${l.message}`);
const errors = result.lines.filter((l) => l.level === "error");
const warnings = result.lines.filter((l) => l.level === "warning");
errors.forEach(print);
warnings.forEach(print);
if (!result.config) fail(`${file}: ${errors.length} error(s), ${warnings.length} warning(s); nothing written.`);

const json = formatConfigJson(result.config);
const c = result.config;
const summary = `${c.products.length} products, ${c.categories.length} categories, ${c.stations.length} stations, ${c.tables.list.length} tables`;
if (!out) {
  process.stdout.write(json);
  console.error(`${file} (mini_pos ${result.format}): ${summary}; ${warnings.length} warning(s).`);
} else {
  // Written aside and renamed, so an interrupted run never leaves half a config behind.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, out);
  console.error(`${file} (mini_pos ${result.format}) → ${out}: ${summary}; ${warnings.length} warning(s) above.`);
  // Only what the user has still to do: the name is asked for only when --name did not give one.
  const todo = [...(values.name === NAME_DEFAULT ? ["set the event's name (--name, or \"name\" in the file)"] : []), 'add PINs ("access") if you want fixed ones'];
  console.error(`Next: ${todo.join(", ")}; then: npm start -- --config ${out}`);
}
