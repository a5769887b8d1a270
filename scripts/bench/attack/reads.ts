// The attacks of issue 23 that make the server read (attack.ts runs them with insiders.ts's):
//   reports    8 loops of GET /report and one of items.csv on an evening of --report-orders orders
//   reconnects one waiter reconnecting in four loops: ?view=tickets, then resuming 999 changes back;
//              meanwhile another waiter's phone comes back from WiFi blips, and its return is timed
//   evening    no attack: the control (the same evening's orders, screens and one report)
import { StreamClient, getMenu, http, indexMenu, login, placeOrder, randomOrder, rng, sleep } from "../../lib/loadClient.ts";
import { count, named, trySocket, type Ctx } from "./insiders.ts";
import { honestOrders, latencyOf } from "./watch.ts";

/** A busy evening for the report: `n` orders from 8 clients. */
async function fillEvening(base: string, n: number): Promise<number> {
  const waiters = await Promise.all(Array.from({ length: 8 }, (_, i) => login(base, `Abend ${i + 1}`, "waiter")));
  const menu = await getMenu(base, waiters[0]!);
  const index = indexMenu(menu);
  const random = rng(23);
  let placed = 0;
  await Promise.all(waiters.map(async (cookie) => {
    while (placed < n) {
      placed++;
      await placeOrder(base, cookie, randomOrder(index, random, menu.stations.map((s) => s.id)));
    }
  }));
  return placed;
}

/** The evening is filled once (the first round); later rounds read the same evening. */
export async function reportLoops(ctx: Ctx, orders: number) {
  const { server, honest, memory } = ctx;
  const base = server.base;
  memory.phase = "report-fill";
  const filled = (ctx.round ?? 1) > 1 ? 0 : await fillEvening(base, orders);
  const admin = await login(base, named(ctx, "Kassenwart"), "admin");
  const calm = await honestOrders(base, honest, 10_000);
  memory.phase = "report-loops";
  const statuses: number[] = [];
  const answerMs: number[] = [];
  let csvBytes = 0;
  const end = performance.now() + 30_000;
  const loop = async (path: string) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await http(base, "GET", path, { cookie: admin, retryLimited: false, timeoutMs: 60_000 }).catch(() => ({ status: 0, text: "" }));
      statuses.push(res.status);
      if (res.status === 200) answerMs.push(performance.now() - t0);
      if (path.endsWith(".csv") && res.status === 200) csvBytes = res.text.length;
    }
  };
  const loops = Promise.all([...Array.from({ length: 8 }, () => loop("/api/v1/report")), loop("/api/v1/report/items.csv")]);
  const during = await honestOrders(base, honest, loops);
  return { orders: filled, calm, reads: count(statuses), reportAnswer: latencyOf(answerMs, 0), itemsCsvChars: csvBytes, ordersDuring: during, peakMb: memory.peak("report-loops") };
}

/**
 * The control for the rest that follows the attacks: the same evening with nobody attacking. The
 * orders are placed, a kitchen screen and the admin page connect, the organiser reads the report and
 * items.csv once. Where memory settles after this is what the evening itself costs.
 */
export async function quietEvening(ctx: Ctx, orders: number) {
  const { server, memory } = ctx;
  const base = server.base;
  memory.phase = "evening";
  const filled = await fillEvening(base, orders);
  const kitchen = await trySocket(base, await login(base, "Küche", "station"), "kitchen");
  const admin = await login(base, "Kassenwart", "admin");
  const screen = await trySocket(base, admin, undefined, "phone");
  const report = await http(base, "GET", "/api/v1/report", { cookie: admin, timeoutMs: 60_000 });
  const items = await http(base, "GET", "/api/v1/report/items.csv", { cookie: admin, timeoutMs: 60_000 });
  for (const c of [kitchen.client, screen.client]) c.close();
  return { orders: filled, kitchenConnected: kitchen.ok, adminConnected: screen.ok, report: report.status, itemsCsvChars: items.text.length, peakMb: memory.peak("evening") };
}

/**
 * One waiter reconnecting in loops, for what a first frame costs the server: four loops of the
 * pickup page's ?view=tickets (every open order whole) for 15 s, then four loops resuming 999
 * changes back (a catch-up read each time) for 15 s. Run after "reports": the evening is open.
 */
export async function reconnectLoops(ctx: Ctx) {
  const { server, honest, memory } = ctx;
  const base = server.base;
  const mallory = await login(base, named(ctx, "Schleife"), "waiter");
  const probe = await trySocket(base, mallory);
  let seq = probe.client.lastSeq;
  probe.client.close();
  // `back`: resume that many changes behind the latest seq seen (orders move it on all the while).
  const loops = async (back: number | undefined) => {
    let firstFrames = 0;
    let snapshots = 0;
    let bytes = 0;
    const end = performance.now() + 15_000;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (performance.now() < end) {
        const client = new StreamClient(base, mallory, undefined);
        client.view = "tickets";
        const since = back === undefined ? undefined : Math.max(0, seq - back);
        try {
          await client.connect(since, 30_000);
          // A resume opens at once; its first frames come after the read.
          for (const t = performance.now(); since !== undefined && client.frames === 0 && performance.now() - t < 10_000; ) await sleep(2);
          firstFrames++;
          bytes = Math.max(bytes, client.firstFrameBytes);
          seq = Math.max(seq, client.lastSeq);
          snapshots += client.snapshots;
        } catch {
          // refused or timed out: counted by what did not arrive
        }
        client.close();
      }
    }));
    return { firstFrames, snapshots, largestFirstFrameBytes: bytes };
  };
  const phone = await login(base, named(ctx, "Zurück"), "waiter");
  memory.phase = "reconnects-tickets";
  const tickets = loops(undefined);
  const [duringTickets, returnsTickets] = await Promise.all([honestOrders(base, honest, tickets), phoneReturns(base, phone, tickets)]);
  memory.phase = "reconnects-catch-up";
  const catchUps = loops(999);
  const [duringCatchUps, returnsCatchUps] = await Promise.all([honestOrders(base, honest, catchUps), phoneReturns(base, phone, catchUps)]);
  return {
    tickets: { ...(await tickets), orders: duringTickets, phoneReturns: returnsTickets, peakMb: memory.peak("reconnects-tickets") },
    catchUps: { ...(await catchUps), orders: duringCatchUps, phoneReturns: returnsCatchUps, peakMb: memory.peak("reconnects-catch-up") },
  };
}

/**
 * A waiter's phone back from WiFi blips until `until` settles, every half second: it resumes one
 * change behind what it last saw (as after a blip in which one order came), timed to its first frame.
 */
async function phoneReturns(base: string, cookie: string, until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  const first = new StreamClient(base, cookie, undefined);
  first.view = "phone";
  await first.connect(undefined, 30_000);
  let seq = first.lastSeq;
  first.close();
  const took: number[] = [];
  let failed = 0;
  while (!done) {
    await sleep(500);
    const client = new StreamClient(base, cookie, undefined);
    client.view = "phone";
    const t0 = performance.now();
    try {
      await client.connect(Math.max(0, seq - 1), 30_000);
      while (client.frames === 0 && performance.now() - t0 < 30_000) await sleep(1);
      if (client.frames) took.push(performance.now() - t0);
      else failed++;
      seq = Math.max(seq, client.lastSeq);
    } catch {
      failed++;
    }
    client.close();
  }
  return latencyOf(took, failed);
}
