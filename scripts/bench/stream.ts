// Benchmark of the live stream (issue 12 "The stream", issue 13 "Sessions cannot stall each other"):
//   snapshot  bytes of a station socket's and a waiter socket's snapshot with 1,000 open tickets
//   storm     60 sockets reconnect at once (30 take a snapshot, 30 resume with since) while one
//             waiter places orders one after another (its logins in turn): the order latency, and whether
//             every socket got every frame it should once (prev chained)
//   flood     one station socket sends 20,000 small frames while another waiter orders
// Run: npx node scripts/bench/stream.ts   (prints a JSON summary at the end)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getMenu, indexMenu, login, placeOrder, randomOrder, rng, sleep, startServerProcess, stopServer, StreamClient, summary, type Frame } from "../lib/loadClient.ts";

const OPEN_TICKETS = 1000;
const STORM_SOCKETS = 60;
const FLOOD_FRAMES = 20_000;

/** One order after another, each login in turn: a session may make at most 50 requests a second. */
async function orderLatencies(base: string, cookies: string[], bodies: () => Parameters<typeof placeOrder>[2], until: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    const res = await placeOrder(base, cookies[out.length % cookies.length]!, bodies());
    if (res.status !== 201) throw new Error(`order: ${res.status} ${res.error}`);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const server = await startServerProcess(mkdtempSync(join(tmpdir(), "mini-pos-bench-stream-")), { timeoutMs: 120_000 });
  const result: Record<string, unknown> = {};
  try {
    const admin = await login(server.base, "bench-admin", "admin");
    const menu = indexMenu(await getMenu(server.base, admin));
    const random = rng(7);
    const waiters = await Promise.all(Array.from({ length: 16 }, (_, i) => login(server.base, `Kellner ${i + 1}`, "waiter")));
    const stations = await Promise.all(Array.from({ length: 16 }, (_, i) => login(server.base, `Kueche ${i + 1}`, "station")));
    const kitchenOrder = () => randomOrder(menu, random, ["kitchen"]);

    // --- snapshot with 1,000 open tickets (one station) ---
    for (let i = 0; i < OPEN_TICKETS; i += 8)
      await Promise.all(Array.from({ length: Math.min(8, OPEN_TICKETS - i) }, (_, j) => placeOrder(server.base, waiters[j]!, kitchenOrder())));
    const stationSnap = new StreamClient(server.base, stations[0]!, "kitchen");
    await stationSnap.connect();
    const waiterSnap = new StreamClient(server.base, waiters[0]!, undefined);
    await waiterSnap.connect();
    result.snapshot = { openTickets: OPEN_TICKETS, stationBytes: stationSnap.firstFrameBytes, stationMs: stationSnap.firstFrameMs, waiterBytes: waiterSnap.firstFrameBytes, waiterMs: waiterSnap.firstFrameMs };
    console.log("snapshot", result.snapshot);
    const since = stationSnap.lastSeq;
    stationSnap.close();
    waiterSnap.close();

    // --- baseline latency of one waiter's orders, then during a reconnect storm ---
    let stop = false;
    setTimeout(() => (stop = true), 3000);
    const baseline = await orderLatencies(server.base, waiters.slice(12, 16), kitchenOrder, () => stop);
    const received = new Map<StreamClient, Frame[]>();
    const sockets = Array.from({ length: STORM_SOCKETS }, (_, i) => {
      const cookie = i % 2 ? stations[i % 15]! : waiters[i % 15]!;
      const client = new StreamClient(server.base, cookie, i % 2 ? "kitchen" : undefined, (frame, _at, _bytes, c) => {
        const list = received.get(c) ?? [];
        list.push(frame);
        received.set(c, list);
      });
      return { client, since: i % 4 < 2 ? since : undefined };
    });
    let stormDone = false;
    const duringStorm = orderLatencies(server.base, waiters.slice(12, 16), kitchenOrder, () => stormDone);
    const t0 = performance.now();
    await Promise.all(sockets.map((s) => s.client.connect(s.since, 120_000)));
    const stormMs = performance.now() - t0;
    await sleep(500);
    stormDone = true;
    const storm = await duringStorm;
    await sleep(500);
    // Every frame names the seq before it; each socket's chain must have no gap and no repeat.
    let broken = 0;
    for (const { client } of sockets) {
      const frames = (received.get(client) ?? []).filter((f) => typeof f.seq === "number");
      for (let i = 1; i < frames.length; i++) if (frames[i]!.type !== "snapshot" && frames[i]!.prev !== frames[i - 1]!.seq) broken++;
      client.close();
    }
    result.storm = { sockets: STORM_SOCKETS, allSyncedMs: stormMs, baselineOrderMs: summary(baseline), duringStormOrderMs: summary(storm), brokenChains: broken };
    console.log("storm", result.storm);

    // --- a frame flood on one socket next to another waiter's orders ---
    const flooder = new StreamClient(server.base, stations[15]!, "kitchen");
    await flooder.connect();
    let floodDone = false;
    const duringFlood = orderLatencies(server.base, waiters.slice(12, 16), kitchenOrder, () => floodDone);
    const f0 = performance.now();
    const frame = JSON.stringify({ type: "ticket.bump", ticket: "nope" });
    let sent = 0;
    for (; sent < FLOOD_FRAMES && flooder.ws?.readyState === 1; sent++) flooder.ws.send(frame);
    await sleep(2000);
    floodDone = true;
    const flood = await duringFlood;
    result.flood = { framesSent: sent, closedAfterMs: performance.now() - f0, closedUnexpectedly: flooder.closedUnexpectedly, orderMs: summary(flood) };
    console.log("flood", result.flood);
    flooder.close();
  } finally {
    await stopServer(server);
  }
  console.log(JSON.stringify(result));
}

await main();
