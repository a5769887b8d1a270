// Benchmark of order throughput against the old app (issue 12 "Throughput": at least 2× the old
// Flask app's POST-only orders/s in the same run on the same machine).
//   ours  `node scripts/start.ts` (what `npm start` runs), 8 clients, each POSTs /api/v1/orders and
//         waits for the answer before the next; orders/s over the round, with 6 stream sockets open
//         (2 station screens, 4 phones) as in `npm run bench`'s curve phase (--sockets)
//   old   mini_pos v0.3.9 (Flask + SQLite) as its README runs it (`gunicorn --bind … run:app`: one
//         sync worker), the same 8 clients POSTing its order form /service/<table> with the same
//         number of lines; the redirect or overview page it answers is not followed
// The rounds alternate (ours, old, ours, old, …) so that load from others on the machine falls on
// both alike; each round starts on fresh data. The old app is not part of this repository: pass a
// checkout of it (`--old-app DIR`, e.g. a clone of mini_pos at v0.3.9; needs python3 with flask,
// flask-sqlalchemy and gunicorn: Debian's python3-flask, python3-flask-sqlalchemy, gunicorn).
// Run: npx node scripts/bench/throughput.ts --old-app /path/to/mini_pos [--orders 3000] [--rounds 2]
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { descendants, freePort, getMenu, StreamClient, indexMenu, login, placeOrder, randomOrder, rng, sleep, startServerProcess, stopServer, summary, TABLES, type MenuIndex } from "../lib/loadClient.ts";

const { values: args } = parseArgs({
  options: {
    "old-app": { type: "string" },
    orders: { type: "string", default: "3000" },
    rounds: { type: "string", default: "2" },
    clients: { type: "string", default: "8" },
    /** Stream sockets open during our rounds, as on the evening (and in `npm run bench`'s curve): 2 stations, the rest waiters. */
    sockets: { type: "string", default: "6" },
    seed: { type: "string", default: "12" },
    /** Measure one side only (while working on it); the ratio needs both. */
    only: { type: "string", default: "" },
  },
});
const ORDERS = Number(args.orders);
const ROUNDS = Number(args.rounds);
const CLIENTS = Number(args.clients);
const SOCKETS = Number(args.sockets);

interface Round {
  app: "ours" | "old";
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  latencyMs: ReturnType<typeof summary>;
  /** CPU time of the app's processes (user + system) per order: steadier than orders/s on a busy machine. */
  cpuMsPerOrder: number;
  load: number;
}

/** User + system CPU ms of a process and its descendants so far (from /proc; 100 ticks a second). */
function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

/** `clients` loops share `total` orders; each sends the next only once its last was answered. */
async function drive(total: number, clients: number, sendOne: (client: number) => Promise<void>) {
  let started = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (started < total) {
        started++;
        const t = performance.now();
        await sendOne(c);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies };
}

/** Single- and two-station orders as in the bench's curve phase. */
function ourOrder(menu: MenuIndex, random: () => number) {
  const stations = random() < 0.5 ? ["bar", "kitchen"] : [random() < 0.6 ? "bar" : "kitchen"];
  return randomOrder(menu, random, stations);
}

async function roundOurs(random: () => number): Promise<Round> {
  const data = mkdtempSync(join(tmpdir(), "mini-pos-bench-throughput-"));
  const server = await startServerProcess(data, { timeoutMs: 120_000 });
  try {
    await sleep(1000);
    const menu = indexMenu(await getMenu(server.base, await login(server.base, "bench-admin", "admin")));
    // Two logins a client, taken in turn: a session may make at most 50 requests a second.
    const cookies = await Promise.all(Array.from({ length: 2 * CLIENTS }, (_, i) => login(server.base, `Durchsatz ${i + 1}`, "waiter")));
    const station = await login(server.base, "Durchsatz-Station", "station");
    const sockets = Array.from({ length: SOCKETS }, (_, i) => new StreamClient(server.base, i < 2 ? station : cookies[i]!, i < 2 ? ["bar", "kitchen"][i] : undefined));
    await Promise.all(sockets.map((s) => s.connect()));
    // A few warm-up orders, so the first round does not measure the isolate's start.
    for (const cookie of cookies) await placeOrder(server.base, cookie, ourOrder(menu, random));
    const load = loadavg()[0]!;
    const cpu0 = cpuMs(server.pid);
    const sent = Array(CLIENTS).fill(0);
    const { seconds, latencies } = await drive(ORDERS, CLIENTS, async (c) => {
      const res = await placeOrder(server.base, cookies[2 * c + (sent[c]++ % 2)]!, ourOrder(menu, random));
      if (res.status !== 201) throw new Error(`order: ${res.status} ${res.error}`);
    });
    for (const s of sockets) s.close();
    const cpuMsPerOrder = (cpuMs(server.pid) - cpu0) / ORDERS;
    return { app: "ours", orders: ORDERS, seconds, ordersPerSecond: ORDERS / seconds, latencyMs: summary(latencies), cpuMsPerOrder, load };
  } finally {
    await stopServer(server);
    rmSync(data, { recursive: true, force: true });
  }
}

