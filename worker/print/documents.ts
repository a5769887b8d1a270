// What gets printed, as pure rules (issue 21): from an order to its tickets or Bons, from a void to
// its Storno slip, from a move to the reprints naming the new table, from a payment to its guest
// receipt. Each becomes a NewJob that the command writes in its own D1 batch (durable before
// visible); the layout (worker/print/layout/) turns the document into bytes when it is sent.
import type { EventConfig } from "../config/schema.ts";
import type { BonDocument, Order, OrderItem, Payment, PrintDocument, PrintKind, PrintLine, ReceiptDocument, Ticket, TicketDocument, VoidDocument, VoidRecord } from "../protocol.ts";
import { receiptPrinter, stationPrinting } from "./printers.ts";

/** A job as a command writes it. */
export interface NewJob {
  id: string;
  printer: string;
  kind: PrintKind;
  document: PrintDocument;
  title: string;
  orderId: string | null;
  ticketId: string | null;
  paymentId: string | null;
  /** The command's seq and the job's place among its jobs: the order in which a printer gets them. */
  seq: number;
  part: number;
  createdAt: number;
  bodyHash: string;
}

/** The last characters of an order id: enough to match a slip with the screen. */
export const orderRef = (orderId: string) => orderId.replace(/-/g, "").slice(-4).toUpperCase();

const lineOf = (item: OrderItem, qty: number): PrintLine => ({ qty, name: item.name, options: item.options, note: item.note });

/** A short title for job lists: "Küche · Tisch A3 · 3 Positionen". */
export function titleOf(doc: PrintDocument, language: "de" | "en"): string {
  const de = language === "de";
  const number = "number" in doc && doc.number !== undefined ? doc.number : undefined;
  const table = number !== undefined ? `${de ? "Nr." : "No."} ${number} · ${doc.table}` : `${de ? "Tisch" : "Table"} ${doc.table}`;
  switch (doc.kind) {
    case "ticket": {
      const n = doc.lines.length;
      return [doc.station, table, de ? `${n} Position${n === 1 ? "" : "en"}` : `${n} line${n === 1 ? "" : "s"}`, ...(doc.reprint ? [de ? "Nachdruck" : "reprint"] : [])].join(" · ");
    }
    case "bon":
      return [doc.station, table, `Bon ${doc.index}/${doc.of}`, `${doc.line.qty} × ${doc.line.name}`].join(" · ");
    case "void":
      return [doc.station, table, "STORNO", doc.lines.map((l) => `${l.qty} × ${l.name}`).join(", ")].join(" · ");
    case "receipt":
      return [de ? (doc.business ? "Bewirtungsbeleg" : "Beleg") : doc.business ? "Business receipt" : "Receipt", doc.receiptNo, table].join(" · ");
  }
}

function job(config: EventConfig, base: Omit<NewJob, "title" | "kind" | "bodyHash"> & { bodyHash?: string }): NewJob {
  return { ...base, kind: base.document.kind, title: titleOf(base.document, config.language), bodyHash: base.bodyHash ?? "" };
}

/**
 * Where a slip goes: the table; for a counter order (issue 22) the counter's name, with the order's
 * number printed large ("Nr. 42") — its bill's key (#id) means nothing to a cook or a guest.
 */
export function placeOf(config: EventConfig, ticket: Pick<Ticket, "table" | "number" | "counter">): { table: string; number?: number; tableNumber?: number } {
  // A table order's number is printed too, under the table, so the slip matches the screens ("A3 · Nr. 42").
  if (ticket.counter === null) return { table: ticket.table, ...(ticket.number ? { tableNumber: ticket.number } : {}) };
  return { table: config.counters.find((c) => c.id === ticket.counter)?.name ?? ticket.counter, number: ticket.number };
}

/** A ticket as printed: its open lines (what is voided is not made). */
export function ticketDocument(config: EventConfig, order: Pick<Order, "id" | "waiter" | "createdAt">, ticket: Ticket, reprint?: TicketDocument["reprint"]): TicketDocument {
  const name = config.stations.find((s) => s.id === ticket.station)?.name ?? ticket.station;
  const lines = ticket.items.filter((i) => i.qty > i.voidedQty).map((i) => lineOf(i, i.qty - i.voidedQty));
  return { kind: "ticket", station: name, ...placeOf(config, ticket), orderRef: orderRef(order.id), waiter: order.waiter, at: order.createdAt, lines, ...(reprint ? { reprint } : {}) };
}

