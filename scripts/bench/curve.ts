// Bench phase "curve": the memory of every server process over a long evening, from a fresh start.
// In steps (default 10): place a share of the orders from 8 clients (POST only: orders/s), then
// close them the way the evening does (paid in full, every ticket bumped), then make a share of the
// other requests phones and screens make (health, session, menu, tables, one order), 16 at a time;
// after each step the RSS of the server process and each of its children is read from /proc.
// Issue 12's target: at most 300 MB after 20,000 orders and 200,000 requests, and under 10 % growth
// over the second half.
import type { Order } from "../../worker/protocol.ts";
import { http, login, placeOrder, randomOrder, rssTree, sleep, StreamClient, type MenuIndex, type ServerProcess } from "../lib/loadClient.ts";
import { closeEvening } from "./closing.ts";

export interface CurveSample {
  orders: number;
  /** Requests so far, every kind counted (orders, payments, bumps, reads). */
  requests: number;
  seconds: number;
  totalMb: number;
  byProcess: Record<string, number>;
}

/** One of the largest answers of a whole evening, read once the curve is done. */
export interface BigRead {
  path: string;
  status: number;
  bytes: number;
  ms: number;
}

export interface CurveResult {
  samples: CurveSample[];
  /** POST /orders only, 8 clients, summed over the steps. */
  ordersPerSecond: number;
  readsPerSecond: number;
  /** Growth of the total from the middle sample to the last, in per cent. */
  secondHalfGrowthPct: number;
  peakMb: number;
  /** The largest reads of the evening: they must still answer under workerd's heap limit. */
  bigReads: BigRead[];
}

const ORDER_CLIENTS = 8;
const READ_CLIENTS = 16;

function sample(server: ServerProcess, orders: number, requests: number, started: number): CurveSample {
  const rss = rssTree(server.pid);
  const byProcess: Record<string, number> = {};
  for (const p of rss.processes) byProcess[p.name] = (byProcess[p.name] ?? 0) + p.rssKb / 1024;
  return { orders, requests, seconds: (performance.now() - started) / 1000, totalMb: rss.totalMb, byProcess };
}

