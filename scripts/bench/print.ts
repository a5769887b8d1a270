// Benchmark of printing (issue 21): order → station latency with two printers configured, one of
// them dead, next to the same run without printers. Printing must never delay an order: its jobs
// are written in the order's batch, and the sender's state changes (sending, printed, waiting) go
// through the coordinator's chain between orders.
//   none      config.json as shipped (no printers)
//   printers  the kitchen prints on a live fake ESC/POS printer, the bar's Bons go to a printer that
//             refuses every connection (off): its jobs wait and are retried with backoff
// Each run: a fresh server, a bar and a kitchen screen, orders for both at a steady rate from four
// waiters; the figure is the time from sending an order to its ticket arriving on a station's socket.
// Run: npx node scripts/bench/print.ts [--rate 20] [--seconds 15]   (prints a JSON summary at the end)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LogLevel } from "miniflare";
import { startServer } from "../lib/server.ts";
import { ROOT, StreamClient, getMenu, indexMenu, login, placeOrder, randomOrder, rng, sleep, summary } from "../lib/loadClient.ts";
import { FakePrinter } from "../../test/fakePrinter.ts";

const { values: args } = parseArgs({ options: { rate: { type: "string", default: "20" }, seconds: { type: "string", default: "15" }, pairs: { type: "string", default: "3" } } });
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
/** Runs with and without printers alternate, so a busy machine weighs on both alike; medians are reported. */
const PAIRS = Number(args.pairs);

function configText(printers?: { kitchen: number; bar: number }): string {
  const config = JSON.parse(readFileSync(join(ROOT, "config.json"), "utf8"));
  if (printers) {
    config.printers = [
      { id: "kueche", name: "Drucker Küche", host: "127.0.0.1", port: printers.kitchen, width: 48 },
      { id: "theke", name: "Drucker Theke", host: "127.0.0.1", port: printers.bar, width: 32 },
    ];
    for (const s of config.stations) Object.assign(s, s.id === "kitchen" ? { printer: "kueche" } : { printer: "theke", print: "items" });
  }
  return JSON.stringify(config);
}

/** `kitchen`: the live printer, to time how long after the last order its last ticket printed. */
async function run(label: string, text: string, kitchen?: FakePrinter) {
  const data = mkdtempSync(join(tmpdir(), "mini-pos-bench-print-"));
  const server = await startServer({ root: ROOT, configText: text, configuredAccess: JSON.parse(text).access, host: "127.0.0.1", port: 0, data, logLevel: LogLevel.ERROR });
  const base = server.url.origin;
  try {
    const waiters = await Promise.all(Array.from({ length: 4 }, (_, i) => login(base, `Kellner ${i + 1}`, "waiter")));
    const screen = await login(base, "Bildschirm", "station");
    const menu = indexMenu(await getMenu(base, waiters[0]!));
    const random = rng(21);
    const sentAt = new Map<string, number>();
    const toStation: number[] = [];
    const answers: number[] = [];
    let printFrames = 0;
    let kitchenTickets = 0;
    const onFrame = (frame: Record<string, any>, at: number) => {
      if (frame.type === "print.changed") printFrames++;
      if (frame.type !== "order.placed") return;
      const t0 = sentAt.get(frame.order.id);
      if (t0 !== undefined) toStation.push(at - t0);
    };
    const stations = [new StreamClient(base, screen, "bar", onFrame), new StreamClient(base, screen, "kitchen", onFrame)];
    for (const s of stations) await s.connect();
    const total = RATE * SECONDS;
    const pending: Promise<unknown>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      if (due > performance.now()) await sleep(due - performance.now());
      const body = randomOrder(menu, random, ["bar", "kitchen"]);
      pending.push(
        placeOrder(base, waiters[i % waiters.length]!, body, {
          onSend: (_attempt, at) => sentAt.set(body.id, at),
        }).then((res) => {
          if (res.status !== 201) throw new Error(`order: ${res.status} ${res.error}`);
          answers.push(performance.now() - res.sentAt);
          if (res.order!.tickets.some((t) => t.station === "kitchen")) kitchenTickets++;
        }),
      );
    }
    await Promise.all(pending);
    const lastAnswer = performance.now();
    let printedAllAfterMs: number | undefined;
    if (kitchen) {
      while (kitchen.received.length < kitchenTickets && performance.now() - lastAnswer < 120_000) await sleep(50);
      printedAllAfterMs = kitchen.received.length >= kitchenTickets ? Math.round(performance.now() - lastAnswer) : undefined;
    }
    await sleep(1_000);
    for (const s of stations) s.close();
    const result = { label, orders: total, stationFrames: toStation.length, orderToStationMs: summary(toStation.sort((a, b) => a - b)), answerMs: summary(answers.sort((a, b) => a - b)), printFrames, ...(kitchen ? { kitchenTickets, kitchenPrinted: kitchen.received.length, printedAllAfterMs } : {}) };
    console.log(label, JSON.stringify(result));
    return result;
  } finally {
    await server.dispose();
    rmSync(data, { recursive: true, force: true });
  }
}

const runs: { none: Awaited<ReturnType<typeof run>>; printers: Awaited<ReturnType<typeof run>> }[] = [];
for (let i = 0; i < PAIRS; i++) {
  const none = await run(`none ${i + 1}`, configText());
  const kitchen = await FakePrinter.start();
  const bar = await FakePrinter.start();
  await bar.setMode("refuse");
  const printers = await run(`printers ${i + 1}`, configText({ kitchen: kitchen.port, bar: bar.port }), kitchen);
  await kitchen.stop();
  await bar.stop();
  runs.push({ none, printers });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (key: "none" | "printers") => ({
  orderToStationP50: Math.round(median(runs.map((r) => r[key].orderToStationMs.p50))),
  orderToStationP99: Math.round(median(runs.map((r) => r[key].orderToStationMs.p99))),
  answerP99: Math.round(median(runs.map((r) => r[key].answerMs.p99))),
});
console.log(JSON.stringify({ rate: RATE, seconds: SECONDS, pairs: PAIRS, median: { none: figure("none"), printers: figure("printers") }, runs }));
