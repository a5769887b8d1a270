// Command-line options of `npm start -- …` (and of the bench and crash harnesses, which start the same server).
import { parseArgs } from "node:util";

export interface ServerOptions {
  config: string;
  port: number;
  host: string;
  data: string;
  /** PEM files for HTTPS; phones only run the offline app shell (service worker) over HTTPS or localhost. */
  tlsCert?: string;
  tlsKey?: string;
}

const usage = `usage: npm start -- [--config FILE] [--port N] [--host ADDR] [--data DIR]
  --config FILE  the event configuration (default: config.json)
  --port N       the port to serve on (default: 8787; 80 needs root or a capability, see README)
  --host ADDR    the address to listen on (default: 0.0.0.0, every network of this machine)
  --data DIR     where orders and settings are kept (default: ./data)
  --tls-cert FILE, --tls-key FILE
                 serve HTTPS with this certificate and key (PEM), see "HTTPS" in the README`;

export function parseServerArgs(argv: string[]): ServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string", default: "config.json" },
        port: { type: "string", default: "8787" },
        host: { type: "string", default: "0.0.0.0" },
        data: { type: "string", default: "data" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port must be a whole number from 1 to 65535, not "${values.port}"\n${usage}`);
    process.exit(2);
  }
  if (!values["tls-cert"] !== !values["tls-key"]) {
    console.error(`--tls-cert and --tls-key go together\n${usage}`);
    process.exit(2);
  }
  return { config: values.config!, port, host: values.host!, data: values.data!, tlsCert: values["tls-cert"], tlsKey: values["tls-key"] };
}