/** The old app's order form: every product's amount (0 for most) and comment, a nonce against doubles. */
function oldOrderForm(random: () => number, products: number): URLSearchParams {
  const lines = 1 + Math.floor(random() * 5);
  const amounts = new Map<number, number>();
  while (amounts.size < lines) amounts.set(1 + Math.floor(random() * products), 1 + Math.floor(random() * 4));
  const form = new URLSearchParams({ nonce: String(Math.floor(random() * 2 ** 32)) });
  for (let p = 1; p <= products; p++) {
    form.set(`amount-${p}`, String(amounts.get(p) ?? 0));
    form.set(`comment-${p}`, "");
  }
  return form;
}

async function startOld(dir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn("gunicorn", ["--bind", `127.0.0.1:${port}`, "run:app"], { cwd: dir, stdio: "ignore", detached: true });
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${base}/service/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return { child, base };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  process.kill(-child.pid!, "SIGKILL");
  throw new Error("the old app did not start (is gunicorn installed?)");
}

async function roundOld(source: string, random: () => number): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-bench-old-app-"));
  cpSync(source, dir, { recursive: true, filter: (p) => !p.endsWith("data.db") && !p.includes(".git") });
  const { child, base } = await startOld(dir);
  try {
    const config = JSON.parse(await (await import("node:fs/promises")).readFile(join(dir, "config.json"), "utf8")) as { products: Record<string, unknown[]> };
    const products = Object.values(config.products).reduce((n, list) => n + list.length, 0);
    const post = async (c: number) => {
      const table = TABLES[Math.floor(random() * TABLES.length)]!;
      const res = await fetch(`${base}/service/${table}`, {
        method: "POST",
        headers: { cookie: `waiter=Kellner${c + 1}`, "content-type": "application/x-www-form-urlencoded" },
        body: oldOrderForm(random, products),
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status !== 200 && res.status !== 302) throw new Error(`old app: ${res.status} ${text.slice(0, 200)}`);
    };
    for (let c = 0; c < CLIENTS; c++) await post(c);
    const load = loadavg()[0]!;
    const cpu0 = cpuMs(child.pid!);
    const { seconds, latencies } = await drive(ORDERS, CLIENTS, post);
    const cpuMsPerOrder = (cpuMs(child.pid!) - cpu0) / ORDERS;
    return { app: "old", orders: ORDERS, seconds, ordersPerSecond: ORDERS / seconds, latencyMs: summary(latencies), cpuMsPerOrder, load };
  } finally {
    process.kill(-child.pid!, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const oldApp = args["old-app"];
  const apps = (["ours", "old"] as const).filter((a) => !args.only || a === args.only);
  if (apps.includes("old") && (!oldApp || !existsSync(join(oldApp, "run.py")))) throw new Error("--old-app DIR: a checkout of mini_pos v0.3.9 (the folder with run.py)");
  const random = rng(Number(args.seed));
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const app of apps) {
      const round = app === "ours" ? await roundOurs(random) : await roundOld(oldApp!, random);
      rounds.push(round);
      console.log(`${app}: ${round.orders} orders in ${round.seconds.toFixed(1)} s = ${round.ordersPerSecond.toFixed(0)}/s (p50 ${round.latencyMs.p50.toFixed(1)} ms, p99 ${round.latencyMs.p99.toFixed(1)} ms; ${round.cpuMsPerOrder.toFixed(2)} ms CPU an order; load ${round.load.toFixed(2)})`);
    }
  }
  const mean = (app: Round["app"]) => rounds.filter((r) => r.app === app).reduce((s, r) => s + r.ordersPerSecond, 0) / ROUNDS;
  const ours = mean("ours");
  const old = mean("old");
  console.log(`POST-only orders/s, ${CLIENTS} clients, ${ORDERS} orders a round, mean of ${ROUNDS}: ours ${ours.toFixed(0)}, old ${old.toFixed(0)}: ${(ours / old).toFixed(2)}×`);
  console.log(JSON.stringify({ rounds, ours, old, ratio: ours / old }));
}

await main();
