// Orders that the server has not confirmed yet, kept in IndexedDB so that a reload, a closed tab or
// a locked phone never loses one. A tiny promise wrapper instead of the `idb` package.
import type { ApiErrorBody, OrderLine } from "../../../worker/protocol.ts";

export interface OutboxEntry {
  /** The order id (UUID) made when the order was composed; resent unchanged until confirmed. */
  id: string;
  table: string;
  menuVersion: number;
  items: OrderLine[];
  /** Names and prices as the waiter saw them, to show the order while it waits. */
  names: string[];
  unitCents: number[];
  waiter: string;
  createdAt: number;
  /** queued: waits or is being sent; rejected: the server said no (4xx), the waiter must act. */
  status: "queued" | "rejected";
  error?: ApiErrorBody["error"];
}

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
