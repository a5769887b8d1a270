// `npm run soak`: a four-hour evening in five minutes (48× compressed; `--hours 10` is a ten-hour
// evening in 12½ minutes). 30 waiters order at a rate that rises
// to a peak and falls again; a bar and a kitchen client follow their tickets over the stream and
// bump them over HTTP (whole tickets, item by item, now and then an undo and a re-bump); sockets
// reconnect now and then and resume with `since`. Table F9's tickets are left open on purpose
// (the kitchen holds them). Half the orders are paid right after ordering (the festival way), the
// rest once they are an evening hour old and the last ones when the evening ends, so every order
// closes but the held table's, whose tickets stay open.
// Afterwards the money, the payments, the tickets, the streams and the live state are checked.
// The memory of every server process is sampled each evening half-hour; it must end flat (no more
// than 10 % above the middle of the evening: issue 12).
// Options: --hours 4 (the evening) or --minutes N (real time), --waiters 30 --seed N, --data DIR
// (keep the evening's data folder, e.g. for `npm run report -- --data DIR`).
// Loopback only; it stops by itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  TABLES,
  expectedCents,
  getMenu,
  http,
  indexMenu,
  login,
  placeOrder,
  randomOrder,
  rng,
  rssTree,
  sleep,
  startServerProcess,
  stopServer,
  StreamClient,
  summary,
  type OrderBody,
} from "./lib/loadClient.ts";
import { allItemsOf, paidOnOrders, payWithRetry, readAllPayments, type PayBody } from "./lib/payClient.ts";
import { StationClient } from "./lib/stationClient.ts";
import type { Order, Payment, TableState, Ticket } from "../worker/protocol.ts";

