// The attacks of issues 13 and 23 at full size, next to an honest waiter whose order latency is
// measured (attack/watch.ts), with the server's memory sampled every second throughout.
// Outsiders (issue 13):
//   pins      a guesser with a new spoofed address on every try, bursts of 100 in parallel and
//             11 s pauses (what beat the old in-memory limit), for `--pin-minutes`: how many wrong
//             PINs the server compared per minute, and whether a known device still logs in
//   idle      10,000 connections that never send a byte (fewer where the open-files limit is lower)
//   bodies    3,000 requests whose body never finishes
//   reads     8 loops of GET /tables from one session
// Insiders with the waiter PIN or an admin session (issue 23, attack/insiders.ts and reads.ts): sockets,
// sessions, big, adminPin, reports, reconnects, menu. Then a minute of rest: where does memory settle? The
// control for that is `--phases calm,evening,rest`: the same evening with nobody attacking.
// `--rounds N` runs the insiders' attacks and the rest N times on the same server: whether memory
// keeps growing from one round to the next (a leak) or settles (what the allocator keeps for reuse).
// Run: npx node scripts/bench/attack.ts [--phases calm,sockets,…] [--pin-minutes 3]
//        [--admin-pin-minutes 1] [--report-orders 5000] [--rounds 1]   (prints a JSON summary at the end)
import { mkdtempSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openFilesLimit } from "../lib/hostLimits.ts";
import { http, login, machineInfo, PINS, rssTree, sleep, startServerProcess, stopServer, type ServerProcess } from "../lib/loadClient.ts";
import { closeAgents } from "./attack/fromAddress.ts";
import { adminPinLockout, bigOrders, loginOn, manySessions, menuSaves, socketFill } from "./attack/insiders.ts";
import { quietEvening, reconnectLoops, reportLoops } from "./attack/reads.ts";
import { honestOrders, MemoryWatch } from "./attack/watch.ts";

const ALL = ["calm", "idle", "bodies", "reads", "pins", "sockets", "sessions", "big", "adminPin", "reports", "reconnects", "menu", "evening", "rest"];
const { values: args } = parseArgs({
  allowPositionals: true,
  options: {
    phases: { type: "string", default: ALL.join(",") },
    "pin-minutes": { type: "string", default: "3" },
    "admin-pin-minutes": { type: "string", default: "1" },
    "report-orders": { type: "string", default: "5000" },
    rounds: { type: "string", default: "1" },
  },
});
const phases = new Set(args.phases!.split(","));
const unknown = [...phases].filter((p) => !ALL.includes(p));
if (unknown.length) throw new Error(`unknown phase ${unknown.join(", ")}: the phases are ${ALL.join(", ")}`);
const pinMinutes = Number(args["pin-minutes"]) || 3;

const ordersDuring = (base: string, cookie: string, attack: Promise<unknown>) => honestOrders(base, cookie, attack);

async function pinAttack(server: ServerProcess, knownDevice: string) {
  const perMinute: number[] = [];
  let compared = 0;
  let minuteStart = Date.now();
  const end = Date.now() + pinMinutes * 60_000;
  let candidate = 100_000;
  let knownDeviceLoggedIn = true;
  while (Date.now() < end) {
    const burst = await Promise.all(
      Array.from({ length: 100 }, () =>
        fetch(`${server.base}/api/v1/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.base, "cf-connecting-ip": `10.${candidate % 250}.${(candidate >> 8) % 250}.1` },
          body: JSON.stringify({ name: "Eve", pin: String(candidate++) }),
        }).then((r) => r.status),
      ),
    );
    compared += burst.filter((s) => s === 401).length;
    // The evening's own phone, logging in again in the middle of the attack.
    const phone = await fetch(`${server.base}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", origin: server.base, cookie: knownDevice }, body: JSON.stringify({ name: "Anna", pin: PINS.waiter }) });
    knownDeviceLoggedIn &&= phone.status === 200;
    if (Date.now() - minuteStart >= 60_000) {
      perMinute.push(compared);
      compared = 0;
      minuteStart = Date.now();
    }
    await sleep(11_000);
  }
  if (compared) perMinute.push(compared);
  return { minutes: pinMinutes, candidatesTried: candidate - 100_000, wrongPinsComparedPerMinute: perMinute, knownDeviceLoggedInThroughout: knownDeviceLoggedIn };
}

function idleConnections(server: ServerProcess, n: number): Promise<Socket[]> {
  const port = Number(new URL(server.base).port);
  return Promise.all(
    Array.from({ length: n }, () => new Promise<Socket>((resolve) => {
      const s = connect(port, "127.0.0.1", () => resolve(s));
      s.on("error", () => resolve(s));
    })),
  );
}

async function unfinishedBodies(server: ServerProcess, n: number): Promise<{ answered: number; sockets: Socket[] }> {
  const port = Number(new URL(server.base).port);
  let answered = 0;
  const sockets = await idleConnections(server, n);
  for (const s of sockets) {
    s.on("data", () => answered++);
    s.write(`POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.base}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`);
  }
  await sleep(12_000); // past the body deadline
  return { answered, sockets };
}

async function outsiders(server: ServerProcess, anna: string, memory: MemoryWatch, result: Record<string, unknown>) {
  if (phases.has("idle")) {
    memory.phase = "idle";
    // workerd holds two open files per connection: stay under this machine's limit (the README says
    // how to raise it), or the bench measures the crash instead of the server.
    const idleCount = Math.min(10_000, Math.floor((openFilesLimit()?.hard ?? 20_000) / 2) - 1_500);
    const idle = idleConnections(server, idleCount).then(async (sockets) => {
      await sleep(5_000);
      const rss = rssTree(server.child.pid!).totalMb;
      for (const s of sockets) s.destroy();
      return { connections: sockets.length, rssMb: rss };
    });
    const idleOrders = ordersDuring(server.base, anna, idle);
    result.idle = { ...(await idle), orders: await idleOrders };
    console.log("idle", result.idle);
  }
  if (phases.has("bodies")) {
    memory.phase = "bodies";
    const bodies = unfinishedBodies(server, 3_000).then(({ answered, sockets }) => {
      const rss = rssTree(server.child.pid!).totalMb;
      for (const s of sockets) s.destroy();
      return { requests: sockets.length, answered408: answered, rssMb: rss };
    });
    const bodyOrders = await ordersDuring(server.base, anna, bodies);
    result.bodies = { ...(await bodies), orders: bodyOrders };
    console.log("bodies", result.bodies);
  }
  if (phases.has("reads")) {
    memory.phase = "reads";
    const greedy = await login(server.base, "Gierig", "waiter");
    const statuses: number[] = [];
    const loops = Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 400; i++) statuses.push((await http(server.base, "GET", "/api/v1/tables", { cookie: greedy, retryLimited: false })).status);
    }));
    const readOrders = await ordersDuring(server.base, anna, loops);
    result.reads = { requests: statuses.length, limited429: statuses.filter((s) => s === 429).length, orders: readOrders };
    console.log("reads", result.reads);
  }
}

