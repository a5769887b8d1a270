// Orders and payments that the server has not confirmed yet, kept in IndexedDB so that a reload, a
// closed tab or a locked phone never loses one. A tiny promise wrapper instead of the `idb` package.
// A cash desk's orders and vouchers sold (issue 22) go the same way.
import type { ApiErrorBody, OrderLine, PayBody, PaymentMethod } from "../../../worker/protocol.ts";
import type { VoucherSaleBody } from "../../../worker/protocol/counter.ts";

interface EntryBase {
  /** The order or payment id (UUID) made on the phone; resent unchanged until confirmed. */
  id: string;
  table: string;
  waiter: string;
  createdAt: number;
  /** queued: waits or is being sent; rejected: the server said no (4xx), the waiter must act ("needs attention"). */
  status: "queued" | "rejected";
  error?: ApiErrorBody["error"];
}

/** An order; entries stored before payments existed have no `kind` and are orders. */
export interface OrderEntry extends EntryBase {
  kind?: "order";
  /** A cash desk's order (sent with `counter`, no table); `table` is then its own bill, counterBill(id). */
  counter?: string;
  menuVersion: number;
  items: OrderLine[];
  /** Names and prices as the waiter saw them, to show the order while it waits. */
  names: string[];
  unitCents: number[];
}

/** A payment, recorded at the tap: its body is sent unchanged until the server confirms it. */
export interface PaymentEntry extends EntryBase {
  kind: "payment";
  body: PayBody;
  /** What the waiter saw: a name per item of `body.items`, and the total the guest paid. */
  names: string[];
  totalCents: number;
  /**
   * Refused, with the guest's money in hand: the part still open was recorded at once as a new
   * payment (its id, method and total), and what the guest gets back (see paymentRest.ts).
   */
  rest?: { id: string; method: PaymentMethod; totalCents: number; giveBackCents: number };
  /** An earlier event's id: a bill it left open, paid there (POST /payments?event=); none for the current event. */
  event?: string;
}

/** Vouchers sold at a cash desk (POST /voucher-sales); `table` is "". */
export interface VoucherSaleEntry extends EntryBase {
  kind: "voucherSale";
  body: VoucherSaleBody;
}

export type OutboxEntry = OrderEntry | PaymentEntry | VoucherSaleEntry;

export const isPayment = (entry: OutboxEntry): entry is PaymentEntry => entry.kind === "payment";
export const isOrder = (entry: OutboxEntry): entry is OrderEntry => !entry.kind || entry.kind === "order";

const DB_NAME = "mini-pos-service";
const STORE = "outbox";
let opened: Promise<IDBDatabase> | undefined;

function openDb(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opened = undefined;
      reject(req.error ?? new Error("IndexedDB is not available"));
    };
  });
  return opened;
}

/** Runs one request in its own transaction and resolves when the transaction has committed. */
async function run<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = use(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
  });
}

export function readOutbox(): Promise<OutboxEntry[]> {
  return run("readonly", (s) => s.getAll() as IDBRequest<OutboxEntry[]>);
}

export async function saveEntry(entry: OutboxEntry): Promise<void> {
  // $state proxies cannot be cloned into IndexedDB: store a plain copy.
  await run("readwrite", (s) => s.put(JSON.parse(JSON.stringify(entry))));
}

export async function deleteEntry(id: string): Promise<void> {
  await run("readwrite", (s) => s.delete(id));
}
