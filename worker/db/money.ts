// The money records: payments (with their items), voids, moves and settlements. Writes return
// statements for the coordinator's atomic batch; reads turn rows back into the protocol's entities.
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import * as schema from "./schema.ts";
import { chunk, groupBy, type Db, type Statement } from "./client.ts";
import { parseDepositReturns } from "./deposits.ts";
import { withCounterPlaces } from "./counterPlaces.ts";
import { APPROVED_BY_ADMIN_PIN, type AuditEntry, type Payment, type PaymentMethod, type Settlement, type TableMove, type VoidReason, type VoidRecord, type WaiterShift } from "../protocol.ts";

// --- payments -----------------------------------------------------------------------------------

export function insertPayment(db: Db, eventId: string, p: Payment, bodyHash: string): Statement[] {
  const statements: Statement[] = [
    db.insert(schema.payments).values({
      id: p.id,
      eventId,
      seq: p.seq,
      tableName: p.table,
      waiter: p.waiter,
      method: p.method,
      amountCents: p.amountCents,
      depositCents: p.depositCents,
      depositReturnCents: p.depositReturnCents,
      tipCents: p.tipCents,
      tenderedCents: p.tenderedCents,
      reason: p.reason,
      depositReturns: JSON.stringify(p.depositReturns),
      approvedBy: p.approvedBy,
      bodyHash,
      createdAt: p.createdAt,
    }),
  ];
  const rows = p.items.map((i) => ({ paymentId: p.id, orderId: i.order, line: i.line, tableName: p.table, qty: i.qty, productId: i.product, name: i.name, unitCents: i.unitCents, depositCents: i.depositCents }));
  for (const part of chunk(rows, 9)) statements.push(db.insert(schema.paymentItems).values(part));
  return statements;
}

export function reversePaymentRow(db: Db, p: Payment): Statement {
  const r = p.reversal!;
  return db.update(schema.payments).set({ reversedSeq: r.seq, reversedAt: r.at, reversedBy: r.by, reverseReason: r.reason }).where(eq(schema.payments.id, p.id));
}

type PaymentRow = typeof schema.payments.$inferSelect;
type PaymentItemRow = typeof schema.paymentItems.$inferSelect;

function toPayment(r: PaymentRow, items: PaymentItemRow[]): Payment {
  const totalCents = r.amountCents + r.depositCents - r.depositReturnCents + r.tipCents;
  return {
    id: r.id,
    seq: r.seq,
    table: r.tableName,
    waiter: r.waiter,
    method: r.method as PaymentMethod,
    amountCents: r.amountCents,
    depositCents: r.depositCents,
    depositReturnCents: r.depositReturnCents,
    tipCents: r.tipCents,
    totalCents,
    tenderedCents: r.tenderedCents,
    changeCents: r.tenderedCents === null ? null : r.tenderedCents - totalCents,
    reason: r.reason,
    items: items
      .map((i) => ({ order: i.orderId, line: i.line, qty: i.qty, product: i.productId, name: i.name, unitCents: i.unitCents, depositCents: i.depositCents }))
      .sort((a, b) => a.order.localeCompare(b.order) || a.line - b.line),
    depositReturns: parseDepositReturns(r.depositReturns),
    createdAt: r.createdAt,
    reversal: r.reversedSeq === null ? null : { seq: r.reversedSeq, at: r.reversedAt!, by: r.reversedBy!, reason: r.reverseReason! },
    approvedBy: r.approvedBy,
  };
}

async function readPaymentsWhere(db: Db, where: ReturnType<typeof and>, limit = 1000): Promise<Payment[]> {
  const ids = db.select({ id: schema.payments.id }).from(schema.payments).where(where).orderBy(desc(schema.payments.seq)).limit(limit);
  const [rows, items] = await db.batch([
    db.select().from(schema.payments).where(inArray(schema.payments.id, ids)).orderBy(desc(schema.payments.seq)),
    db.select().from(schema.paymentItems).where(inArray(schema.paymentItems.paymentId, ids)),
  ]);
  const byPayment = groupBy(items, (i) => i.paymentId);
  return rows.map((r) => toPayment(r, byPayment.get(r.id) ?? []));
}

