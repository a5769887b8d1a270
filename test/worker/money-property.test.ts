// Property test of the money (DESIGN invariants 9 and 12): random sequences of orders, partial
// payments (cash, card, free with the admin PIN, tips small and above the amount, glasses brought
// back), deposit returns on their own, voids, moves, bumps and reversals over a few tables. A model
// kept here, apart from the server, predicts every answer (recorded or refused) and where every item
// is; afterwards, for each table, paid + voided + open = what was ordered there (moves included) to
// the cent, summed over tables it is what was ordered, no item is paid twice, refused payments
// recorded nothing, nothing is lost; per deposit group the glasses back never exceed the glasses
// out but by what the admin PIN approved; a payment is approved exactly when it gave items away,
// tipped above its amount or took back more glasses than were out; and an
// order is closed (and out of the live snapshot) exactly when nothing of it is open and every
// ticket is done (bumped, or voided whole).
// Counter orders (issue 22) are placed among them, each on a bill of its own (counterBill(id)) that is
// paid (whole or in part), voided and reversed like a table's and counted like one: paid + voided +
// open = ordered holds for it too, in quantity and cents; a move to or from it is refused (400) and
// records nothing.
// All runs share one event, so every check looks only at the orders and payments of its own run.
import { createExecutionContext, env } from "cloudflare:test";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../worker/index.ts";
import { counterBill, isCounterBill, type Bill, type BillLine, type DepositGroupBalance, type Menu, type Order, type Payment } from "../../worker/protocol.ts";
import { BASE, pageHeaders, PINS } from "./helpers.ts";
import { depositProducts, paymentRows } from "./money-helpers.ts";
import { COUNTERS, dropCounters, useCounters } from "./counter-helpers.ts";

vi.setConfig({ testTimeout: 180_000 });

/**
 * Hundreds of requests a second from one waiter on purpose: without the per-session request limit.
 * Made in beforeAll, once the config has its cash desks (useCounters sets env.EVENT_CONFIG).
 */
let propertyEnv: typeof env & { HTTP_RATE_LIMIT: string };

/** The worker's fetch handler called directly (SELF.fetch slows down with every request, see fuzz.test.ts). */
async function call(method: string, path: string, cookie: string, body?: unknown): Promise<{ status: number; body: any; text: string }> {
  const headers = pageHeaders(method, { cookie });
  const res = await app.fetch(new Request(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), propertyEnv, createExecutionContext());
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the assertion will show it
  }
  return { status: res.status, body: parsed, text: `${res.status} ${text.slice(0, 1500)}` };
}