export async function memoryCurve(
  server: ServerProcess,
  menu: MenuIndex,
  random: () => number,
  opts: { orders: number; requests: number; steps: number; log: (line: string) => void },
): Promise<CurveResult> {
  const base = server.base;
  const waiters = await Promise.all(Array.from({ length: ORDER_CLIENTS }, (_, i) => login(base, `Kurve ${i + 1}`, "waiter")));
  const stations = await Promise.all(["bar", "kitchen"].map((s) => login(base, `curve-${s}`, "station")));
  // A few screens and phones follow the stream all evening, as on the night.
  const sockets = [
    ...["bar", "kitchen"].map((s, i) => new StreamClient(base, stations[i]!, s)),
    ...waiters.slice(0, 4).map((w) => new StreamClient(base, w, undefined)),
  ];
  await Promise.all(sockets.map((s) => s.connect()));
  const started = performance.now();
  const samples = [sample(server, 0, 0, started)];
  opts.log(`curve: ${samples[0]!.totalMb.toFixed(0)} MB at the start`);
  let orders = 0;
  let requests = 0;
  let orderSeconds = 0;
  let readSeconds = 0;
  let reads = 0;
  const recent: string[] = [];
  const readPaths = () => {
    const r = random();
    if (r < 0.4) return "/api/v1/health";
    if (r < 0.6) return "/api/v1/session";
    if (r < 0.75) return "/api/v1/menu";
    if (r < 0.9) return "/api/v1/tables";
    return `/api/v1/orders/${encodeURIComponent(recent[Math.floor(random() * recent.length)]!)}`;
  };
  for (let step = 1; step <= opts.steps; step++) {
    const target = Math.round((opts.orders * step) / opts.steps);
    const placed: Order[] = [];
    const t0 = performance.now();
    await Promise.all(
      waiters.map(async (cookie) => {
        while (orders < target) {
          orders++;
          const stations = random() < 0.5 ? ["bar", "kitchen"] : [random() < 0.6 ? "bar" : "kitchen"];
          const res = await placeOrder(base, cookie, randomOrder(menu, random, stations));
          if (res.status !== 201) throw new Error(`curve order: ${res.status} ${res.error}`);
          placed.push(res.order!);
        }
      }),
    );
    orderSeconds += (performance.now() - t0) / 1000;
    requests += placed.length;
    for (const o of placed.slice(-200)) recent.push(o.id);
    recent.splice(0, Math.max(0, recent.length - 1000));
    const closing = await closeEvening(base, placed, waiters, stations, ORDER_CLIENTS);
    requests += placed.length + placed.reduce((n, o) => n + o.tickets.length, 0) + 2;
    // the rest of this step's share of all requests are reads
    const readTarget = Math.max(0, Math.round((opts.requests * step) / opts.steps) - requests);
    const t1 = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: READ_CLIENTS }, async (_, c) => {
        const cookie = c % 2 ? waiters[c % waiters.length]! : stations[c % stations.length]!;
        while (done < readTarget) {
          done++;
          const res = await http(base, "GET", readPaths(), { cookie });
          if (res.status !== 200) throw new Error(`curve read: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }),
    );
    readSeconds += (performance.now() - t1) / 1000;
    reads += done;
    requests += done;
    await sleep(500);
    const s = sample(server, orders, requests, started);
    samples.push(s);
    opts.log(
      `curve step ${step}: ${orders} orders, ${requests} requests, ${s.totalMb.toFixed(0)} MB (` +
        Object.entries(s.byProcess).map(([n, mb]) => `${n} ${mb.toFixed(0)}`).join(", ") +
        `); closing ${closing.commandsPerSecond.toFixed(0)} commands/s, snapshot ${closing.snapshotBytes} B`,
    );
  }
  for (const s of sockets) s.close();
  const bigReads = await readTheBiggest(base, await login(base, "curve-admin", "admin"));
  const failed = bigReads.filter((r) => r.status !== 200);
  const largest = bigReads.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  opts.log(`big reads: ${bigReads.length - failed.length}/${bigReads.length} answered 200; largest ${largest.path} ${(largest.bytes / 1e6).toFixed(1)} MB in ${largest.ms.toFixed(0)} ms${failed.length ? `; FAILED ${failed.map((r) => `${r.path} ${r.status}`).join(", ")}` : ""}`);
  const middle = samples[Math.floor(samples.length / 2)]!;
  const last = samples[samples.length - 1]!;
  return {
    samples,
    ordersPerSecond: opts.orders / orderSeconds,
    readsPerSecond: reads / readSeconds,
    secondHalfGrowthPct: ((last.totalMb - middle.totalMb) / middle.totalMb) * 100,
    peakMb: Math.max(...samples.map((s) => s.totalMb)),
    bigReads,
  };
}

/** The whole evening's report and CSV files, every table's history, the longest ticket and payment lists. */
async function readTheBiggest(base: string, admin: string): Promise<BigRead[]> {
  const tables = (await http<{ tables: { name: string }[] }>(base, "GET", "/api/v1/tables", { cookie: admin })).body.tables.map((t) => t.name);
  const paths = [
    "/api/v1/report",
    "/api/v1/report/orders.csv",
    "/api/v1/report/items.csv",
    "/api/v1/report/payments.csv",
    "/api/v1/tickets?state=all&limit=1000",
    "/api/v1/payments",
    ...tables.map((t) => `/api/v1/tables/${encodeURIComponent(t)}/orders`),
  ];
  const reads: BigRead[] = [];
  for (const path of paths) {
    const t0 = performance.now();
    const res = await http(base, "GET", path, { cookie: admin, timeoutMs: 120_000 });
    reads.push({ path, status: res.status, bytes: Buffer.byteLength(res.text), ms: performance.now() - t0 });
  }
  return reads;
}