/** A payment and the hash of the request that made it (to tell a replay from a conflict). */
export async function readPayment(db: Db, eventId: string, id: string): Promise<{ payment: Payment; bodyHash: string } | undefined> {
  const hash = await db.select({ bodyHash: schema.payments.bodyHash }).from(schema.payments).where(and(eq(schema.payments.eventId, eventId), eq(schema.payments.id, id))).get();
  if (!hash) return undefined;
  const [payment] = await readPaymentsWhere(db, and(eq(schema.payments.eventId, eventId), eq(schema.payments.id, id)));
  return { payment: payment!, bodyHash: hash.bodyHash };
}

/** Newest first; at most 1000; a counter bill's with its `place`. */
export async function readPayments(db: Db, eventId: string, filter: { table?: string; waiter?: string }): Promise<Payment[]> {
  const conditions = [eq(schema.payments.eventId, eventId)];
  if (filter.table) conditions.push(eq(schema.payments.tableName, filter.table));
  if (filter.waiter) conditions.push(eq(schema.payments.waiter, filter.waiter));
  return withCounterPlaces(db, await readPaymentsWhere(db, and(...conditions)));
}

// --- voids --------------------------------------------------------------------------------------

type VoidRow = typeof schema.voids.$inferSelect;

function toVoid(r: VoidRow): VoidRecord {
  return {
    id: r.id,
    seq: r.seq,
    order: r.orderId,
    line: r.line,
    table: r.tableName,
    product: r.productId,
    name: r.name,
    qty: r.qty,
    unitCents: r.unitCents,
    depositCents: r.depositCents,
    valueCents: r.qty * (r.unitCents + r.depositCents),
    reason: r.reason as VoidReason,
    note: r.note,
    waiter: r.waiter,
    approvedBy: r.approvedBy,
    createdAt: r.createdAt,
  };
}

export function insertVoid(db: Db, eventId: string, v: VoidRecord, bodyHash: string): Statement {
  return db.insert(schema.voids).values({
    id: v.id,
    eventId,
    seq: v.seq,
    orderId: v.order,
    line: v.line,
    tableName: v.table,
    productId: v.product,
    name: v.name,
    qty: v.qty,
    unitCents: v.unitCents,
    depositCents: v.depositCents,
    reason: v.reason,
    note: v.note,
    waiter: v.waiter,
    approvedBy: v.approvedBy,
    bodyHash,
    createdAt: v.createdAt,
  });
}

export async function readVoid(db: Db, eventId: string, id: string): Promise<{ void: VoidRecord; bodyHash: string } | undefined> {
  const row = await db.select().from(schema.voids).where(and(eq(schema.voids.eventId, eventId), eq(schema.voids.id, id))).get();
  return row ? { void: toVoid(row), bodyHash: row.bodyHash } : undefined;
}

// --- moves --------------------------------------------------------------------------------------

export function insertMove(db: Db, eventId: string, m: TableMove, bodyHash: string): Statement {
  return db.insert(schema.moves).values({ id: m.id, eventId, seq: m.seq, fromTable: m.from, toTable: m.to, items: JSON.stringify(m.items), waiter: m.waiter, bodyHash, createdAt: m.createdAt });
}

export async function readMove(db: Db, eventId: string, id: string): Promise<{ move: TableMove; bodyHash: string } | undefined> {
  const r = await db.select().from(schema.moves).where(and(eq(schema.moves.eventId, eventId), eq(schema.moves.id, id))).get();
  if (!r) return undefined;
  return { move: { id: r.id, seq: r.seq, from: r.fromTable, to: r.toTable, items: JSON.parse(r.items) as TableMove["items"], waiter: r.waiter, createdAt: r.createdAt }, bodyHash: r.bodyHash };
}

// --- settlements --------------------------------------------------------------------------------

type SettlementRow = typeof schema.settlements.$inferSelect;

/** Settlements stored before counter service (issue 22) have no voucher sale figures: none were sold. */
const NO_VOUCHER_SALES = { voucherSales: 0, voucherSoldCashCents: 0, voucherSoldCardCents: 0 };

function withVoucherSales(shift: Partial<WaiterShift>): WaiterShift {
  const missing = Object.entries(NO_VOUCHER_SALES).filter(([key]) => !(key in shift));
  return { ...shift, ...Object.fromEntries(missing) } as WaiterShift;
}

function toSettlement(r: SettlementRow): Settlement {
  return {
    id: r.id,
    seq: r.seq,
    waiter: r.waiter,
    floatCents: r.floatCents,
    countedCents: r.countedCents,
    expectedCashCents: r.expectedCashCents,
    differenceCents: r.countedCents - r.expectedCashCents,
    // The stored keys first, in their order: a replay answers with the same JSON as the first answer.
    shift: withVoucherSales(JSON.parse(r.shift) as Partial<WaiterShift>),
    by: r.by,
    createdAt: r.createdAt,
  };
}

