// `npm run bench`: starts the server exactly as `npm start` does (a child process on a free
// loopback port with a fresh data dir), drives it over 127.0.0.1 only, prints every figure and
// writes them to build/bench-result.json (docs/BENCHMARKS.md is written from that by hand).
//
// Phases (bounded; the whole run takes about two to three minutes on a 2-core machine):
//   ready     spawn → /api/v1/health 200 (and → first login, when the server is really usable)
//   idle      RSS of the process tree, before and after 50 waiters + 10 stations connect sockets
//   steady    20 orders/s for 10 s (single-station orders) — push latency
//   fill      to 1,000 orders at full speed — RSS after 1,000; snapshot with 1,000 open tickets
//   burst     2,000 orders from 8 concurrent clients (bar + kitchen each) — orders/s, latency
//   ten-k     on to 10,000 orders at full speed — RSS after 10,000
//   close     every order paid in full and every ticket bumped; snapshot and GET /tables bytes after
//   pages     gzip bytes of the first load of /service and /bar
//   curve     on a fresh server: memory of every server process over 20,000 orders (each paid and
//             bumped) and 200,000 requests in all, in 10 steps; POST-only orders/s (bench/curve.ts)
// Options: --only main|curve (default both), --curve-orders, --curve-requests, --curve-steps.
// --only stream|attack|report|throughput|print runs that benchmark alone (scripts/bench/<name>.ts): the
// live stream, the attacks of issue 13, the report for 20,000 orders, the group commit, printing
// (order → station with two printers, one dead, next to none).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  ROOT,
  StreamClient,
  getMenu,
  indexMenu,
  login,
  machineInfo,
  placeOrder,
  randomOrder,
  rng,
  rssTree,
  sleep,
  startServerProcess,
  stopServer,
  summary,
  type OrderBody,
  type ServerProcess,
} from "./lib/loadClient.ts";
import { pageWeight } from "./bench/pages.ts";
import { spawnSync } from "node:child_process";
import { closeEvening } from "./bench/closing.ts";
import { memoryCurve } from "./bench/curve.ts";
import type { Order } from "../worker/protocol.ts";

/** Phases that run on their own (`npm run bench -- --only stream`): each starts its own server. */
const STANDALONE: Record<string, string> = { stream: "stream.ts", attack: "attack.ts", report: "report.ts", throughput: "throughput.ts", print: "print.ts" };

