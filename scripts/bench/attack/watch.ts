// What the attack bench watches while it runs: the server's memory over time (VmRSS of every
// server process, sampled each second and labelled with the phase running), and an honest
// waiter's orders (one every 100 ms, one item each) with their latency as p50/p90/max.
import { http, percentile, rssTree, sleep } from "../../lib/loadClient.ts";

export interface MemorySample {
  /** Seconds since the sampler started. */
  t: number;
  mb: number;
  phase: string;
}

export class MemoryWatch {
  readonly samples: MemorySample[] = [];
  phase = "start";
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly started = performance.now();
  private readonly pid: number;

  constructor(pid: number, everyMs = 1000) {
    this.pid = pid;
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    const mb = Math.round(rssTree(this.pid).totalMb);
    this.samples.push({ t: Math.round((performance.now() - this.started) / 100) / 10, mb, phase: this.phase });
    return mb;
  }

  /** Peak of the samples taken while `phase` ran. */
  peak(phase: string): number {
    return Math.max(0, ...this.samples.filter((s) => s.phase === phase).map((s) => s.mb));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface Latency {
  n: number;
  failed: number;
  p50: number;
  p90: number;
  max: number;
  /** Answers other than 201, by status. */
  statuses: Record<string, number>;
}

export function latencyOf(values: number[], failed: number, statuses: Record<string, number> = {}): Latency {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, failed, p50: r(percentile(s, 50)), p90: r(percentile(s, 90)), max: r(s[s.length - 1] ?? NaN), statuses };
}

/** An honest waiter's orders, one every 100 ms, until `until` settles (or for `ms`). */
export async function honestOrders(base: string, cookie: string, until: Promise<unknown> | number): Promise<Latency> {
  let done = false;
  if (typeof until === "number") void sleep(until).then(() => (done = true));
  else void until.finally(() => (done = true));
  const menu = (await http<{ version: number }>(base, "GET", "/api/v1/menu", { cookie })).body;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  while (!done) {
    const t0 = performance.now();
    const body = { id: crypto.randomUUID(), table: "A1", menuVersion: menu.version, items: [{ product: "pils", qty: 1 }] };
    const res = await http(base, "POST", "/api/v1/orders", { cookie, body, timeoutMs: 30_000, retryLimited: false }).catch(() => undefined);
    if (res?.status === 201) latencies.push(performance.now() - t0);
    else {
      failed++;
      const key = String(res?.status ?? "network");
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    await sleep(100);
  }
  return latencyOf(latencies, failed, statuses);
}
