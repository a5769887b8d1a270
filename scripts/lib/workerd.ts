// Runs workerd as the server process's only child, with the command line and config miniflare
// generated (scripts/lib/prepareRuntime.ts), bound to the address the organiser chose. This is what
// miniflare's Runtime does, without miniflare's node side: workerd serves D1, the Durable Object,
// the assets and the stream on its own and writes its log lines straight to our output. If the
// runtime dies during the evening it is started again on the same port.
//
// handOver() goes one step further: this node process (≈ 100 MB all evening) replaces itself with
// a POSIX shell (≈ 2 MB) that keeps the same job: it stops workerd on Ctrl-C or SIGTERM and starts
// it again if it dies. The process id stays the same, so systemd, a terminal or a harness see no
// difference.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { withNetworkAllow, withPlainLogging } from "./workerdConfig.ts";

export interface WorkerdCommand {
  command: string;
  args: string[];
  config: Uint8Array;
}

/** A runtime that has died this often within a minute is not started again (it would only loop). */
const RESTARTS_PER_MINUTE = 3;
/**
 * Where workerd's loopback service points. Only miniflare's node side answered it (log lines and
 * pretty error pages for uncaught errors); our worker catches its errors and logs them itself, so
 * the runtime's rare calls may fail. Port 9 (discard) has no listener on a normal machine.
 */
const NO_LOOPBACK = "127.0.0.1:9";
/**
 * Where the worker may connect to (connect(), fetch()): private and loopback addresses only, that is
 * the printers on the LAN (worker/print/sender.ts) and nothing on the internet. README, "Printers".
 */
export const OUTBOUND_ALLOW = ["private"] as const;

/** miniflare's config with the outbound network narrowed to OUTBOUND_ALLOW (scripts/lib/workerdConfig.ts). */
function withPrinterNetwork(config: Uint8Array): Uint8Array {
  const narrowed = withNetworkAllow(config, "internet", OUTBOUND_ALLOW);
  if (!narrowed) console.warn("Could not narrow the runtime's outbound network to private addresses (a new miniflare?); printers still work.");
  return narrowed ?? config;
}

/** The one line workerd writes on every start with our V8 flags (its code cache does not apply). */
export const RUNTIME_NOISE = "compile cache failed its compatibility check";
const GREP = ["/usr/bin/grep", "/bin/grep"].find((path) => existsSync(path));

/**
 * Where workerd's stderr goes: through `grep -v` leaving out RUNTIME_NOISE, a line that would only
 * worry an organiser (V8 compiles the runtime's scripts instead of loading them; nothing else).
 * The filter is its own small process, so it keeps working after handOver(); without grep the
 * lines go straight to our stderr.
 */
function stderrFor(env: NodeJS.ProcessEnv): Writable | "inherit" {
  if (!GREP) return "inherit";
  const filter = spawn(GREP, ["--line-buffered", "-v", "-F", RUNTIME_NOISE], { stdio: ["pipe", process.stderr, process.stderr], env });
  filter.on("error", () => {});
  return filter.stdin!;
}

/** Our error when the port is taken, before workerd would print its own and exit. */
function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
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

/**
 * The start's last line. Printed by whoever then stops the server on Ctrl-C or SIGTERM: the shell
 * supervisor below once its traps are set, or scripts/start.ts where it keeps that job itself. A
 * stop sent in answer to it (systemd, the tests) then always finds someone to stop workerd: printed
 * before the hand-over, a SIGTERM could reach the shell before its traps and leave workerd running
 * on the port (CI's test runs left two such workerd processes each).
 */
export const READY_LINE = "Press Ctrl-C to stop.";

/**
 * The supervisor handOver() becomes: $1 is the running workerd's pid (a child it inherits), the
 * rest the command that starts workerd again. An inherited child cannot be waited for, so it is
 * watched through /proc (gone or a zombie means it stopped). Its first line only notes a stop
 * signal: one that arrives before the real traps are set would otherwise end the shell and leave
 * workerd running on the port.
 */