const { values: args } = parseArgs({
  options: {
    hours: { type: "string", default: "4" },
    minutes: { type: "string" },
    // keep the evening's data here for a look afterwards (npm run report -- --data DIR)
    data: { type: "string" },
    waiters: { type: "string", default: "30" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
  },
});
/** Real time per evening time: four hours in five minutes. */
const COMPRESSION = 48;
const EVENING_HOURS = args.minutes ? (Number(args.minutes) * COMPRESSION) / 60 : Number(args.hours);
const DURATION_MS = (EVENING_HOURS * 3_600_000) / COMPRESSION;
if (!(DURATION_MS > 0)) {
  console.error(`--hours and --minutes take a positive number, not "${args.hours}" / "${args.minutes}"`);
  process.exit(2);
}
const WAITERS = Number(args.waiters);
const seed = Number(args.seed);
const random = rng(seed);
/** Orders per second at the peak of the evening; the curve is a sine from 0.15× to 1×. */
const PEAK_RATE = 14;
const HELD_TABLE = "F9";

let passed = 0;
let failed = 0;
function check(ok: boolean, what: string, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
}

async function main() {
  console.log(`soak: ${WAITERS} waiters, 2 stations, a ${EVENING_HOURS} h evening in ${(DURATION_MS / 60_000).toFixed(1)} min, seed ${seed}`);
  const data = args.data ?? mkdtempSync(join(tmpdir(), "mini-pos-soak-"));
  const server = await startServerProcess(data, { timeoutMs: 120_000 });
  const base = server.base;
  const rssStart = rssTree(server.pid).totalMb;
  try {
    const waiterCookies = await Promise.all(Array.from({ length: WAITERS }, (_, i) => login(base, `Kellner ${i + 1}`, "waiter")));
    const index = indexMenu(await getMenu(base, waiterCookies[0]!));
    const stations = [new StationClient(base, await login(base, "Theke", "station"), "bar", HELD_TABLE, random), new StationClient(base, await login(base, "Küche", "station"), "kitchen", HELD_TABLE, random)];
    for (const s of stations) await s.stream.connect();
    // a few waiter phones follow the stream too, and reconnect now and then
    const phones = await Promise.all(waiterCookies.slice(0, 5).map(async (c) => {
      const s = new StreamClient(base, c, undefined);
      await s.connect();
      return s;
    }));

    const acked = new Map<string, { body: OrderBody; expected: number; order: Order }>();
    const refused: string[] = [];
    const paid = new Map<string, Payment>();
    const refusedPayments: string[] = [];
    const pay = async (cookie: string, order: Order) => {
      const body: PayBody = { id: crypto.randomUUID(), table: order.table, method: random() < 0.6 ? "cash" : "card", items: allItemsOf(order) };
      const res = await payWithRetry(base, cookie, body);
      if (res.payment) paid.set(body.id, res.payment);
      else refusedPayments.push(`${body.id}: ${res.status} ${res.error}`);
    };
    const postMs: number[] = [];
    const start = performance.now();
    const elapsed = () => performance.now() - start;
    const rate = () => PEAK_RATE * (0.15 + 0.85 * Math.sin((Math.PI * Math.min(elapsed(), DURATION_MS)) / DURATION_MS));
    let rssPeak = rssStart;
    /** [evening hours, MB] every evening half-hour. */
    const rssCurve: [number, number][] = [[0, rssStart]];
    const eveningHours = () => (elapsed() * COMPRESSION) / 3_600_000;
    let phoneReconnects = 0;

    const waiters = waiterCookies.map(async (cookie) => {
      const unpaid: { order: Order; atHours: number }[] = [];
      await sleep(random() * 2000);
      while (elapsed() < DURATION_MS) {
        const kind = random();
        const body = randomOrder(index, random, kind < 0.45 ? ["bar"] : kind < 0.7 ? ["kitchen"] : ["bar", "kitchen"]);
        const t = performance.now();
        const res = await placeOrder(base, cookie, body, { deadlineMs: 60_000 });
        postMs.push(performance.now() - t);
        if (res.status === 200 || res.status === 201) {
          acked.set(body.id, { body, expected: expectedCents(index, body), order: res.order! });
          if (random() < 0.5) await pay(cookie, res.order!);
          else unpaid.push({ order: res.order!, atHours: eveningHours() });
          // the tables that pay later: an hour (evening time) after they ordered
          while (unpaid.length && eveningHours() - unpaid[0]!.atHours >= 1) await pay(cookie, unpaid.shift()!.order);
        } else refused.push(`${res.status} ${res.error}`);
        await sleep((WAITERS / rate()) * 1000 * (0.5 + random()));
      }
      // closing time: every waiter takes the money for what is still open
      for (const { order } of unpaid) await pay(cookie, order);
    });

    let running = true;
    // two people at each station; with a queue they work without a pause (at the peak of a long
    // evening one person at a calm pace fell thousands of tickets behind)
    const stationLoops = [...stations, ...stations].map(async (s) => {
      while (running) if (!(await s.step())) await sleep(30);
        else if (s.open.size <= 5) await sleep(20 + random() * 60);
    });
    const chaos = (async () => {
      let next = 0;
      while (elapsed() < DURATION_MS) {
        await sleep(1000);
        const rssNow = rssTree(server.pid).totalMb;
        rssPeak = Math.max(rssPeak, rssNow);
        if (eveningHours() >= rssCurve.length * 0.5) rssCurve.push([eveningHours(), rssNow]);
        if (elapsed() > next) {
          next = elapsed() + 15_000 + random() * 15_000;
          const victim = random() < 0.5 ? stations[Math.floor(random() * 2)]! : undefined;
          if (victim) {
            await victim.stream.reconnect();
            victim.reconnects++;
          } else {
            await phones[Math.floor(random() * phones.length)]!.reconnect();
            phoneReconnects++;
          }
          console.log(`${Math.round(elapsed() / 1000)} s: ${acked.size} orders, rate ${rate().toFixed(1)}/s, open bar ${stations[0]!.open.size} kitchen ${stations[1]!.open.size}, ${victim ? `${victim.station} screen` : "a phone"} reconnected`);
        }
      }
    })();

    await Promise.all(waiters);
    await chaos;
    // last orders are in: the stations clear what is left (all but the held table)
    const drainUntil = performance.now() + 180_000;
    while (performance.now() < drainUntil && stations.some((s) => [...s.open.values()].some((t) => t.table !== HELD_TABLE))) await sleep(100);
    running = false;
    await Promise.all(stationLoops);
    await sleep(500);
    const seconds = elapsed() / 1000;
    const rssEnd = rssTree(server.pid).totalMb;
    rssCurve.push([eveningHours(), rssEnd]);
    const rssMiddle = rssCurve.find(([h]) => h >= EVENING_HOURS / 2)?.[1] ?? rssStart;

    // --- checks ---------------------------------------------------------------------------------
    const reader = await login(base, "Abrechnung", "admin");
    const stored: Order[] = [];
    for (const table of TABLES) {
      const res = await http<{ orders: Order[] }>(base, "GET", `/api/v1/tables/${table}/orders`, { cookie: reader });
      if (res.status !== 200) throw new Error(`tables/${table}/orders: ${res.status}`);
      stored.push(...res.body.orders);
    }
    const byId = new Map(stored.map((o) => [o.id, o]));
    const revenue = stored.reduce((s, o) => s + o.totalCents, 0);
    const sent = [...acked.values()].reduce((s, a) => s + a.expected, 0);
    const items = [...acked.values()].reduce((s, a) => s + a.body.items.reduce((n, i) => n + i.qty, 0), 0);
    check(refused.length === 0, "no order was refused", refused.slice(0, 3).join("; "));
    check(stored.length === acked.size && byId.size === stored.length && [...acked.keys()].every((id) => byId.has(id)), "every order is stored once", `${acked.size} acknowledged, ${stored.length} stored`);
    check(revenue === sent, "revenue equals the sum of the items sent at menu prices", `${(revenue / 100).toFixed(2)} vs ${(sent / 100).toFixed(2)}`);

    let wrongTickets = 0;
    let wrongState = 0;
    let heldOpen = 0;
    let done = 0;
    for (const [id, a] of acked) {
      const o = byId.get(id);
      if (!o) continue;
      const want = new Set(a.body.items.map((i) => index.stationOf.get(i.product)!));
      const have = new Set(o.tickets.map((t) => t.station));
      if (want.size !== have.size || [...want].some((s) => !have.has(s))) wrongTickets++;
      const lines = o.tickets.reduce((n, t) => n + t.items.length, 0);
      if (lines !== a.body.items.length) wrongTickets++;
      for (const t of o.tickets) {
        const shouldBeOpen = o.table === HELD_TABLE;
        const isOpen = t.doneAt === null;
        if (shouldBeOpen !== isOpen) wrongState++;
        if (isOpen) heldOpen++;
        else done++;
        if (!isOpen && t.items.some((i) => i.doneAt === null)) wrongState++;
      }
    }
    check(wrongTickets === 0, "every order has one ticket per station of its items, with all its lines", `${wrongTickets} wrong`);
    check(wrongState === 0, `every ticket is done, except table ${HELD_TABLE}'s which are open`, `${wrongState} wrong; ${done} done, ${heldOpen} held open`);
    const openTickets = await http<{ tickets: Ticket[] }>(base, "GET", "/api/v1/tickets?state=open&limit=1000", { cookie: reader });
    check(openTickets.status === 200 && openTickets.body.tickets.every((t) => t.table === HELD_TABLE) && openTickets.body.tickets.length === heldOpen, "the server's open-ticket list is exactly the held table's tickets", `${openTickets.body.tickets?.length} open`);
    for (const s of stations) {
      const local = [...s.open.values()].filter((t) => t.table !== HELD_TABLE).length;
      check(local === 0 && s.errors.length === 0, `the ${s.station} screen has nothing stuck and no refused bump`, `${local} open, errors: ${s.errors.slice(0, 3).join("; ")}`);
    }
    const sockets = [...stations.map((s) => s.stream), ...phones];
    const gaps = sockets.reduce((n, s) => n + s.gaps, 0);
    const dropped = sockets.reduce((n, s) => n + s.closedUnexpectedly, 0);
    check(gaps === 0, "no socket saw a gap in seq (including after reconnects)", `${gaps} gaps`);
    check(dropped === 0, "no socket was closed by the server", `${dropped}`);
    // phones get every frame; a station screen only its own, so it ends at or before them
    const seqs = new Set(phones.map((s) => s.lastSeq));
    const phoneSeq = Math.max(...seqs);
    check(seqs.size === 1 && stations.every((s) => s.stream.lastSeq > 0 && s.stream.lastSeq <= phoneSeq), "every phone ends at the same seq, no station screen beyond it", `phones ${[...seqs].join(", ")}; stations ${stations.map((s) => s.stream.lastSeq).join(", ")}`);

    // the money: every payment once, and they add up to every item at menu price and deposit
    const depositOf = new Map(index.menu.products.map((p) => [p.id, p.depositCents]));
    const storedPayments = await readAllPayments(base, reader);
    const storedIds = new Set(storedPayments.map((p) => p.id));
    check(refusedPayments.length === 0, "no payment was refused", refusedPayments.slice(0, 3).join("; "));
    check(storedPayments.length === paid.size && storedIds.size === storedPayments.length && [...paid.keys()].every((id) => storedIds.has(id)), "every payment is stored once", `${paid.size} acknowledged, ${storedPayments.length} stored`);
    const paymentsSum = storedPayments.reduce((s, p) => s + p.amountCents + p.depositCents, 0);
    const ordered = [...acked.values()].reduce((s, a) => s + a.expected + a.body.items.reduce((d, i) => d + i.qty * depositOf.get(i.product)!, 0), 0);
    const onOrders = paidOnOrders(stored);
    check(paymentsSum === ordered && onOrders.cents === ordered && onOrders.overpaidLines === 0, "payments equal every item at menu price and deposit, and the orders show them paid once", `${paymentsSum} paid, ${onOrders.cents} on the orders, ${ordered} ordered, ${onOrders.overpaidLines} lines overpaid`);

    // live state: every table is free; only the held table's orders (tickets still open) are live
    const tables = await http<{ tables: TableState[] }>(base, "GET", "/api/v1/tables", { cookie: reader });
    check(tables.body.tables.every((t) => t.openCents === 0 && t.openOrders === 0), "every table is paid up and free on the map", tables.body.tables.filter((t) => t.openCents !== 0).map((t) => `${t.name} ${t.openCents}`).slice(0, 5).join(", "));
    let live: Order[] = [];
    const last = new StreamClient(base, reader, undefined, (f) => {
      if (f.type === "snapshot") live = f.orders as Order[];
    });
    await last.connect();
    last.close();
    const held = stored.filter((o) => o.table === HELD_TABLE).map((o) => o.id).sort();
    check(JSON.stringify(live.map((o) => o.id).sort()) === JSON.stringify(held), `the live snapshot holds exactly the held table's ${held.length} orders`, `${live.length} in the snapshot`);
    console.log(`live state at the end: snapshot ${(last.firstFrameBytes / 1024).toFixed(1)} KB, GET /tables ${(tables.text.length / 1024).toFixed(1)} KB, ${paid.size} payments`);

    check(rssEnd <= rssMiddle * 1.1, "memory ends flat: at most 10 % above the middle of the evening", `${rssMiddle.toFixed(0)} MB in the middle, ${rssEnd.toFixed(0)} MB at the end`);
    const post = summary(postMs);
    console.log("");
    console.log(`figures: ${seconds.toFixed(0)} s; ${acked.size} orders (${(acked.size / seconds).toFixed(1)}/s avg, peak ${PEAK_RATE}/s), ${items} items, revenue ${(revenue / 100).toFixed(2)} EUR`);
    console.log(`tickets: ${done} done, ${heldOpen} held open; bumps ${stations.map((s) => `${s.station} ${s.bumps} + ${s.itemBumps} item bumps + ${s.undos} undos`).join(", ")}`);
    console.log(`reconnects: stations ${stations.map((s) => s.reconnects).join("/")}, phones ${phoneReconnects} (all resumed with since); last seq ${[...seqs].join(",")}`);
    console.log(`order POST ms: p50 ${post.p50.toFixed(1)}, p95 ${post.p95.toFixed(1)}, p99 ${post.p99.toFixed(1)}, max ${post.max.toFixed(1)}`);
    console.log(`RSS: start ${rssStart.toFixed(0)} MB, middle ${rssMiddle.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, end ${rssEnd.toFixed(0)} MB`);
    console.log(`RSS by evening hour: ${rssCurve.map(([h, mb]) => `${h.toFixed(1)} h ${mb.toFixed(0)}`).join(", ")}`);
    for (const s of sockets) s.close();
  } finally {
    await stopServer(server);
    if (!args.data) rmSync(data, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