async function login(role: keyof typeof PINS, name: string): Promise<string> {
  const res = await app.fetch(
    new Request(`${BASE}/api/v1/login`, { method: "POST", headers: pageHeaders("POST"), body: JSON.stringify({ name, pin: PINS[role] }) }),
    env,
    createExecutionContext(),
  );
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

// --- commands (abstract: indices are resolved against the run's own orders and payments) -----------

const TABLES = ["A1", "A2", "A3", "A4"];
/** here: one of the lines open on the command's table (what a waiter would tap), else any line of any order. */
type Pick = { order: number; line: number; qty: number | "all"; here: boolean };
type Command =
  | { kind: "order"; table: number; lines: { product: number; qty: number }[] }
  /** An order at a cash desk (issue 22): its items lie on a bill of their own, counterBill(id). */
  | { kind: "counterOrder"; counter: number; lines: { product: number; qty: number }[] }
  /**
   * table null: where the first pick's line lies (most of the time a payment someone would make);
   * counter: at the bill of one of the run's counter orders instead (picks may be another order's lines).
   * tip "big" is one cent above the payment's amount; pin: the admin PIN is typed; returns: glasses
   * of a deposit product brought back with it (such a payment is cash: money may go back).
   */
  | { kind: "pay"; table: number | null; counter: number | null; picks: Pick[]; method: "cash" | "card" | "free"; tip: "none" | "small" | "big"; pin: boolean; returns: { product: number; qty: number } | null }
  /** Glasses brought back with nothing bought; "out": as many as are out (at least 1). */
  | { kind: "return"; product: number; qty: number | "out" }
  /** The guest pays what is open on the table ("alles"). */
  | { kind: "payTable"; table: number; method: "cash" | "card" }
  /** The guest at the cash desk pays what is open on a counter order's bill (order: among the run's counter orders). */
  | { kind: "payCounter"; order: number; method: "cash" | "card" }
  | { kind: "void"; order: number; line: number; qty: number | "all" }
  /**
   * from null: where the first pick's line lies (a counter bill too); picks null: the whole table.
   * toCounter: to the bill of one of the run's counter orders instead of a table (refused).
   */
  | { kind: "move"; from: number | null; to: number; toCounter: number | null; picks: Pick[] | null }
  | { kind: "bump"; order: number }
  /** glasses: one of the payments that handed glasses out (whose glasses may have come back). */
  | { kind: "reverse"; payment: number; glasses: boolean };

const table = fc.integer({ min: 0, max: TABLES.length - 1 });
const pick = fc.record({ order: fc.nat(20), line: fc.nat(3), qty: fc.oneof({ weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }, { weight: 2, arbitrary: fc.constant("all" as const) }), here: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) });
const orderLines = fc.uniqueArray(fc.record({ product: fc.nat(3), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.product });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("order" as const), table, lines: orderLines }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("counterOrder" as const), counter: fc.nat(COUNTERS.length - 1), lines: orderLines }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      table: fc.option(table, { freq: 3, nil: null }),
      counter: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(20) }),
      picks: fc.array(pick, { minLength: 1, maxLength: 2 }),
      method: fc.constantFrom("cash" as const, "card" as const, "free" as const),
      tip: fc.constantFrom("none" as const, "none" as const, "small" as const, "big" as const),
      pin: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      returns: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ product: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }) }) }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("return" as const), product: fc.nat(1), qty: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant("out" as const)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("payTable" as const), table, method: fc.constantFrom("cash" as const, "card" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("payCounter" as const), order: fc.nat(20), method: fc.constantFrom("cash" as const, "card" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("void" as const), order: fc.nat(20), line: fc.nat(3), qty: fc.oneof(fc.integer({ min: 1, max: 2 }), fc.constant("all" as const)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("move" as const), from: fc.option(table, { freq: 3, nil: null }), to: table, toCounter: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(20) }), picks: fc.option(fc.array(pick, { minLength: 1, maxLength: 2 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("bump" as const), order: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reverse" as const), payment: fc.nat(20), glasses: fc.boolean() }) },
);

// --- the model ----------------------------------------------------------------------------------------

interface Line {
  order: string;
  line: number;
  product: string;
  depositCents: number;
  qty: number;
  /** unit price + deposit, from the menu the test read. */
  valueCents: number;
}
/** How much of one order line lies on one table and what became of it. */
interface Position {
  qty: number;
  paid: number;
  voided: number;
}

class Model {
  readonly orders: { id: string; lines: Line[]; tickets: { id: string; lines: number[] }[] }[] = [];
  readonly bumped = new Set<string>();
  readonly positions = new Map<string, Position>(); // `${order}.${line}@${table}`
  readonly payments: {
    id: string;
    table: string;
    items: { order: string; line: number; qty: number }[];
    reversed: boolean;
    /** Glasses per deposit group whose deposit came in with it, and glasses it paid back. */
    glasses: Map<string, number>;
    returns: Map<string, number>;
    approved: boolean;
  }[] = [];
  /** Glasses out and back per deposit group in the whole event (other runs' included). */
  readonly pool = new Map<string, { out: number; back: number }>();
  /** Glasses per group paid back beyond those out, approved with the admin PIN. */
  readonly approvedOver = new Map<string, number>();
  readonly refusedPayments: string[] = [];
  /** Ordered value that came to (+) or left (−) each table, by orders and moves. */
  readonly orderedAt = new Map<string, number>();
  /** The same in items. */
  readonly orderedQtyAt = new Map<string, number>();
  /** The bills of the run's counter orders, counterBill(id), in the order they were placed. */
  readonly counterBills: string[] = [];
  /** Moves the server refused with 400 (to or from a counter bill): none may leave a row. */
  readonly refusedMoves: string[] = [];

  /** Every bill the run may have put items on: the tables, then its counter orders' own bills. */
  bills(): string[] {
    return [...TABLES, ...this.counterBills];
  }
  /** The bill of one of the run's counter orders (undefined while there is none). */
  counterBillOf(index: number): string | undefined {
    return this.counterBills.length ? this.counterBills[index % this.counterBills.length] : undefined;
  }

  pos(order: string, line: number, table: string): Position {
    const key = `${order}.${line}@${table}`;
    let p = this.positions.get(key);
    if (!p) this.positions.set(key, (p = { qty: 0, paid: 0, voided: 0 }));
    return p;
  }
  open(order: string, line: number, table: string): number {
    const p = this.positions.get(`${order}.${line}@${table}`);
    return p ? p.qty - p.paid - p.voided : 0;
  }
  line(order: string, line: number): Line {
    return this.orders.find((o) => o.id === order)!.lines.find((l) => l.line === line)!;
  }
  glassesOpen(group: string): number {
    const p = this.pool.get(group);
    return p ? p.out - p.back : 0;
  }
  /** How many of a group may come back without the admin PIN, counting the glasses of this payment. */
  glassesLeft(group: string, here = 0): number {
    return Math.max(0, this.glassesOpen(group) + here);
  }
  addToPool(product: string, out: number, back: number) {
    const p = this.pool.get(product) ?? { out: 0, back: 0 };
    this.pool.set(product, { out: p.out + out, back: p.back + back });
  }
  /** The glasses a payment's items hand out with a deposit that comes in (none when free). */
  glassesOf(items: { order: string; line: number; qty: number }[], method: string): Map<string, number> {
    const out = new Map<string, number>();
    if (method === "free") return out;
    for (const i of items) {
      const l = this.line(i.order, i.line);
      const group = groupOf.get(l.product)!;
      if (l.depositCents > 0) out.set(group, (out.get(group) ?? 0) + i.qty);
    }
    return out;
  }
  addOrderedAt(table: string, cents: number, qty: number) {
    this.orderedAt.set(table, (this.orderedAt.get(table) ?? 0) + cents);
    this.orderedQtyAt.set(table, (this.orderedQtyAt.get(table) ?? 0) + qty);
  }
  /** The picks as item references of existing lines, with "all" resolved against a table (duplicates dropped). */
  resolve(picks: Pick[], table: string) {
    const out: { order: string; line: number; qty: number }[] = [];
    const openHere = this.orders.flatMap((o) => o.lines.filter((l) => this.open(o.id, l.line, table) > 0).map((l) => ({ o, l })));
    for (const p of picks) {
      if (this.orders.length === 0) break;
      const o = p.here && openHere.length ? openHere[p.order % openHere.length]!.o : this.orders[p.order % this.orders.length]!;
      const l = p.here && openHere.length ? openHere[p.order % openHere.length]!.l : o.lines[p.line % o.lines.length]!;
      if (out.some((x) => x.order === o.id && x.line === l.line)) continue;
      const qty = p.qty === "all" ? Math.max(1, this.open(o.id, l.line, table)) : p.qty;
      out.push({ order: o.id, line: l.line, qty });
    }
    return out;
  }
  /** The table a command names, or else the one where most of its first pick's line is open. */
  tableFor(index: number | null, picks: Pick[] | null): string | undefined {
    if (index !== null) return TABLES[index];
    if (!picks || this.orders.length === 0) return undefined;
    const o = this.orders[picks[0]!.order % this.orders.length]!;
    return this.tablesOf(o.id, o.lines[picks[0]!.line % o.lines.length]!.line)[0] ?? TABLES[0];
  }
  /** Tables (or the counter bill) on which some of a line lies (those with something open first). */
  tablesOf(order: string, line: number): string[] {
    const found = this.bills().filter((t) => this.positions.has(`${order}.${line}@${t}`));
    return found.sort((a, b) => this.open(order, line, b) - this.open(order, line, a));
  }
}

// --- the run --------------------------------------------------------------------------------------------

let waiter: string;
let admin: string;
let station: string;
let menu: Menu;
let products: string[];
/** The deposit groups of the products with a deposit that glasses come back for. */
let deposited: string[];
/** Each product's deposit group. */
const groupOf = new Map<string, string>();

beforeAll(async () => {
  await useCounters();
  propertyEnv = { ...env, HTTP_RATE_LIMIT: "off" };
  [waiter, admin, station] = await Promise.all([login("waiter", "Prop"), login("admin", "PropAdmin"), login("station", "PropBar")]);
  const res = await call("GET", "/api/v1/menu", waiter);
  menu = res.body;
  const { withDeposit, withoutDeposit } = await depositProducts(waiter);
  // Two with a deposit where the config has them, two from other stations.
  const second = menu.products.find((p) => p.depositCents > 0 && p.id !== withDeposit && p.quota === null && !p.soldOut)?.id ?? "cola";
  products = [withDeposit, withoutDeposit, second, "bratwurst"];
  for (const p of menu.products) groupOf.set(p.id, p.depositGroup);
  deposited = [...new Set([withDeposit, second].filter((p) => menu.products.find((x) => x.id === p)!.depositCents > 0).map((p) => groupOf.get(p)!))];
});
afterAll(dropCounters);

async function readPool(): Promise<Map<string, DepositGroupBalance>> {
  const res = await call("GET", "/api/v1/deposits", waiter);
  expect(res.status, res.text).toBe(200);
  return new Map((res.body.groups as DepositGroupBalance[]).map((d) => [d.group, d]));
}

function valueCents(product: string): number {
  const p = menu.products.find((x) => x.id === product)!;
  return p.priceCents + p.depositCents;
}

async function run(commands: Command[]) {
  const m = new Model();
  const log: string[] = [];
  // Glasses earlier runs left out come back first, so this run's returns are bounded by its own payments.
  for (const [group, d] of await readPool()) {
    if (d.open > 0 && deposited.includes(group)) {
      const res = await call("POST", "/api/v1/payments", waiter, { id: crypto.randomUUID(), table: TABLES[0], method: "cash", items: [], depositReturns: [{ group, qty: d.open }] });
      expect(res.status, res.text).toBe(201);
    }
  }
  for (const [group, d] of await readPool()) {
    m.pool.set(group, { out: d.out, back: d.back });
    if (d.back > d.out) m.approvedOver.set(group, d.back - d.out);
  }
  for (const c of commands) {
    if (c.kind === "order" || c.kind === "counterOrder") {
      const id = crypto.randomUUID();
      const t = c.kind === "order" ? TABLES[c.table]! : counterBill(id);
      const where = c.kind === "order" ? { table: t } : { counter: COUNTERS[c.counter]!.id };
      const items = c.lines.map((l) => ({ product: products[l.product]!, qty: l.qty }));
      const res = await call("POST", "/api/v1/orders", waiter, { id, ...where, menuVersion: menu.version, items });
      expect(res.status, res.text).toBe(201);
      const order: Order = res.body.order;
      // A counter order's items lie on its own bill, named after it.
      expect(order.table, res.text).toBe(t);
      if (c.kind === "counterOrder") m.counterBills.push(t);
      const lines = order.tickets.flatMap((tk) => tk.items).map((i) => ({ order: order.id, line: i.line, product: i.product, depositCents: i.depositCents, qty: i.qty, valueCents: i.unitCents + i.depositCents }));
      // The server charges what the menu said.
      for (const i of order.tickets.flatMap((tk) => tk.items)) expect(i.unitCents + i.depositCents).toBe(valueCents(i.product));
      m.orders.push({ id: order.id, lines, tickets: order.tickets.map((tk) => ({ id: tk.id, lines: tk.items.map((i) => i.line) })) });
      for (const l of lines) {
        m.pos(order.id, l.line, t).qty += l.qty;
        m.addOrderedAt(t, l.qty * l.valueCents, l.qty);
      }
      log.push(`order ${order.id.slice(0, 8)} at ${t.slice(0, 9)}: ${JSON.stringify(items)}`);
    } else if (c.kind === "pay" || c.kind === "payTable" || c.kind === "payCounter") {
      const t = c.kind === "pay" ? ((c.counter !== null && m.counterBillOf(c.counter)) || m.tableFor(c.table, c.picks)) : c.kind === "payTable" ? TABLES[c.table]! : m.counterBillOf(c.order);
      if (!t) continue;
      const items =
        c.kind === "pay" ? m.resolve(c.picks, t) : m.orders.flatMap((o) => o.lines.map((l) => ({ order: o.id, line: l.line, qty: m.open(o.id, l.line, t) }))).filter((i) => i.qty > 0);
      if (items.length === 0) continue;
      const ret = c.kind === "pay" && c.returns && deposited.length ? { group: deposited[c.returns.product % deposited.length]!, qty: c.returns.qty } : null;
      const method = c.kind !== "pay" ? c.method : ret ? "cash" : c.method;
      // A counter bill is paid with (at least some of) its own order's lines, checked before what is open.
      const ownBill = !isCounterBill(t) || items.some((i) => counterBill(i.order) === t);
      const open = ownBill && items.every((i) => i.qty <= m.open(i.order, i.line, t));
      // What the model expects, checked in the server's order: open, glasses back, approval.
      const value = open ? items.reduce((s, i) => s + i.qty * m.line(i.order, i.line).valueCents, 0) : 0;
      const glasses = open ? m.glassesOf(items, method) : new Map<string, number>();
      const tipCents = c.kind === "pay" && method !== "free" ? { none: 0, small: 10, big: value + 1 }[c.tip] : 0;
      const pin = c.kind === "pay" && c.pin;
      const needsApproval = method === "free" || tipCents > value;
      const fitting = ret ? m.glassesLeft(ret.group, glasses.get(ret.group) ?? 0) : 0;
      const returnsFit = !ret || ret.qty <= fitting;
      // More glasses back than out is recorded only with the admin PIN (then approved, like a free payment).
      const [status, code] = !ownBill ? [400, "INVALID_INPUT"] : !open ? [409, "NOT_OPEN"] : !returnsFit && !pin ? [409, "DEPOSIT_LIMIT"] : needsApproval && !pin ? [403, "FORBIDDEN"] : [201, ""];
      const id = crypto.randomUUID();
      const body = {
        id,
        table: t,
        method,
        items,
        ...(tipCents ? { tipCents } : {}),
        ...(ret ? { depositReturns: [ret] } : {}),
        ...(method === "free" ? { reason: "Band" } : {}),
        ...(pin ? { adminPin: PINS.admin } : {}),
      };
      const res = await call("POST", "/api/v1/payments", waiter, body);
      log.push(`pay ${method} at ${t.slice(0, 9)} ${JSON.stringify(items.map((i) => [i.order.slice(0, 8), i.line, i.qty]))} tip ${tipCents}${pin ? " PIN" : ""}${ret ? ` back ${ret.qty} ${ret.group}` : ""} → ${res.status}`);
      expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(status);
      if (status === 201) {
        for (const i of items) m.pos(i.order, i.line, t).paid += i.qty;
        const returns = new Map(ret ? [[ret.group, ret.qty]] : []);
        if (ret && !returnsFit) m.approvedOver.set(ret.group, (m.approvedOver.get(ret.group) ?? 0) + ret.qty - fitting);
        for (const [group, n] of glasses) m.addToPool(group, n, 0);
        for (const [group, n] of returns) m.addToPool(group, 0, n);
        m.payments.push({ id, table: t, items, reversed: false, glasses, returns, approved: needsApproval || !returnsFit });
      } else {
        expect(res.body.error.code, res.text).toBe(code);
        if (!ownBill) expect(res.body.error.path, res.text).toBe("table");
        m.refusedPayments.push(id);
      }
    } else if (c.kind === "return") {
      if (!deposited.length) continue;
      const group = deposited[c.product % deposited.length]!;
      // Sent by product, as phones did before deposit groups: it counts for the product's group.
      const product = [...groupOf].find(([, g]) => g === group)![0];
      const qty = c.qty === "out" ? Math.max(1, m.glassesOpen(group)) : c.qty;
      const fits = qty <= m.glassesLeft(group);
      const id = crypto.randomUUID();
      const res = await call("POST", "/api/v1/payments", waiter, { id, table: TABLES[0], method: "cash", items: [], depositReturns: [{ product, qty }] });
      log.push(`back ${qty} ${product} of ${group} (${m.glassesOpen(group)} out) → ${res.status}`);
      expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(fits ? 201 : 409);
      if (fits) {
        m.addToPool(group, 0, qty);
        m.payments.push({ id, table: TABLES[0]!, items: [], reversed: false, glasses: new Map(), returns: new Map([[group, qty]]), approved: false });
      } else {
        expect(res.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "depositReturns[0].qty", groups: [{ group, left: m.glassesLeft(group) }] });
        m.refusedPayments.push(id);
      }
    } else if (c.kind === "void") {
      if (m.orders.length === 0) continue;
      const o = m.orders[c.order % m.orders.length]!;
      const l = o.lines[c.line % o.lines.length]!;
      const t = m.tablesOf(o.id, l.line)[0]!;
      const qty = c.qty === "all" ? Math.max(1, m.open(o.id, l.line, t)) : c.qty;
      const ok = qty <= m.open(o.id, l.line, t);
      // A counter order's line is on its own bill only (never moved): voided there, naming that bill,
      // at the cash desk, by the waiter with the admin PIN typed.
      const res = isCounterBill(t)
        ? await call("POST", "/api/v1/voids", waiter, { id: crypto.randomUUID(), order: o.id, line: l.line, qty, reason: "mistake", table: t, adminPin: PINS.admin })
        : await call("POST", "/api/v1/voids", admin, { id: crypto.randomUUID(), order: o.id, line: l.line, qty, reason: "mistake", table: t });
      log.push(`void ${o.id.slice(0, 8)}.${l.line} ×${qty} at ${t.slice(0, 9)} → ${res.status}`);
      expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(ok ? 201 : 409);
      if (ok) {
        m.pos(o.id, l.line, t).voided += qty;
        expect(res.body.void.valueCents).toBe(qty * l.valueCents);
      }
    } else if (c.kind === "move") {
      const from = m.tableFor(c.from, c.picks ?? [{ order: c.to, line: 0, qty: 1, here: false }]);
      if (!from) continue;
      const toCounter = c.toCounter === null ? undefined : m.counterBillOf(c.toCounter);
      const to = toCounter ?? (TABLES[c.to] === from ? TABLES[(c.to + 1) % TABLES.length]! : TABLES[c.to]!);
      const items = c.picks ? m.resolve(c.picks, from) : null;
      if (items && items.length === 0) continue;
      const id = crypto.randomUUID();
      const res = await call("POST", `/api/v1/tables/${encodeURIComponent(from)}/move`, waiter, { id, to, ...(items ? { items } : {}) });
      log.push(`move ${from.slice(0, 9)}→${to.slice(0, 9)} ${items ? JSON.stringify(items.map((i) => [i.order.slice(0, 8), i.line, i.qty])) : "all"} → ${res.status}`);
      let moved: { order: string; line: number; qty: number }[];
      if (isCounterBill(from) || isCounterBill(to)) {
        // A counter order's bill is its own: nothing moves to or from it, whatever was picked. That
        // nothing changed is checked at the end (every position against the model, no move row).
        expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(400);
        expect(res.body.error, res.text).toMatchObject({ code: "INVALID_INPUT", path: isCounterBill(from) ? "param.name" : "to" });
        m.refusedMoves.push(id);
        moved = [];
      } else if (items) {
        const ok = items.every((i) => i.qty <= m.open(i.order, i.line, from));
        expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(ok ? 201 : 409);
        moved = ok ? items : [];
      } else {
        // Everything open at `from` moves, including what earlier runs left there; ours must be exactly the model's.
        const mine = m.orders.flatMap((o) => o.lines.map((l) => ({ order: o.id, line: l.line, qty: m.open(o.id, l.line, from) }))).filter((i) => i.qty > 0);
        if (mine.length > 0) expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(201);
        else expect([201, 400, 409], res.text).toContain(res.status);
        moved = res.status === 201 ? res.body.move.items.filter((i: any) => m.orders.some((o) => o.id === i.order)) : [];
        const key = (i: { order: string; line: number }) => `${i.order}.${i.line}`;
        expect([...moved].sort((a, b) => key(a).localeCompare(key(b))), log.join("\n")).toEqual(mine.sort((a, b) => key(a).localeCompare(key(b))));
      }
      for (const i of moved) {
        m.pos(i.order, i.line, from).qty -= i.qty;
        m.pos(i.order, i.line, to).qty += i.qty;
        const cents = i.qty * m.line(i.order, i.line).valueCents;
        m.addOrderedAt(from, -cents, -i.qty);
        m.addOrderedAt(to, cents, i.qty);
      }
    } else if (c.kind === "bump") {
      if (m.orders.length === 0) continue;
      const o = m.orders[c.order % m.orders.length]!;
      for (const tk of o.tickets) {
        expect((await call("POST", `/api/v1/tickets/${tk.id}/bump`, station)).status).toBe(200);
        m.bumped.add(tk.id);
      }
      log.push(`bump ${o.id.slice(0, 8)}`);
    } else {
      if (m.payments.length === 0) continue;
      const withGlasses = m.payments.filter((x) => x.glasses.size > 0);
      const from = c.glasses && withGlasses.length ? withGlasses : m.payments;
      const p = from[c.payment % from.length]!;
      const res = await call("POST", `/api/v1/payments/${p.id}/reverse`, admin, { reason: "Test" });
      log.push(`reverse ${p.id.slice(0, 8)} → ${res.status}`);
      // Refused when its glasses came back already: returns would then exceed the glasses out (further,
      // where the admin approved more back than out).
      const fits =
        p.reversed ||
        [...p.glasses].every(([group, n]) => {
          const after = m.glassesOpen(group) - n + (p.returns.get(group) ?? 0);
          return after >= 0 || after >= m.glassesOpen(group);
        });
      expect(res.status, `${log.join("\n")}\n${res.text}`).toBe(fits ? 200 : 409);
      if (!fits) {
        expect(res.body.error).toMatchObject({ code: "DEPOSIT_LIMIT", path: "param.id" });
        continue;
      }
      expect(res.body.payment.reversal).not.toBeNull();
      if (!p.reversed) {
        for (const i of p.items) m.pos(i.order, i.line, p.table).paid -= i.qty;
        for (const [group, n] of p.glasses) m.addToPool(group, -n, 0);
        for (const [group, n] of p.returns) m.addToPool(group, 0, -n);
      }
      p.reversed = true;
    }
  }
  await check(m, log.join("\n"));
}

/** What the check needs of a bill's line. */
type OpenLine = { [K in "order" | "line" | "openQty" | "unitCents" | "depositCents"]: BillLine[K] };

/** What is open on a bill: a table's from its bill; a counter order's (no table, no GET /tables/…/bill) from the order's own positions. */
async function openLines(t: string, orders: Map<string, Order>): Promise<OpenLine[]> {
  if (!isCounterBill(t)) {
    const res = await call("GET", `/api/v1/tables/${t}/bill`, waiter);
    expect(res.status, res.text).toBe(200);
    return (res.body as Bill).lines;
  }
  const order = orders.get(t.slice(1))!;
  const items = order.tickets.flatMap((tk) => tk.items);
  return order.positions
    .filter((p) => p.table === t)
    .map((p) => ({ order: order.id, line: p.line, openQty: p.qty - p.paidQty - p.voidedQty, unitCents: items.find((i) => i.line === p.line)!.unitCents, depositCents: items.find((i) => i.line === p.line)!.depositCents }));
}

/** Compares the server with the model: per table and counter bill, in total, per line. */
async function check(m: Model, log: string) {
  const mine = new Set(m.orders.map((o) => o.id));
  const paymentIds = new Set(m.payments.map((p) => p.id));
  // Each order of the run as the server has it now, read once (nothing changes while checking).
  const orders = new Map<string, Order>();
  for (const o of m.orders) {
    const res = await call("GET", `/api/v1/orders/${o.id}`, waiter);
    expect(res.status, res.text).toBe(200);
    orders.set(o.id, res.body.order);
  }
  let allTables = 0;
  let allTablesQty = 0;
  // Paid quantity per line over every unreversed payment the server has for this run.
  const paidPerLine = new Map<string, number>();
  for (const t of m.bills()) {
    const lines = await openLines(t, orders);
    const listed = await call("GET", `/api/v1/payments?table=${encodeURIComponent(t)}`, admin);
    expect(listed.status, listed.text).toBe(200);
    const payments: Payment[] = listed.body.payments.filter((p: Payment) => paymentIds.has(p.id));
    // Every recorded payment of the run is listed under the bill it was made at.
    expect(payments.map((p) => p.id).sort(), `${log}
payments at ${t}`).toEqual(m.payments.filter((p) => p.table === t).map((p) => p.id).sort());
    let paid = 0;
    let paidQty = 0;
    for (const p of payments) {
      const modelled = m.payments.find((x) => x.id === p.id)!;
      expect(p.reversal === null, log).toBe(!modelled.reversed);
      expect(p.approvedBy === null, `${log}\napproved ${p.id}?`).toBe(!modelled.approved);
      if (p.reversal) continue;
      for (const i of p.items) {
        paid += i.qty * (i.unitCents + i.depositCents);
        paidQty += i.qty;
        paidPerLine.set(`${i.order}.${i.line}`, (paidPerLine.get(`${i.order}.${i.line}`) ?? 0) + i.qty);
      }
      expect(p.amountCents + p.depositCents, log).toBe(p.items.reduce((s, i) => s + i.qty * (i.unitCents + i.depositCents), 0));
    }
    const open = lines.filter((l) => mine.has(l.order)).reduce((s, l) => s + l.openQty * (l.unitCents + l.depositCents), 0);
    const openQty = lines.filter((l) => mine.has(l.order)).reduce((s, l) => s + l.openQty, 0);
    // Voided at this table, from the orders' positions (the server's), against the model's.
    let voided = 0;
    let voidedQty = 0;
    let modelVoided = 0;
    for (const o of m.orders) {
      const order = orders.get(o.id)!;
      for (const pos of order.positions.filter((p) => p.table === t)) {
        voided += pos.voidedQty * m.line(o.id, pos.line).valueCents;
        voidedQty += pos.voidedQty;
      }
      for (const l of o.lines) modelVoided += (m.positions.get(`${o.id}.${l.line}@${t}`)?.voided ?? 0) * l.valueCents;
      // Where each line lies and what became of it, as the model says.
      for (const l of o.lines) {
        const server = order.positions.find((p) => p.line === l.line && p.table === t);
        const model = m.positions.get(`${o.id}.${l.line}@${t}`);
        const norm = (p: { qty: number; paid: number; voided: number } | undefined) => (p && (p.qty || p.paid || p.voided) ? p : undefined);
        expect(norm(server && { qty: server.qty, paid: server.paidQty, voided: server.voidedQty }), `${log}\n${o.id}.${l.line}@${t}`).toEqual(norm(model));
        const billOpen = lines.filter((x) => x.order === o.id && x.line === l.line).reduce((s, x) => s + x.openQty, 0);
        expect(billOpen, `${log}\nbill ${t} ${o.id}.${l.line}`).toBe(m.open(o.id, l.line, t));
      }
    }
    expect(voided, log).toBe(modelVoided);
    const ordered = m.orderedAt.get(t) ?? 0;
    expect(paid + voided + open, `${log}\ntable ${t}: paid ${paid} + voided ${voided} + open ${open}`).toBe(ordered);
    const orderedQty = m.orderedQtyAt.get(t) ?? 0;
    expect(paidQty + voidedQty + openQty, `${log}\ntable ${t}: paid ${paidQty} + voided ${voidedQty} + open ${openQty} items`).toBe(orderedQty);
    allTables += paid + voided + open;
    allTablesQty += paidQty + voidedQty + openQty;
  }
  const orderedValue = m.orders.reduce((s, o) => s + o.lines.reduce((x, l) => x + l.qty * l.valueCents, 0), 0);
  expect(allTables, log).toBe(orderedValue);
  expect(allTablesQty, log).toBe(m.orders.reduce((s, o) => s + o.lines.reduce((x, l) => x + l.qty, 0), 0));
  for (const o of m.orders)
    for (const l of o.lines) {
      const paid = paidPerLine.get(`${o.id}.${l.line}`) ?? 0;
      expect(paid, `${log}\npaid twice? ${o.id}.${l.line}`).toBeLessThanOrEqual(l.qty);
      const modelPaid = m.bills().reduce((s, t) => s + (m.positions.get(`${o.id}.${l.line}@${t}`)?.paid ?? 0), 0);
      expect(paid, log).toBe(modelPaid);
    }
  for (const id of m.refusedPayments) expect(await paymentRows(id), `refused payment ${id} left a row`).toBe(0);
  for (const id of m.refusedMoves) expect(await moveRows(id), `refused move ${id} left a row`).toBe(0);
  // Glasses: the server's figures are the model's, and never more back than out.
  const pool = await readPool();
  for (const group of deposited) {
    const d = pool.get(group) ?? { out: 0, back: 0, open: 0 };
    expect({ out: d.out, back: d.back }, `${log}\nglasses of ${group}`).toEqual(m.pool.get(group) ?? { out: 0, back: 0 });
    expect(d.back, `${log}\nmore ${group} back than out, beyond what the admin approved`).toBeLessThanOrEqual(d.out + (m.approvedOver.get(group) ?? 0));
  }

  // Closing: nothing open and every ticket done, and then out of the live snapshot.
  const live = await snapshotOrderIds();
  for (const o of m.orders) {
    const sum = (line: number, f: keyof Position) => m.bills().reduce((s, t) => s + (m.positions.get(`${o.id}.${line}@${t}`)?.[f] ?? 0), 0);
    const nothingOpen = o.lines.every((l) => m.bills().every((t) => m.open(o.id, l.line, t) === 0));
    const ticketsDone = o.tickets.every((tk) => m.bumped.has(tk.id) || tk.lines.every((line) => sum(line, "voided") === m.line(o.id, line).qty));
    const closed = nothingOpen && ticketsDone;
    const order = orders.get(o.id)!;
    expect(order.closedAt !== null, `${log}
order ${o.id} closed? nothing open ${nothingOpen}, tickets done ${ticketsDone}`).toBe(closed);
    expect(live.has(o.id), `${log}
order ${o.id} in the snapshot?`).toBe(!closed);
  }
}

/** The number of rows in D1 for this move id. */
async function moveRows(id: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM moves WHERE id = ?").bind(id).first<{ n: number }>();
  return row!.n;
}

/** The ids of the orders in a fresh socket's snapshot. */
async function snapshotOrderIds(): Promise<Set<string>> {
  const res = await app.fetch(new Request(`${BASE}/api/v1/stream`, { headers: pageHeaders("GET", { upgrade: "websocket", cookie: waiter }) }), env, createExecutionContext());
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const first = new Promise<string>((resolve) => ws.addEventListener("message", (e) => resolve(typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data as ArrayBuffer)), { once: true }));
  ws.accept();
  const snapshot = JSON.parse(await first) as { type: string; orders: Order[] };
  ws.close(1000, "read");
  expect(snapshot.type).toBe("snapshot");
  return new Set(snapshot.orders.map((o) => o.id));
}

describe("money balances under random sequences", () => {
  it("paid + voided + open = ordered for every table and counter bill, to the cent and the item; nothing paid twice, nothing lost; never more glasses back than out; free and large tips only approved", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 6, maxLength: 18 }), async (commands) => {
        await run(commands);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
