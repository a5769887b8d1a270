// Issue 23 item 2 at full size: another waiter's order latency, calm and while 40 greedy sessions
// read GET /tables in loops as fast as the server answers them, under one name and under forty.
// The attacker connects from a loopback address of its own (127.0.0.66, as each phone has its own
// address on the festival's WiFi). The honest waiter orders every 100 ms, more than a person's
// order budget allows, so it orders from the box's own address 127.0.0.1, which has no device or
// order budget (as the harnesses of issue 13 did). The later phases put the attacker on the box's
// address too, where only the names' budgets apply, as in the issue's measurement; the last one
// is one person ordering the largest orders at full speed.
// Run: npx node scripts/bench/attack-sessions.ts [--seconds 20]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile, rssTree, sleep, startServerProcess, stopServer, summary, type ServerProcess } from "../lib/loadClient.ts";
import { ATTACKER, BOX, closeAgents, loginFrom, send } from "./attack/fromAddress.ts";

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1] ?? 20) || 20;
const HONEST = BOX;

/** `n` sessions of one name (one device token, as one person's laptop), or of `n` names. */
async function sessions(base: string, address: string, n: number, oneName: boolean): Promise<string[]> {
  const tag = Math.random().toString(36).slice(2, 6);
  const cookies: string[] = [];
  let device: string | undefined;
  for (let i = 0; i < n; i++) {
    const got = await loginFrom(base, address, oneName ? `Gierig ${tag}` : `Gierig ${tag} ${i + 1}`, oneName ? device : undefined);
    device = got.device;
    cookies.push(got.cookie);
  }
  return cookies;
}

/** The honest waiter's orders, one after another (100 ms apart), for `ms`: latencies and refusals. */
async function honestOrders(base: string, cookie: string, menuVersion: number, ms: number) {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const res = await send(base, HONEST, "POST", "/api/v1/orders", cookie, { id: crypto.randomUUID(), table: "A1", menuVersion, items: [{ product: "pils", qty: 1 }] }).catch(() => ({ status: 0 }));
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 201) latencies.push(performance.now() - t0);
    await sleep(100);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return { ...summary(latencies), p90: Math.round(percentile(sorted, 90) * 10) / 10, statuses };
}

/** Each cookie in its own loop of `path` (or of the largest order) until `ms` passed: the statuses. */
async function greedyLoops(base: string, address: string, cookies: string[], ms: number, menuVersion: number, what: "reads" | "orders") {
  const statuses: Record<number, number> = {};
  const end = performance.now() + ms;
  const largest = () => ({ id: crypto.randomUUID(), table: "F9", menuVersion, items: Array.from({ length: 50 }, (_, i) => ({ product: "cola", qty: i === 0 ? 950 : 1, ...(i < 5 ? { note: "x".repeat(200) } : {}) })) });
  await Promise.all(
    cookies.map(async (cookie) => {
      while (performance.now() < end) {
        const res = await (what === "reads" ? send(base, address, "GET", "/api/v1/tables", cookie) : send(base, address, "POST", "/api/v1/orders", cookie, largest())).catch(() => ({ status: 0 }));
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

async function phase(server: ServerProcess, honest: string, menuVersion: number, attack?: { address: string; cookies: string[]; what: "reads" | "orders" }) {
  const ms = seconds * 1000;
  const [orders, greedy] = await Promise.all([honestOrders(server.base, honest, menuVersion, ms), attack ? greedyLoops(server.base, attack.address, attack.cookies, ms, menuVersion, attack.what) : undefined]);
  return { honestOrders: orders, greedy, rssMb: Math.round(rssTree(server.pid).totalMb) };
}

async function main() {
  const server = await startServerProcess(mkdtempSync(join(tmpdir(), "mini-pos-bench-attack-sessions-")), { timeoutMs: 120_000 });
  const result: Record<string, unknown> = { seconds };
  try {
    const honest = (await loginFrom(server.base, HONEST, "Anna")).cookie;
    const menuVersion = (JSON.parse((await send(server.base, HONEST, "GET", "/api/v1/menu", honest)).text) as { version: number }).version;
    const show = (name: string, value: unknown) => {
      result[name] = value;
      console.log(name, JSON.stringify(value));
    };
    show("calm", await phase(server, honest, menuVersion));
    show("oneName", await phase(server, honest, menuVersion, { address: ATTACKER, cookies: await sessions(server.base, ATTACKER, 40, true), what: "reads" }));
    await sleep(3_000);
    show("fortyNames", await phase(server, honest, menuVersion, { address: ATTACKER, cookies: await sessions(server.base, ATTACKER, 40, false), what: "reads" }));
    await sleep(3_000);
    show("oneNameFromTheBox", await phase(server, honest, menuVersion, { address: BOX, cookies: await sessions(server.base, BOX, 40, true), what: "reads" }));
    await sleep(3_000);
    show("fortyNamesFromTheBox", await phase(server, honest, menuVersion, { address: BOX, cookies: await sessions(server.base, BOX, 40, false), what: "reads" }));
    await sleep(3_000);
    show("oneNameOrdering", await phase(server, honest, menuVersion, { address: ATTACKER, cookies: await sessions(server.base, ATTACKER, 40, true), what: "orders" }));
    await sleep(3_000);
    show("calmAgain", await phase(server, honest, menuVersion));
  } finally {
    closeAgents();
    await stopServer(server);
  }
  console.log(JSON.stringify(result, null, 2));
}

await main();
