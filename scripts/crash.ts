// `npm run test:crash`: kill -9 the whole server five times while waiters keep ordering and paying
// (part of an order or all of it, right after ordering), restart it on the same data dir each time,
// then check that nothing acknowledged was lost, nothing was doubled, the change stream has no gaps,
// and the money adds up: every acknowledged payment is stored once, and the payments add up to the
// items the orders show as paid. Loopback only; about a minute.
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
  killTree,
  login,
  placeOrder,
  randomOrder,
  readAllChanges,
  rng,
  sleep,
  startServerProcess,
  stopServer,
  StreamClient,
  type OrderBody,
  type ServerProcess,
} from "./lib/loadClient.ts";
import { paidOnOrders, payWithRetry, readAllPayments, type PayBody } from "./lib/payClient.ts";
import type { ItemRef, Order, Payment } from "../worker/protocol.ts";

const { values: args } = parseArgs({
  options: {
    kills: { type: "string", default: "5" },
    clients: { type: "string", default: "8" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    keep: { type: "boolean", default: false },
  },
});
const KILLS = Number(args.kills);
const CLIENTS = Number(args.clients);
const seed = Number(args.seed);
const random = rng(seed);
/** Stay well under the 1,000 changes one since=0 socket replays (readAllChanges pages anyway). */
const MAX_ORDERS = 900;

let passed = 0;
let failed = 0;
function check(ok: boolean, what: string, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
}

interface AckedPayment {
  body: PayBody;
  payment: Payment;
  attempts: number;
  status: number;
}

/** Some lines of an order, some or all of each (at least one item). */
function randomItems(order: Order, random: () => number): ItemRef[] {
  const lines = order.tickets.flatMap((t) => t.items);
  const items = lines.filter(() => random() < 0.6).map((i) => ({ order: order.id, line: i.line, qty: 1 + Math.floor(random() * i.qty) }));
  return items.length ? items : [{ order: order.id, line: lines[0]!.line, qty: lines[0]!.qty }];
}

interface Acked {
  body: OrderBody;
  expected: number;
  order: Order;
  attempts: number;
  status: number;
}

/** The product a client sent on a line of its order (lines are numbered in the order they were sent). */
function productOf(body: OrderBody, line: number): string {
  return body.items[line]!.product;
}

async function main() {
  console.log(`crash test: ${KILLS} kills, ${CLIENTS} clients, seed ${seed}`);
  const data = mkdtempSync(join(tmpdir(), "mini-pos-crash-"));
  let server: ServerProcess = await startServerProcess(data, { timeoutMs: 120_000 });
  const base = server.base;
  const port = server.port;
  const started = performance.now();

  const cookies = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => login(base, `Kellner ${i + 1}`, "waiter")));
  const index = indexMenu(await getMenu(base, cookies[0]!));

  const acked = new Map<string, Acked>();
  const refused: string[] = [];
  const paid = new Map<string, AckedPayment>();
  const refusedPayments: string[] = [];
  let stop = false;
  let sent = 0;
  let retries = 0;

  const clients = cookies.map(async (cookie) => {
    while (!stop && sent < MAX_ORDERS) {
      sent++;
      const body = randomOrder(index, random, random() < 0.5 ? ["bar", "kitchen"] : [random() < 0.5 ? "bar" : "kitchen"]);
      // Same id, same body, until the server answers: across kills and restarts.
      const res = await placeOrder(base, cookie, body, { deadlineMs: 120_000, retryDelayMs: 25 });
      retries += res.attempts - 1;
      if (res.status === 200 || res.status === 201) acked.set(body.id, { body, expected: expectedCents(index, body), order: res.order!, attempts: res.attempts, status: res.status });
      else refused.push(`${body.id}: ${res.status} ${res.error}`);
      // Most tables pay at once, some of it or all; the payment goes through the same kills.
      if (res.order && random() < 0.7) {
        const payBody = { id: crypto.randomUUID(), table: res.order.table, method: random() < 0.5 ? ("cash" as const) : ("card" as const), items: randomItems(res.order, random) };
        const p = await payWithRetry(base, cookie, payBody, 120_000);
        retries += p.attempts - 1;
        if (p.payment) paid.set(payBody.id, { body: payBody, payment: p.payment, attempts: p.attempts, status: p.status });
        else refusedPayments.push(`${payBody.id}: ${p.status} ${p.error}`);
      }
      // about 30 orders/s in all, so that traffic lasts through all five kills (and stays under MAX_ORDERS)
      await sleep(150 + random() * 200);
    }
  });

  const kills: { afterMs: number; acked: number; pids: number; restartMs: number }[] = [];
  for (let k = 0; k < KILLS; k++) {
    const wait = 400 + random() * 2600;
    await sleep(wait);
    const ackedBefore = acked.size;
    const pids = killTree(server.pid);
    await server.exited;
    const t = performance.now();
    server = await startServerProcess(data, { port, timeoutMs: 120_000 });
    kills.push({ afterMs: Math.round(wait), acked: ackedBefore, pids: pids.length, restartMs: Math.round(performance.now() - t) });
    console.log(`kill ${k + 1}: SIGKILL to ${pids.length} processes after ${Math.round(wait)} ms (${ackedBefore} orders acknowledged so far); ready again in ${Math.round(performance.now() - t)} ms`);
  }
  await sleep(1000);
  stop = true;
  await Promise.all(clients);
  console.log(`orders: ${sent} sent, ${acked.size} acknowledged, ${refused.length} refused; payments: ${paid.size} acknowledged, ${refusedPayments.length} refused; ${retries} retries; ${((performance.now() - started) / 1000).toFixed(1)} s`);

  try {
    // A station login: a waiter's socket gets the phone's snapshot instead of a long catch-up (issue 23), a station screen every frame.
    const reader = await login(base, "Prüfer", "station");
    const auditor = await login(base, "Prüferin", "admin");
    check(refused.length === 0, "no order was refused", refused.slice(0, 3).join("; "));
    check(acked.size >= KILLS, "orders were acknowledged", String(acked.size));
    check(kills.every((k) => k.pids >= 2), "every kill hit the node process and its workerd children", kills.map((k) => k.pids).join(","));

    // 1. every acknowledged order is stored, as acknowledged
    let missing = 0;
    let differs = 0;
    for (const [id, a] of acked) {
      const res = await http<{ order: Order }>(base, "GET", `/api/v1/orders/${id}`, { cookie: reader });
      if (res.status !== 200) missing++;
      else if (res.body.order.totalCents !== a.order.totalCents || res.body.order.seq !== a.order.seq) differs++;
    }
    check(missing === 0, "every acknowledged order is present", `${missing} missing of ${acked.size}`);
    check(differs === 0, "stored orders are as acknowledged (total, seq)", `${differs} differ`);

    // 2. nothing doubled, nothing unacknowledged: all orders of all tables
    const stored: Order[] = [];
    for (const table of TABLES) {
      const res = await http<{ orders: Order[] }>(base, "GET", `/api/v1/tables/${table}/orders`, { cookie: reader });
      if (res.status !== 200) throw new Error(`tables/${table}/orders: ${res.status} ${res.text}`);
      stored.push(...res.body.orders);
    }
    const ids = new Set(stored.map((o) => o.id));
    check(ids.size === stored.length, "no order is stored twice", `${stored.length} rows, ${ids.size} ids`);
    const extra = stored.filter((o) => !acked.has(o.id));
    check(extra.length === 0, "every stored order was acknowledged (clients retried until answered)", `${extra.length} extra`);
    check(stored.length === acked.size, "stored count equals acknowledged count", `${stored.length} vs ${acked.size}`);
    const seqs = new Set(stored.map((o) => o.seq));
    check(seqs.size === stored.length, "order seq numbers are unique");

    // 3. the change stream: seq 1..N, no gaps, one order.placed per stored order
    const snap = new StreamClient(base, reader, undefined);
    await snap.connect();
    snap.close();
    const last = snap.lastSeq;
    const frames = await readAllChanges(base, reader, last);
    const gaps = frames.filter((f, i) => f.seq !== i + 1).length;
    check(frames.length === last && gaps === 0, "change stream is 1..N with no gap", `N=${last}, read ${frames.length}, ${gaps} out of place`);
    const placed = frames.filter((f) => f.type === "order.placed").map((f) => (f as { order: Order }).order.id);
    check(placed.length === stored.length && new Set(placed).size === placed.length && placed.every((id) => ids.has(id)), "one order.placed per stored order", `${placed.length} frames, ${stored.length} orders`);

    // 4. the money
    const ackedSum = [...acked.values()].reduce((s, a) => s + a.order.totalCents, 0);
    const expectedSum = [...acked.values()].reduce((s, a) => s + a.expected, 0);
    const storedSum = stored.reduce((s, o) => s + o.totalCents, 0);
    check(ackedSum === storedSum, "sum of acknowledged totals equals sum of stored totals", `${ackedSum} vs ${storedSum} cents`);
    check(expectedSum === storedSum, "stored totals equal the menu prices the clients sent", `${expectedSum} vs ${storedSum} cents`);

    // 5. the payments: each acknowledged one stored once, as acknowledged; nothing unacknowledged
    check(refusedPayments.length === 0, "no payment was refused", refusedPayments.slice(0, 3).join("; "));
    check(paid.size > 0, "payments were acknowledged", String(paid.size));
    const storedPayments = await readAllPayments(base, auditor);
    const paymentIds = storedPayments.map((p) => p.id);
    check(new Set(paymentIds).size === paymentIds.length, "no payment is stored twice", `${paymentIds.length} rows, ${new Set(paymentIds).size} ids`);
    const missingPayments = [...paid.keys()].filter((id) => !paymentIds.includes(id));
    check(missingPayments.length === 0, "every acknowledged payment is present", `${missingPayments.length} missing of ${paid.size}`);
    check(storedPayments.every((p) => paid.has(p.id)) && storedPayments.length === paid.size, "every stored payment was acknowledged", `${storedPayments.length} stored, ${paid.size} acknowledged`);
    const paymentDiffers = storedPayments.filter((p) => {
      const a = paid.get(p.id)?.payment;
      return !a || a.seq !== p.seq || a.totalCents !== p.totalCents || JSON.stringify(a.items) !== JSON.stringify(p.items);
    });
    check(paymentDiffers.length === 0, "stored payments are as acknowledged (seq, total, items)", `${paymentDiffers.length} differ`);
    const recorded = frames.filter((f) => f.type === "payment.recorded").map((f) => (f as { payment: Payment }).payment.id);
    check(recorded.length === storedPayments.length && new Set(recorded).size === recorded.length, "one payment.recorded per stored payment", `${recorded.length} frames, ${storedPayments.length} payments`);

    // 6. the money balances: payments = the items the orders show as paid; nothing paid twice
    const paymentsSum = storedPayments.reduce((s, p) => s + p.amountCents + p.depositCents, 0);
    const itemsSum = storedPayments.reduce((s, p) => s + p.items.reduce((x, i) => x + i.qty * (i.unitCents + i.depositCents), 0), 0);
    const { cents: paidItemsSum, overpaidLines: overpaid } = paidOnOrders(stored);
    // What the clients meant to pay, at the menu's price and deposit of each product they ordered.
    const menuCents = (product: string) => index.price.get(product)! + index.menu.products.find((p) => p.id === product)!.depositCents;
    const sentSum = [...paid.values()].reduce((s, a) => s + a.body.items.reduce((x, i) => x + i.qty * menuCents(productOf(acked.get(i.order)!.body, i.line)), 0), 0);
    check(paymentsSum === itemsSum, "each payment's amount and deposit equal its items", `${paymentsSum} vs ${itemsSum} cents`);
    check(paymentsSum === paidItemsSum, "sum of payments equals sum of paid items on the orders", `${paymentsSum} vs ${paidItemsSum} cents`);
    check(paymentsSum === sentSum, "sum of payments equals what the clients paid for at menu prices", `${paymentsSum} vs ${sentSum} cents`);
    check(overpaid === 0, "no line is paid more than ordered", `${overpaid} lines`);

    const retried = [...acked.values()].filter((a) => a.attempts > 1).length;
    const replayed = [...acked.values()].filter((a) => a.status === 200).length;
    const paymentsRetried = [...paid.values()].filter((a) => a.attempts > 1).length;
    const paymentsReplayed = [...paid.values()].filter((a) => a.status === 200).length;
    console.log(`${paymentsRetried} payments needed more than one attempt, ${paymentsReplayed} of them were answered 200 (recorded before the kill)`);
    console.log(`${retried} orders needed more than one attempt, ${replayed} of them were answered 200 (stored before the kill, acknowledgement lost); restart-to-ready ${kills.map((k) => k.restartMs).join(", ")} ms`);
  } finally {
    await stopServer(server);
    if (!args.keep) rmSync(data, { recursive: true, force: true });
    else console.log(`data kept in ${data}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