async function main() {
  const server = await startServerProcess(mkdtempSync(join(tmpdir(), "mini-pos-bench-attack-")), { timeoutMs: 120_000 });
  const memory = new MemoryWatch(server.child.pid!);
  const result: Record<string, unknown> = { machine: machineInfo() };
  try {
    // The honest waiter's phone: its session, and its device token (a device that logged in before).
    const first = await loginOn(server.base, "Anna", "waiter");
    const anna = first.session!;
    const knownDevice = first.device!;
    await sleep(2_000);
    const idleMb = memory.sample();
    result.idleMb = idleMb;
    const ctx = { server, honest: anna, memory };
    const step = async (name: string, run: () => Promise<unknown>) => {
      if (!phases.has(name)) return;
      result[name] = await run();
      console.log(name, JSON.stringify(result[name]));
    };
    await step("calm", async () => {
      memory.phase = "calm";
      return honestOrders(server.base, anna, 15_000);
    });
    await outsiders(server, anna, memory, result);
    await step("pins", async () => {
      memory.phase = "pins";
      return pinAttack(server, knownDevice);
    });
    const rounds = Math.max(1, Number(args.rounds) || 1);
    const settled: { round: number; peakMb: number; afterAttacksMb: number; afterOneMinuteMb: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Later rounds keep their results apart: "sockets" of round 2 is "sockets#2".
      const key = (name: string) => (round === 1 ? name : `${name}#${round}`);
      const roundStep = async (name: string, run: () => Promise<unknown>) => {
        if (!phases.has(name)) return;
        result[key(name)] = await run();
        console.log(key(name), JSON.stringify(result[key(name)]));
      };
      const from = memory.samples.length;
      const ctxOf = { ...ctx, round };
      await roundStep("sockets", () => socketFill(ctxOf));
      await roundStep("sessions", () => manySessions(ctxOf));
      await roundStep("big", () => bigOrders(ctxOf));
      await roundStep("adminPin", () => adminPinLockout(ctxOf, Number(args["admin-pin-minutes"]) || 1));
      await roundStep("reports", () => reportLoops(ctxOf, Number(args["report-orders"]) || 5000));
      await roundStep("reconnects", () => reconnectLoops(ctxOf));
      await roundStep("menu", () => menuSaves(ctxOf));
      await roundStep("evening", () => quietEvening(ctxOf, Number(args["report-orders"]) || 5000));
      await roundStep("rest", async () => {
        memory.phase = key("rest");
        const after = memory.sample();
        await sleep(60_000);
        const rest = { idleMb, afterAttacksMb: after, afterOneMinuteMb: memory.sample() };
        settled.push({ round, peakMb: Math.max(...memory.samples.slice(from).map((x) => x.mb)), ...rest });
        return rest;
      });
    }
    if (rounds > 1) result.rounds = settled;
    result.peakMb = Math.max(...memory.samples.map((s) => s.mb));
    result.memory = memory.samples;
  } finally {
    memory.stop();
    closeAgents();
    await stopServer(server);
  }
  console.log(JSON.stringify(result));
}

await main();
