// `npm start`: check the config, build, apply migrations and serve on the LAN.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseServerArgs } from "./lib/args.ts";
import { printReport, readConfigFile } from "./lib/configFile.ts";
import { startServer } from "./lib/server.ts";
import { accessUrls, printBanner } from "./lib/banner.ts";
import { READY_LINE } from "./lib/workerd.ts";
import { writeAccessPage } from "./lib/accessPage.ts";
import { dataFolderProblem, openFilesLimit, openFilesWarning } from "./lib/hostLimits.ts";
import { addressSpaceMessage, checkMachine, isAddressSpaceAbort, runtimeAbortsHere } from "./lib/machineCheck.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const options = parseServerArgs(process.argv.slice(2));
// Before anything builds or starts workerd: a Raspberry Pi it cannot run on is told so at once.
const machine = checkMachine();
if (!machine.ok) {
  console.error(machine.message);
  process.exit(1);
}
const report = readConfigFile(options.config);
if (!printReport(report)) process.exit(1);
const config = report.config!;
const dataProblem = dataFolderProblem(options.data);
if (dataProblem) {
  console.error(dataProblem);
  process.exit(1);
}
const fewFiles = openFilesWarning(openFilesLimit());
if (fewFiles) console.warn(fewFiles);

let server: Awaited<ReturnType<typeof startServer>> | undefined;
// Ctrl-C or SIGTERM (systemd) may come while the server is still starting: it is stopped as soon as
// it is up, never left running without this process (workerd on the port, nobody to stop it).
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  if (!server) return; // still starting: stopped right after startServer below
  await server.dispose();
  process.exit(0);
}
// Miniflare's exit hook would exit with 143 before the data is closed: stop in our own order instead.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  const tls = options.tlsCert && options.tlsKey ? { cert: readFileSync(options.tlsCert, "utf8"), key: readFileSync(options.tlsKey, "utf8") } : undefined;
  server = await startServer({ root, configText: report.text!, configuredAccess: config.access, host: options.host, port: options.port, data: options.data, tls });
} catch (error) {
  const message = (error as Error).message ?? String(error);
  if (/EADDRINUSE|address already in use/i.test(message)) console.error(`Port ${options.port} is in use: stop the other server or use --port.`);
  else if (/EACCES|permission denied/i.test(message)) console.error(`Not allowed to listen on port ${options.port}: see "Port 80" in the README.`);
  else {
    // workerd aborting on too small an address space reaches us as its raw lines or as a bare
    // `write EPIPE` (miniflare writing the config to a runtime that is gone): then workerd is asked.
    const aborts = isAddressSpaceAbort(message) || runtimeAbortsHere();
    if (!aborts || !/EPIPE|MmapAligned|TCMalloc/.test(message)) console.error("Could not start:", message);
    if (aborts) console.error(`\n${addressSpaceMessage(undefined)}`);
  }
  process.exit(1);
}
if (stopping) {
  await server.dispose();
  process.exit(0);
}
if (server.appliedMigrations.length) console.log(`Applied migrations: ${server.appliedMigrations.join(", ")}`);
const urls = accessUrls(server.url.protocol.replace(":", ""), options.host, options.port);
// The event that runs, which after "new event" on /admin is not config.json's.
printBanner(server.event.name, urls, server.pins, !config.access, writeAccessPage(options.data, server.event.name, config.language, urls));


// From here on a 2 MB shell keeps workerd running and stops it on Ctrl-C or SIGTERM: this node
// process (about 100 MB) is not needed for the evening (scripts/lib/workerd.ts).
if (!server.handOver()) console.log(`\n${READY_LINE}`);