export function insertSettlement(db: Db, eventId: string, s: Settlement, bodyHash: string): Statement {
  return db.insert(schema.settlements).values({
    id: s.id,
    eventId,
    seq: s.seq,
    waiter: s.waiter,
    floatCents: s.floatCents,
    countedCents: s.countedCents,
    expectedCashCents: s.expectedCashCents,
    shift: JSON.stringify(s.shift),
    by: s.by,
    bodyHash,
    createdAt: s.createdAt,
  });
}

export async function readSettlement(db: Db, eventId: string, id: string): Promise<{ settlement: Settlement; bodyHash: string } | undefined> {
  const r = await db.select().from(schema.settlements).where(and(eq(schema.settlements.eventId, eventId), eq(schema.settlements.id, id))).get();
  return r ? { settlement: toSettlement(r), bodyHash: r.bodyHash } : undefined;
}

/** Oldest first. */
export async function readSettlements(db: Db, eventId: string): Promise<Settlement[]> {
  const rows = await db.select().from(schema.settlements).where(eq(schema.settlements.eventId, eventId)).orderBy(asc(schema.settlements.seq)).all();
  return rows.map(toSettlement);
}

// --- audit --------------------------------------------------------------------------------------

/** What an approved payment was: given away (method free), or a tip above the limit. */
function approvalEntry(p: Payment): AuditEntry {
  const who = { id: p.id, seq: p.seq, at: p.createdAt, table: p.table, by: p.waiter, approvedBy: p.approvedBy! };
  const pin = p.approvedBy === APPROVED_BY_ADMIN_PIN;
  const value = p.amountCents + p.depositCents;
  if (p.method === "free") {
    const items = p.items.map((i) => ({ qty: i.qty, name: i.name }));
    return { kind: "free", ...who, what: `free: ${items.map((i) => `${i.qty}× ${i.name}`).join(", ")}`, approvedWithAdminPin: pin, subject: { kind: "free", items }, valueCents: value, reason: p.reason };
  }
  return { kind: "tip", ...who, what: `tip of ${p.tipCents} cents on ${value} (${p.method})`, approvedWithAdminPin: pin, subject: { kind: "tip", method: p.method, tipCents: p.tipCents, amountCents: value }, valueCents: p.tipCents, reason: p.reason };
}

/** Every void, reversal and approved payment (free, or a tip above the limit), newest first; a counter bill's with its `place`. */
export async function readAudit(db: Db, eventId: string): Promise<AuditEntry[]> {
  const [[voidRows, reversed], approved] = await Promise.all([
    db.batch([
      db.select().from(schema.voids).where(eq(schema.voids.eventId, eventId)),
      db.select().from(schema.payments).where(and(eq(schema.payments.eventId, eventId), isNotNull(schema.payments.reversedSeq))),
    ]),
    readPaymentsWhere(db, and(eq(schema.payments.eventId, eventId), isNotNull(schema.payments.approvedBy))),
  ]);
  const entries: AuditEntry[] = [
    ...voidRows.map((r): AuditEntry => {
      const v = toVoid(r);
      const reason = v.note ? `${v.reason}: ${v.note}` : v.reason;
      return { kind: "void", id: v.id, seq: v.seq, at: v.createdAt, table: v.table, by: v.waiter, approvedBy: v.approvedBy, what: `${v.qty}× ${v.name}`, approvedWithAdminPin: v.approvedBy === APPROVED_BY_ADMIN_PIN, subject: { kind: "void", qty: v.qty, name: v.name }, valueCents: v.valueCents, reason };
    }),
    ...reversed.map((r): AuditEntry => {
      const total = r.amountCents + r.depositCents - r.depositReturnCents + r.tipCents;
      return { kind: "reversal", id: r.id, seq: r.reversedSeq!, at: r.reversedAt!, table: r.tableName, by: r.reversedBy!, approvedBy: r.reversedBy!, what: `payment by ${r.waiter} (${r.method})`, approvedWithAdminPin: false, subject: { kind: "reversal", waiter: r.waiter, method: r.method as PaymentMethod }, valueCents: total, reason: r.reverseReason! };
    }),
    ...approved.map(approvalEntry),
  ];
  return withCounterPlaces(db, entries.sort((a, b) => b.seq - a.seq));
}