/** The jobs a new order causes: per station with a printer one ticket, or one Bon per unit (`print: "items"`). */
export function orderJobs(config: EventConfig, order: Order): NewJob[] {
  const out: NewJob[] = [];
  for (const ticket of order.tickets) {
    const printing = stationPrinting(config, ticket.station);
    if (!printing) continue;
    const common = { printer: printing.printer.id, orderId: order.id, ticketId: ticket.id, paymentId: null, seq: order.seq, createdAt: order.createdAt };
    if (printing.print === "ticket") {
      out.push(job(config, { ...common, id: `${ticket.id}.ticket`, part: out.length, document: ticketDocument(config, order, ticket) }));
      continue;
    }
    const units = ticket.items.flatMap((item) => Array.from({ length: item.qty }, () => item));
    units.forEach((item, i) => {
      const document: BonDocument = {
        kind: "bon",
        station: printing.name,
        ...placeOf(config, ticket),
        orderRef: orderRef(order.id),
        waiter: order.waiter,
        at: order.createdAt,
        line: lineOf(item, 1),
        index: i + 1,
        of: units.length,
      };
      out.push(job(config, { ...common, id: `${ticket.id}.bon${i + 1}`, part: out.length, document }));
    });
  }
  return out;
}

/** A Storno slip at the printer of the station that makes the item, if it has one. */
export function voidJob(config: EventConfig, order: Order, ticket: Ticket, record: VoidRecord): NewJob | undefined {
  const printing = stationPrinting(config, ticket.station);
  const item = ticket.items.find((i) => i.line === record.line);
  if (!printing || !item) return undefined;
  const document: VoidDocument = {
    kind: "void",
    station: printing.name,
    ...(order.counter === null ? { ...placeOf(config, order), table: record.table } : placeOf(config, order)),
    orderRef: orderRef(order.id),
    waiter: record.waiter,
    at: record.createdAt,
    lines: [{ qty: record.qty, name: item.name, options: item.options, note: record.note || item.note }],
  };
  return job(config, { id: `${record.id}.void`, printer: printing.printer.id, orderId: order.id, ticketId: ticket.id, paymentId: null, seq: record.seq, part: 0, createdAt: record.createdAt, document });
}

/** After a move: each ticket that now goes to another table prints again naming it ("von Tisch A3"), at ticket stations. */
export function movedJobs(config: EventConfig, moveId: string, seq: number, now: number, moved: { order: Order; before: Ticket; after: Ticket }[]): NewJob[] {
  const out: NewJob[] = [];
  for (const { order, before, after } of moved) {
    const printing = stationPrinting(config, after.station);
    if (!printing || printing.print !== "ticket" || after.doneAt !== null) continue;
    const document = ticketDocument(config, order, after, { reason: "moved", from: before.table });
    if (!document.lines.length) continue;
    out.push(job(config, { id: `${moveId}.${after.id}`, printer: printing.printer.id, orderId: order.id, ticketId: after.id, paymentId: null, seq, part: out.length, createdAt: now, document }));
  }
  return out;
}

/** A copy of a stored job's document for a reprint: a ticket says "Nachdruck"; the rest print as they were. */
export function reprintDocument(doc: PrintDocument): PrintDocument {
  return doc.kind === "ticket" ? { ...doc, reprint: doc.reprint ?? { reason: "request" } } : doc;
}

/** A job of its own (a reprint, a ticket printed on request, a receipt), with the request's hash. */
export function requestedJob(config: EventConfig, fields: Omit<NewJob, "title" | "kind" | "part">): NewJob {
  return job(config, { ...fields, part: 0 });
}

/** The payment's receipt number: its year and its place in the event's stream, stable for every copy. */
export const receiptNo = (p: Pick<Payment, "seq" | "createdAt">) => `${new Date(p.createdAt).getUTCFullYear()}-${String(p.seq).padStart(4, "0")}`;

/** A guest receipt of one payment: its items summed by product and price, deposits, tip, method, total. */
export function receiptDocument(config: EventConfig, payment: Payment, business: boolean): ReceiptDocument {
  const lines = new Map<string, ReceiptDocument["lines"][number]>();
  for (const item of payment.items) {
    const key = `${item.product}\u0000${item.name}\u0000${item.unitCents}`;
    const line = lines.get(key) ?? { qty: 0, name: item.name, unitCents: item.unitCents, totalCents: 0 };
    line.qty += item.qty;
    line.totalCents += item.qty * item.unitCents;
    lines.set(key, line);
  }
  return {
    kind: "receipt",
    venue: config.venue ?? { name: config.name, lines: [] },
    receiptNo: receiptNo(payment),
    paymentId: payment.id,
    at: payment.createdAt,
    table: payment.table,
    waiter: payment.waiter,
    currency: config.currency,
    lines: [...lines.values()],
    depositCents: payment.depositCents,
    depositReturnCents: payment.depositReturnCents,
    tipCents: payment.tipCents,
    totalCents: payment.totalCents,
    method: payment.method,
    business,
  };
}

export { receiptPrinter };
