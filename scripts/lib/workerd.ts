// Runs workerd as the server process's only child, with the command line and config miniflare
// generated (scripts/lib/prepareRuntime.ts), bound to the address the organiser chose. This is what
// miniflare's Runtime does, without miniflare's node side: workerd serves D1, the Durable Object,
// the assets and the stream on its own; the node side only answers the two loopback calls the
// runtime makes on its own (log lines and uncaught errors), prints the runtime's log lines, and
// starts the runtime again if it dies during the evening.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

export interface WorkerdCommand {
  command: string;
  args: string[];
  config: Uint8Array;
}

/** How much of the runtime's last output a crash report carries (enough for an abort's lines). */
const OUTPUT_KEPT = 8_000;
/** A runtime that has died this often within a minute is not started again (it would only loop). */
const RESTARTS_PER_MINUTE = 3;

/**
 * Lines workerd writes that say nothing to an organiser: with our V8 flags its built-in code cache
 * does not apply, so it says so on every start (the scripts are compiled instead; no other effect).
 */
export function isRuntimeNoise(message: string): boolean {
  return message.includes("compile cache failed its compatibility check");
}

/** One line workerd wrote, as text: with structured logging every line is `{level, message}` JSON. */
function parseLine(line: string): { level: string; message: string } {
  if (line.startsWith("{")) {
    try {
      const parsed = JSON.parse(line) as { level?: string; message?: string };
      if (typeof parsed.message === "string") return { level: parsed.level ?? "info", message: parsed.message };
    } catch {
      // not JSON: as it is
    }
  }
  return { level: "info", message: line };
}

export function printLog({ level, message }: { level: string; message: string }): void {
  if (isRuntimeNoise(message)) return;
  if (level === "error" || level === "warn") console.error(message);
  else console.log(message);
}

/** The runtime's loopback service: `/core/log` (a log line) and `/core/error` (an uncaught error). */
function startLoopback(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url?.startsWith("/core/error")) {
        let text = body;
        try {
          const error = JSON.parse(body) as { message?: string; stack?: string };
          text = error.stack ?? error.message ?? body;
        } catch {
          // not JSON
        }
        console.error(text);
        res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
        return;
      }
      if (req.url?.startsWith("/core/log")) {
        // miniflare's levels: 0 none, 1 error, 2 warn, 3 info, 4 debug, 5 verbose
        const level = Number(req.headers["mf-log-level"] ?? 3);
        if (level <= 2) console.error(body);
        else if (level === 3) console.log(body);
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** The port workerd reports on its control pipe once the entry socket listens. */
function waitForListen(control: Readable): Promise<number | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: control });
    lines.on("line", (line) => {
      try {
        const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (message.event === "listen" && message.socket === "entry") {
          resolve(message.port); // before close(), whose listener resolves with undefined
          lines.close();
        }
      } catch {
        // not a control message
      }
    });
    lines.on("close", () => resolve(undefined));
  });
}

export interface RunningWorkerd {
  port: number;
  /** Stops the runtime (SIGTERM, then SIGKILL) and the loopback service. */
  stop(): Promise<void>;
}

/**
 * Starts workerd on `host:port` (port 0: any free one) and resolves once it listens. Rejects with
 * the runtime's output if it exits before listening (address in use, a machine it cannot run on).
 */
export async function runWorkerd(run: WorkerdCommand, host: string, port: number): Promise<RunningWorkerd> {
  const loopback = await startLoopback();
  const loopbackPort = (loopback.address() as AddressInfo).port;
  const bracket = (h: string) => (h.includes(":") && !h.startsWith("[") ? `[${h}]` : h);
  let boundPort = port;
  let child: ChildProcess | undefined;
  let stopping = false;
  const restarts: number[] = [];

  const args = () =>
    run.args.map((arg) => {
      if (arg.startsWith("--socket-addr=entry=")) return `--socket-addr=entry=${bracket(host)}:${boundPort}`;
      if (arg.startsWith("--external-addr=loopback=")) return `--external-addr=loopback=127.0.0.1:${loopbackPort}`;
      return arg;
    });

  /** One workerd process; resolves with its port, or rejects with its output if it exits first. */
  const launch = async (): Promise<number> => {
    let output = "";
    const keep = (line: string) => {
      const log = parseLine(line);
      if (!isRuntimeNoise(log.message)) output = (output + log.message + "\n").slice(-OUTPUT_KEPT);
      printLog(log);
    };
    const proc = spawn(run.command, args(), { stdio: ["pipe", "pipe", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });
    child = proc;
    createInterface({ input: proc.stdout! }).on("line", keep);
    createInterface({ input: proc.stderr! }).on("line", keep);
    proc.stdin!.end(run.config);
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    const listening = await Promise.race([waitForListen(proc.stdio[3] as Readable), exited.then(() => undefined)]);
    if (listening === undefined) {
      await exited;
      throw new Error(`the workerd runtime exited while starting:\n${output.trim()}`);
    }
    void exited.then(() => {
      if (stopping || child !== proc) return;
      const now = Date.now();
      restarts.push(now);
      if (restarts.filter((at) => now - at < 60_000).length > RESTARTS_PER_MINUTE) {
        console.error(`The workerd runtime stopped ${RESTARTS_PER_MINUTE + 1} times within a minute; giving up. Its last output is above.`);
        process.exit(1);
      }
      console.error("The workerd runtime stopped unexpectedly; starting it again (orders are safe on disk).");
      launch().catch((error: Error) => {
        console.error(error.message);
        process.exit(1);
      });
    });
    return listening;
  };

  // If this process ends without stop() (an uncaught error, process.exit), the runtime goes with
  // it instead of holding the port. A kill -9 of this process cannot be caught: see the README.
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);
  try {
    boundPort = await launch();
  } catch (error) {
    loopback.close();
    process.removeListener("exit", killOnExit);
    throw error;
  }
  return {
    port: boundPort,
    async stop() {
      process.removeListener("exit", killOnExit);
      stopping = true;
      const proc = child;
      loopback.close();
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
