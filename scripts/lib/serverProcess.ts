// The server as the harnesses run it: started exactly as `npm start` does in a child process,
// stopped with its whole process tree, its memory read from /proc; and the machine it runs on.
// loadClient.ts re-exports all of it.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A free port for a server, below the system's range of ephemeral ports (32768–60999 on Linux).
 * Servers are killed and started again on their port (the crash test, the runtime's restarts): a
 * port from that range could meanwhile be handed to any outgoing connection or to another test's
 * port 0, and the restart would find it taken (the crash test then hung for its 300 s).
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port between 20000 and 32000");
}

// --- processes ------------------------------------------------------------------------------------

/** Every descendant pid of `pid` (children of all its threads, recursively). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8");
      } catch {
        continue;
      }
      for (const c of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (!out.includes(c)) {
          out.push(c);
          walk(c);
        }
      }
    }
  };
  walk(pid);
  return out;
}

export interface ProcessRss {
  pid: number;
  name: string;
  rssKb: number;
}

/** VmRSS of the process and all its descendants. */
export function rssTree(pid: number): { totalMb: number; processes: ProcessRss[] } {
  const processes: ProcessRss[] = [];
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
      processes.push({ pid: p, name, rssKb: rss });
    } catch {
      // exited meanwhile
    }
  }
  return { totalMb: processes.reduce((s, p) => s + p.rssKb, 0) / 1024, processes };
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** ms from spawn until /api/v1/health answered 200. */
  readyMs: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `node scripts/start.ts --port <port> --host 127.0.0.1 --data <data>` (what `npm start` runs)
 * in its own process group and waits until /api/v1/health answers.
 */
export async function startServerProcess(data: string, opts: { port?: number; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "scripts/start.ts"), "--port", String(port), "--host", "127.0.0.1", "--data", data], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" },
  });
  child.stdout!.on("data", (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = started + (opts.timeoutMs ?? 60_000);
  while (performance.now() < deadline) {
    if (gone) throw new Error(`the server exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        // A harness that dies of an uncaught error takes its server with it instead of leaving it running.
        const killOnExit = () => killTree(child.pid!);
        process.once("exit", killOnExit);
        void exited.then(() => process.removeListener("exit", killOnExit));
        return { child, pid: child.pid!, port, base, readyMs: performance.now() - started, output: () => log, exited };
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  killTree(child.pid!);
  throw new Error(`the server was not ready within ${opts.timeoutMs ?? 60_000} ms:\n${log}`);
}

/** SIGKILL to the whole tree at once: the process group first, then any descendant that left it. */
export function killTree(pid: number): number[] {
  const pids = [pid, ...descendants(pid)];
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group gone
  }
  for (const p of pids) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already dead
    }
  }
  return pids;
}

/** Stops the server the way an operator does (SIGTERM), falling back to SIGKILL. */
export async function stopServer(server: ServerProcess, timeoutMs = 10_000): Promise<void> {
  try {
    process.kill(server.pid, "SIGTERM");
  } catch {
    return;
  }
  const done = await Promise.race([server.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  const left = descendants(server.pid);
  if (!done || left.length) killTree(server.pid);
  else
    try {
      process.kill(-server.pid, "SIGKILL"); // stragglers in the group
    } catch {
      // none
    }
}

// --- machine ----------------------------------------------------------------------------------------

export function machineInfo() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const cores = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      return "?";
    }
  };
  return {
    cpu,
    cores,
    memGb: memKb / 1024 / 1024,
    node: process.version,
    workerd: version("workerd"),
    miniflare: version("miniflare"),
    wrangler: version("wrangler"),
    load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
}