const { values: args } = parseArgs({
  allowPositionals: true,
  options: {
    total: { type: "string", default: "10000" },
    burst: { type: "string", default: "2000" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    seed: { type: "string", default: "42" },
    only: { type: "string", default: "" },
    help: { type: "boolean", short: "h", default: false },
    // the standalone phases' own options come after a second "--"
    "curve-orders": { type: "string", default: "20000" },
    "curve-requests": { type: "string", default: "200000" },
    "curve-steps": { type: "string", default: "10" },
  },
});
const TOTAL = Number(args.total);
const BURST = Number(args.burst);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const random = rng(Number(args.seed));

const WAITERS = 50;
const STATIONS = ["bar", "bar", "bar", "bar", "bar", "kitchen", "kitchen", "kitchen", "kitchen", "kitchen"];
const CONCURRENCY = 8;

const mb = (n: number) => Math.round(n * 10) / 10;
const ms = (n: number) => Math.round(n * 10) / 10;
const log = (...a: unknown[]) => console.log(...a);

// --- latency bookkeeping --------------------------------------------------------------------------

type Phase = "steady" | "fill" | "burst" | "tenk";
let phase: Phase = "steady";
const sentAt = new Map<string, { at: number; phase: Phase; stations: Set<string> }>();
const latency: Record<Phase, { station: number[]; waiter: number[] }> = {
  steady: { station: [], waiter: [] },
  fill: { station: [], waiter: [] },
  burst: { station: [], waiter: [] },
  tenk: { station: [], waiter: [] },
};
let deliveries = 0;
let gaps = 0;
/** How many orders had a ticket for each station: a station socket gets only those. */
const ordersAtStation = new Map<string, number>();
/** Every order placed, for the closing phase. */
const placedOrders: Order[] = [];

function onFrame(kind: "station" | "waiter") {
  return (frame: { type: string; order?: { id: string } }, at: number) => {
    if (frame.type !== "order.placed") return;
    const sent = sentAt.get(frame.order!.id);
    if (!sent) return;
    deliveries++;
    latency[sent.phase][kind].push(at - sent.at);
  };
}

async function send(server: ServerProcess, cookie: string, body: OrderBody): Promise<number> {
  const stations = new Set<string>();
  const res = await placeOrder(server.base, cookie, body, {
    onSend: (_attempt, at) => sentAt.set(body.id, { at, phase, stations }),
  });
  if (res.status !== 201) throw new Error(`order ${body.id}: ${res.status} ${res.error}`);
  for (const t of res.order!.tickets) {
    stations.add(t.station);
    ordersAtStation.set(t.station, (ordersAtStation.get(t.station) ?? 0) + 1);
  }
  placedOrders.push(res.order!);
  return res.order!.tickets.length;
}

const usage = `usage: npm run bench -- [--only main|curve|stream|attack|report|throughput] [options] [-- options of the standalone bench]
  main, curve (default: both)   --total N --burst N --rate N --seconds N --seed N --curve-orders N --curve-requests N --curve-steps N
  stream                        scripts/bench/stream.ts
  attack                        scripts/bench/attack.ts: the attacks of issues 13 and 23 with memory over time
                                  -- --phases calm,idle,bodies,reads,pins,sockets,sessions,big,adminPin,reports,menu,rest
                                     --pin-minutes 3 --admin-pin-minutes 1 --report-orders 5000
  report                        scripts/bench/report.ts: npm run report on 20,000 orders (-- --orders N --keep)
  throughput                    scripts/bench/throughput.ts (-- --old-app DIR --orders N --rounds N --sockets N)
Figures go to the terminal (and build/bench-result.json for main and curve); docs/BENCHMARKS.md says what they mean.`;

async function main() {
  if (args.help) return void console.log(usage);
  if (args.only in STANDALONE) {
    // A phase with its own server and figures: run as it is, with the options after "--".
    const run = spawnSync(process.execPath, [join(ROOT, "scripts/bench", STANDALONE[args.only]!), ...(process.argv.includes("--") ? process.argv.slice(process.argv.indexOf("--") + 1) : [])], { stdio: "inherit" });
    process.exit(run.status ?? 1);
  }
  const machine = machineInfo();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGb.toFixed(1)} GB; node ${machine.node}, workerd ${machine.workerd}, miniflare ${machine.miniflare}; load ${machine.load}`);
  mkdirSync(join(ROOT, "build"), { recursive: true });
  const dataRoot = mkdtempSync(join(tmpdir(), "mini-pos-bench-"));

  // A first start builds the app and the worker if their sources changed; the measured start is the second.
  {
    const warm = await startServerProcess(join(dataRoot, "warmup"), { timeoutMs: 120_000 });
    await stopServer(warm);
  }
  const result: Record<string, unknown> = { date: new Date().toISOString(), machine };
  if (args.only !== "curve") await mainPhases(dataRoot, result);
  if (args.only !== "main") await curvePhase(dataRoot, result);
  rmSync(dataRoot, { recursive: true, force: true });
  writeFileSync(join(ROOT, "build/bench-result.json"), JSON.stringify(result, null, 2));
  log("wrote build/bench-result.json");
}

async function curvePhase(dataRoot: string, result: Record<string, unknown>) {
  const server = await startServerProcess(join(dataRoot, "curve"));
  try {
    await sleep(2000);
    const admin = await login(server.base, "bench-admin", "admin");
    const menu = indexMenu(await getMenu(server.base, admin));
    const curve = await memoryCurve(server, menu, random, {
      orders: Number(args["curve-orders"]),
      requests: Number(args["curve-requests"]),
      steps: Number(args["curve-steps"]),
      log,
    });
    log("");
    log("| orders | requests | minutes | total MB | " + Object.keys(curve.samples[0]!.byProcess).join(" MB | ") + " MB |");
    for (const s of curve.samples)
      log(`| ${s.orders} | ${s.requests} | ${(s.seconds / 60).toFixed(1)} | ${s.totalMb.toFixed(0)} | ${Object.values(s.byProcess).map((mb) => mb.toFixed(0)).join(" | ")} |`);
    log("");
    log(`curve: POST-only ${curve.ordersPerSecond.toFixed(0)} orders/s (8 clients), reads ${curve.readsPerSecond.toFixed(0)}/s (16 clients); peak ${curve.peakMb.toFixed(0)} MB; second half ${curve.secondHalfGrowthPct.toFixed(1)} %`);
    const last = curve.samples[curve.samples.length - 1]!;
    const targets = {
      curveIdle: { target: "≤ 150 MB idle (every server process)", value: curve.samples[0]!.totalMb, met: curve.samples[0]!.totalMb <= 150 },
      curveEnd: { target: `≤ 300 MB after ${last.orders} orders and ${last.requests} requests`, value: last.totalMb, met: last.totalMb <= 300 },
      curveFlat: { target: "< 10 % growth over the second half", value: curve.secondHalfGrowthPct, met: curve.secondHalfGrowthPct < 10 },
      bigReads: { target: "every big read of the evening answers 200 under the heap limit", value: curve.bigReads.filter((r) => r.status === 200).length, met: curve.bigReads.every((r) => r.status === 200) },
    };
    for (const [k, t] of Object.entries(targets)) log(`${t.met ? "MET   " : "MISSED"} ${k}: ${t.value.toFixed(1)} (${t.target})`);
    result.curve = { ...curve, targets };
  } finally {
    await stopServer(server);
  }
}

async function mainPhases(dataRoot: string, result: Record<string, unknown>) {
  const spawnedAt = performance.now();
  const server = await startServerProcess(join(dataRoot, "data"));
  const readyHealthMs = server.readyMs;
  const admin = await login(server.base, "bench-admin", "admin");
  const readyLoginMs = performance.now() - spawnedAt;
  log(`ready: health ${ms(readyHealthMs)} ms, first login ${ms(readyLoginMs)} ms`);

  Object.assign(result, { readyHealthMs, readyLoginMs });
  try {
    await sleep(2000);
    const rssIdle = rssTree(server.pid);
    log(`RSS idle: ${mb(rssIdle.totalMb)} MB`, rssIdle.processes.map((p) => `${p.name} ${mb(p.rssKb / 1024)}`).join(", "));

    const menu = indexMenu(await getMenu(server.base, admin));
    const waiters = await Promise.all(Array.from({ length: WAITERS }, (_, i) => login(server.base, `Kellner ${i + 1}`, "waiter")));
    const stationCookies = await Promise.all(STATIONS.map((s, i) => login(server.base, `${s}-${i + 1}`, "station")));
    const sockets: StreamClient[] = [];
    for (const [i, cookie] of stationCookies.entries()) sockets.push(new StreamClient(server.base, cookie, STATIONS[i], onFrame("station")));
    for (const cookie of waiters) sockets.push(new StreamClient(server.base, cookie, undefined, onFrame("waiter")));
    await Promise.all(sockets.map((s) => s.connect()));
    await sleep(2000);
    const rssSockets = rssTree(server.pid);
    log(`RSS idle with ${sockets.length} sockets: ${mb(rssSockets.totalMb)} MB`);

    let placed = 0;
    let tickets = 0;
    const single = () => [random() < 0.6 ? "bar" : "kitchen"];

    // steady: RATE orders/s for SECONDS s, each from the next waiter, not waiting for the previous one
    phase = "steady";
    const steadyCount = RATE * SECONDS;
    const t0 = performance.now();
    const inflight: Promise<number>[] = [];
    for (let i = 0; i < steadyCount; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inflight.push(send(server, waiters[i % WAITERS]!, randomOrder(menu, random, single())));
    }
    tickets += (await Promise.all(inflight)).reduce((a, b) => a + b, 0);
    placed += steadyCount;
    const steadySeconds = (performance.now() - t0) / 1000;
    await sleep(500);
    log(`steady: ${steadyCount} orders in ${steadySeconds.toFixed(1)} s`, summary(latency.steady.station));

    // full speed with CONCURRENCY clients until `target` orders in all
    async function fullSpeed(target: number, stations: () => string[]): Promise<{ count: number; seconds: number }> {
      const start = performance.now();
      const before = placed;
      let next = placed;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, c) => {
          while (next < target) {
            next++;
            const n = await send(server, waiters[c]!, randomOrder(menu, random, stations()));
            tickets += n;
            placed++;
          }
        }),
      );
      return { count: placed - before, seconds: (performance.now() - start) / 1000 };
    }

    phase = "fill";
    const fill = await fullSpeed(1000, single);
    await sleep(1000);
    const rss1k = rssTree(server.pid);
    log(`fill: ${fill.count} orders in ${fill.seconds.toFixed(1)} s (${(fill.count / fill.seconds).toFixed(0)}/s); RSS after ${placed} orders: ${mb(rss1k.totalMb)} MB`);

    // snapshot with 1,000 open tickets: a new station socket
    const snapClient = new StreamClient(server.base, stationCookies[0]!, "bar");
    await snapClient.connect();
    const snapshot1k = { openTickets: tickets, bytes: snapClient.firstFrameBytes, ms: snapClient.firstFrameMs };
    snapClient.close();
    log(`snapshot with ${tickets} open tickets: ${snapshot1k.bytes} bytes in ${ms(snapshot1k.ms)} ms`);

    phase = "burst";
    const burst = await fullSpeed(placed + BURST, () => ["bar", "kitchen"]);
    await sleep(500);
    log(`burst: ${burst.count} orders (bar + kitchen) from ${CONCURRENCY} clients in ${burst.seconds.toFixed(1)} s = ${(burst.count / burst.seconds).toFixed(0)}/s`, summary(latency.burst.station));

    phase = "tenk";
    const tenk = await fullSpeed(TOTAL, () => (random() < 0.5 ? ["bar", "kitchen"] : single()));
    await sleep(3000);
    const rss10k = rssTree(server.pid);
    log(`ten-k: ${tenk.count} orders in ${tenk.seconds.toFixed(1)} s (${(tenk.count / tenk.seconds).toFixed(0)}/s); RSS after ${placed} orders: ${mb(rss10k.totalMb)} MB`);

    const snapClient10k = new StreamClient(server.base, stationCookies[0]!, "bar");
    await snapClient10k.connect(undefined, 120_000);
    const snapshot10k = { openTickets: tickets, bytes: snapClient10k.firstFrameBytes, ms: snapClient10k.firstFrameMs };
    snapClient10k.close();
    log(`snapshot with ${tickets} open tickets: ${snapshot10k.bytes} bytes in ${ms(snapshot10k.ms)} ms`);

    // every placed order must have reached every waiter socket and the sockets of its stations
    // exactly once, in order
    const expected = placed * WAITERS + STATIONS.reduce((n, s) => n + (ordersAtStation.get(s) ?? 0), 0);
    gaps = sockets.reduce((s, c) => s + c.gaps, 0);
    const dropped = sockets.reduce((s, c) => s + c.closedUnexpectedly, 0);
    for (const s of sockets) s.close();
    log(`deliveries ${deliveries}/${expected}, seq gaps ${gaps}, sockets closed by the server ${dropped}`);

    const closing = await closeEvening(server.base, placedOrders, waiters.slice(0, CONCURRENCY), stationCookies, CONCURRENCY);
    const rssClosed = rssTree(server.pid);
    log(
      `close: ${closing.orders} orders paid and bumped in ${closing.seconds.toFixed(1)} s (${closing.commandsPerSecond.toFixed(0)} commands/s); ` +
        `then snapshot ${closing.snapshotBytes} B in ${ms(closing.snapshotMs)} ms, GET /tables ${closing.tablesBytes} B; RSS ${mb(rssClosed.totalMb)} MB`,
    );

    const service = await pageWeight(server.base, "/service", "src/service/ServiceApp.svelte");
    const bar = await pageWeight(server.base, "/bar", "src/bar/BarApp.svelte");
    log(`first load gzip: /service ${service.gzip} B (${service.raw} raw), /bar ${bar.gzip} B (${bar.raw} raw); server Content-Encoding: ${service.serverEncoding}`);

    const all = (p: Phase[]) => summary(p.flatMap((x) => latency[x].station));
    Object.assign(result, {
      loadAfter: machineInfo().load,
      rss: { idle: rssIdle, sockets: rssSockets, after1k: rss1k, after10k: rss10k },
      latency: {
        steady: { station: summary(latency.steady.station), waiter: summary(latency.steady.waiter) },
        fill: { station: summary(latency.fill.station), waiter: summary(latency.fill.waiter) },
        burst: { station: summary(latency.burst.station), waiter: summary(latency.burst.waiter) },
        tenk: { station: summary(latency.tenk.station), waiter: summary(latency.tenk.waiter) },
        allStation: all(["steady", "fill", "burst", "tenk"]),
      },
      throughput: {
        steady: { orders: steadyCount, seconds: steadySeconds },
        fill: { ...fill, perSecond: fill.count / fill.seconds },
        burst: { ...burst, perSecond: burst.count / burst.seconds },
        tenk: { ...tenk, perSecond: tenk.count / tenk.seconds },
      },
      snapshot1k,
      snapshot10k,
      closing: { ...closing, rss: rssClosed },
      deliveries: { got: deliveries, expected, gaps, dropped },
      pages: { service, bar },
    });
    const targets = {
      pushP99: { target: "≤ 50 ms (steady, 60 sockets)", value: (result.latency as any).steady.station.p99, met: (result.latency as any).steady.station.p99 <= 50 },
      throughput: { target: "≥ 150 orders/s (8 clients)", value: burst.count / burst.seconds, met: burst.count / burst.seconds >= 150 },
      rssIdle: { target: "≤ 300 MB idle", value: rssIdle.totalMb, met: rssIdle.totalMb <= 300 },
      rss10k: { target: "≤ 400 MB after 10,000 orders", value: rss10k.totalMb, met: rss10k.totalMb <= 400 },
      ready: { target: "≤ 3 s to ready", value: readyHealthMs, met: readyHealthMs <= 3000 },
      closedSnapshot: { target: "≤ 50 KB snapshot after every order is closed", value: closing.snapshotBytes / 1024, met: closing.snapshotBytes <= 50 * 1024 },
      closedTables: { target: "≤ 50 KB GET /tables after every order is closed", value: closing.tablesBytes / 1024, met: closing.tablesBytes <= 50 * 1024 },
    };
    result.targets = targets;
    for (const [k, t] of Object.entries(targets)) log(`${t.met ? "MET   " : "MISSED"} ${k}: ${typeof t.value === "number" ? t.value.toFixed(1) : t.value} (${t.target})`);
  } finally {
    await stopServer(server);
  }
}

await main();
process.exit(0);
