// `npm start`: check the config, build, apply migrations and serve on the LAN.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseServerArgs } from "./lib/args.ts";
import { printReport, readConfigFile } from "./lib/configFile.ts";
import { startServer } from "./lib/server.ts";
import { printBanner } from "./lib/banner.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const options = parseServerArgs(process.argv.slice(2));
const report = readConfigFile(options.config);
if (!printReport(report)) process.exit(1);
const config = report.config!;

let server;
try {
  const tls = options.tlsCert && options.tlsKey ? { cert: readFileSync(options.tlsCert, "utf8"), key: readFileSync(options.tlsKey, "utf8") } : undefined;
  server = await startServer({ root, configText: report.text!, configuredAccess: config.access, host: options.host, port: options.port, data: options.data, tls });
} catch (error) {
  const message = (error as Error).message ?? String(error);
  if (/EADDRINUSE|address already in use/i.test(message)) console.error(`Port ${options.port} is in use: stop the other server or use --port.`);
  else if (/EACCES|permission denied/i.test(message)) console.error(`Not allowed to listen on port ${options.port}: see "Port 80" in the README.`);
  else console.error("Could not start:", message);
  process.exit(1);
}
if (server.appliedMigrations.length) console.log(`Applied migrations: ${server.appliedMigrations.join(", ")}`);
printBanner(config.name, server.url.protocol.replace(":", ""), options.host, options.port, server.pins, !config.access);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await server!.dispose();
  process.exit(0);
}
// Miniflare's exit hook would exit with 143 before the data is closed: stop in our own order instead.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