const SHELL_SUPERVISOR = `
trap 'asked=SIGTERM' TERM; trap 'asked=SIGINT' INT
pid=$1; shift
alive() { [ -e "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]; }
stop() {
  echo; echo "$1: stopping …"
  kill -TERM "$pid" 2>/dev/null
  while alive; do sleep 0.1; done
  exit 0
}
trap 'stop SIGINT' INT
trap 'stop SIGTERM' TERM
# A stop asked for while this shell was starting (systemd right after the start) is kept, not lost.
[ -n "\${asked:-}" ] && stop "$asked"
# Only now, with the traps set, the start's last line (READY_LINE).
echo; echo "${READY_LINE}"
restarts=""
while :; do
  if ! alive; then
    now=$(date +%s); recent=""
    for at in $restarts; do [ $((now - at)) -lt 60 ] && recent="$recent $at"; done
    if [ $(echo $recent | wc -w) -ge ${RESTARTS_PER_MINUTE} ]; then
      echo "The workerd runtime stopped ${RESTARTS_PER_MINUTE + 1} times within a minute; giving up. Its last output is above." >&2
      exit 1
    fi
    restarts="$recent $now"
    echo "The workerd runtime stopped unexpectedly; starting it again (orders are safe on disk)." >&2
    "$@" & pid=$!
  fi
  sleep 1 & wait $!
done`;

export interface RunningWorkerd {
  port: number;
  /** Stops the runtime (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /**
   * Replaces this process with the shell supervisor (see the top of this file). Returns false, and
   * changes nothing, where Node cannot do that (process.execve needs Node ≥ 22.15 on a POSIX system).
   * Call it last: nothing of this process runs afterwards, and signal handlers are the shell's.
   */
  handOver(): boolean;
}

/**
 * Starts workerd on `host:port` (port 0: any free one) and resolves once it listens; its config is
 * written to `folder` (it holds the event's config and a TLS key: readable by the owner only).
 * Rejects if the port is taken or the runtime exits before listening (its output is then above).
 */
export async function runWorkerd(run: WorkerdCommand, host: string, port: number, folder: string): Promise<RunningWorkerd> {
  const configFile = join(folder, "workerd-config.bin");
  writeFileSync(configFile, withPlainLogging(withPrinterNetwork(run.config)), { mode: 0o600 });
  if (port !== 0) await assertPortFree(host, port);
  const bracket = (h: string) => (h.includes(":") && !h.startsWith("[") ? `[${h}]` : h);
  let boundPort = port;
  let child: ChildProcess | undefined;
  let stopping = false;
  const restarts: number[] = [];
  const env = { ...process.env, TZ: "UTC" };

  /** The command line, listening where it should, config from the file; `control`: report on fd 3. */
  const args = (control: boolean) =>
    run.args.flatMap((arg) => {
      if (arg.startsWith("--socket-addr=entry=")) return [`--socket-addr=entry=${bracket(host)}:${boundPort}`];
      if (arg.startsWith("--external-addr=loopback=")) return [`--external-addr=loopback=${NO_LOOPBACK}`];
      if (arg.startsWith("--control-fd=")) return control ? [arg] : [];
      if (arg === "-") return [configFile];
      return [arg];
    });

  /** One workerd process; resolves with its port, or rejects if it exits first. */
  const launch = async (): Promise<number> => {
    const stderr = stderrFor(env);
    const proc = spawn(run.command, args(true), { stdio: ["ignore", "inherit", stderr, "pipe"], env });
    if (stderr !== "inherit") stderr.destroy(); // workerd has its own copy; the filter ends with it
    child = proc;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    const listening = await Promise.race([waitForListen(proc.stdio[3] as Readable), exited.then(() => undefined)]);
    if (listening === undefined) {
      await exited;
      throw new Error(`the workerd runtime exited while starting (${proc.signalCode ?? `exit code ${proc.exitCode}`}); its output is above`);
    }
    (proc.stdio[3] as Readable).destroy();
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
    process.removeListener("exit", killOnExit);
    throw error;
  }
  return {
    port: boundPort,
    async stop() {
      process.removeListener("exit", killOnExit);
      stopping = true;
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
    handOver() {
      const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
      if (typeof execve !== "function" || !child?.pid || process.platform === "win32") return false;
      process.removeListener("exit", killOnExit);
      execve("/bin/sh", ["sh", "-c", SHELL_SUPERVISOR, "mini-pos", String(child.pid), run.command, ...args(false)], env);
      return true; // not reached: this process is the shell now
    },
  };
}
