// Sends queued orders and payments exactly once, oldest first: the id is fixed when the order is
// composed (or the payment tapped), the entry stays in IndexedDB until the server confirms it (201,
// or 200 for a replay), and every retry resends the same id, so the server's dedupe turns a lost
// answer into a harmless replay. A payment after an order of the same table goes out after it.
// Entries belong to the waiter who made them: only the logged-in waiter's are shown and sent, so
// an order Anna queued is never recorded under Ben's name (it waits until Anna logs in again).
// A cash desk's order goes with its counter instead of a table; vouchers sold go the same way.
import type { Order, Payment } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import { deleteEntry, isPayment, readOutbox, saveEntry, type OutboxEntry } from "./outbox.ts";

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

type SendResult = "done" | "rejected" | "retry";

export class OrderOutbox {
  #all = $state.raw<OutboxEntry[]>([]);
  #confirmed = $state.raw(new Map<string, Order>());
  #confirmedPayments = $state.raw(new Map<string, Payment>());
  #sending = $state<string | undefined>(undefined);
  #unreachable = $state(false);
  #storageError = $state("");

  #onUnauthorized: () => void;
  /** The logged-in waiter's name ("" when nobody is logged in). */
  #owner: () => string;
  #loaded: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay = FIRST_RETRY_MS;
  #running = false;
  #again = false;
  #started = false;

  constructor(onUnauthorized: () => void, owner: () => string) {
    this.#onUnauthorized = onUnauthorized;
    this.#owner = owner;
  }

  /** Every waiter's entries on this phone; most code wants `entries` (the logged-in waiter's). */
  get all(): OutboxEntry[] {
    return this.#all;
  }
  /** Orders confirmed by the server since the page loaded (shown as "sent" until the stream has them). */
  get confirmed(): ReadonlyMap<string, Order> {
    return this.#confirmed;
  }
  /** Payments confirmed since the page loaded: their items stay hidden until the stream has them. */
  get confirmedPayments(): ReadonlyMap<string, Payment> {
    return this.#confirmedPayments;
  }

  /** A payment the server confirmed that was sent past the outbox (one approved with the admin PIN): its items stay hidden until the stream has it. */
  confirmPayment(payment: Payment): void {
    this.#confirmedPayments = new Map(this.#confirmedPayments).set(payment.id, payment);
  }
  /** The id being sent right now. */
  get sending(): string | undefined {
    return this.#sending;
  }
  /** The last attempt could not reach the server. */
  get unreachable(): boolean {
    return this.#unreachable;
  }
  /** IndexedDB failed: orders are kept in memory only. */
  get storageError(): string {
    return this.#storageError;
  }

  /** The logged-in waiter's entries: only these are shown, counted and sent. */
  get entries(): OutboxEntry[] {
    const me = this.#owner();
    return me ? this.#all.filter((e) => e.waiter === me) : [];
  }

  /** Waiting for the network (or being sent). */
  get unsent(): number {
    return this.entries.filter((e) => e.status === "queued").length;
  }
  /** Refused by the server: the waiter has to look at them ("needs attention"). */
  get attention(): number {
    return this.entries.filter((e) => e.status === "rejected").length;
  }

  /** Reads what is stored (also before login, to say on the login screen what waits for whom). */
  load(): Promise<void> {
    this.#loaded ??= readOutbox().then(
      (stored) => {
        const known = new Set(this.#all.map((e) => e.id));
        this.#all = [...this.#all, ...stored.filter((e) => !known.has(e.id))].sort((a, b) => a.createdAt - b.createdAt);
      },
      (error) => void (this.#storageError = String(error)),
    );
    return this.#loaded;
  }

  async start(): Promise<void> {
    await this.load();
    if (!this.#started) {
      this.#started = true;
      window.addEventListener("online", () => this.retryNow());
      document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && this.retryNow());
    }
    void this.flush();
  }

  /** Stores the order durably first, then tries to send it. */
  async add(entry: OutboxEntry): Promise<void> {
    if (this.#all.some((e) => e.id === entry.id)) return;
    try {
      await saveEntry(entry);
    } catch (error) {
      this.#storageError = String(error);
    }
    this.#all = [...this.#all, entry];
    this.retryNow();
  }

  /** The network seems back (online event, stream reconnected): try at once with a fresh backoff. */
  retryNow(): void {
    this.#delay = FIRST_RETRY_MS;
    void this.flush();
  }

  /** Takes a rejected entry out (to edit it again or to drop it). */
  async remove(id: string): Promise<OutboxEntry | undefined> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry || entry.status !== "rejected") return undefined;
    this.#all = this.#all.filter((e) => e.id !== id);
    await deleteEntry(id).catch((error) => (this.#storageError = String(error)));
    return entry;
  }

  /** Stores a changed copy of a refused entry (a refused payment whose rest was recorded). */
  async update(entry: OutboxEntry): Promise<void> {
    if (!this.entries.some((e) => e.id === entry.id && e.status === "rejected")) return;
    this.#all = this.#all.map((e) => (e.id === entry.id ? entry : e));
    await saveEntry(entry).catch((error) => (this.#storageError = String(error)));
  }

  async flush(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    clearTimeout(this.#timer);
    try {
      do {
        this.#again = false;
        for (const entry of this.entries.filter((e) => e.status === "queued")) {
          // Someone else logged in meanwhile: the rest waits for its own waiter.
          if (entry.waiter !== this.#owner()) continue;
          if ((await this.#send(entry)) === "retry") {
            // A "network is back" signal came in while this attempt failed: try again soon.
            if (this.#again) this.#timer = setTimeout(() => void this.flush(), 500);
            else this.#scheduleRetry();
            return;
          }
        }
      } while (this.#again);
      this.#delay = FIRST_RETRY_MS;
    } finally {
      this.#running = false;
    }
  }

  #scheduleRetry() {
    clearTimeout(this.#timer);
    const delay = this.#delay * (0.75 + Math.random() * 0.5);
    this.#delay = Math.min(MAX_RETRY_MS, this.#delay * 2);
    this.#timer = setTimeout(() => void this.flush(), delay);
  }

  async #send(entry: OutboxEntry): Promise<SendResult> {
    this.#sending = entry.id;
    try {
      if (isPayment(entry)) {
        const path = entry.event ? `/payments?event=${encodeURIComponent(entry.event)}` : "/payments";
        const { payment } = await api<{ payment: Payment; replay: boolean }>("POST", path, entry.body, 15_000);
        this.confirmPayment(payment);
      } else if (entry.kind === "voucherSale") {
        await api("POST", "/voucher-sales", entry.body, 15_000);
      } else {
        const { order } = await api<{ order: Order; replay: boolean }>(
          "POST",
          "/orders",
          { id: entry.id, ...(entry.counter ? { counter: entry.counter } : { table: entry.table }), menuVersion: entry.menuVersion, items: entry.items },
          15_000,
        );
        this.#confirmed = new Map(this.#confirmed).set(order.id, order);
      }
      this.#unreachable = false;
      this.#all = this.#all.filter((e) => e.id !== entry.id);
      await deleteEntry(entry.id).catch((error) => (this.#storageError = String(error)));
      return "done";
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiRequestError && (error.status === 429 || error.status >= 500))) {
        this.#unreachable = error instanceof NetworkError;
        return "retry";
      }
      if (error instanceof ApiRequestError && error.status === 401) {
        // Logged out meanwhile: keep the order; it is sent after the next login.
        this.#onUnauthorized();
        return "retry";
      }
      this.#unreachable = false;
      const body = error instanceof ApiRequestError ? error.body : { code: "INTERNAL" as const, message: String(error), path: "" };
      const rejected: OutboxEntry = { ...entry, status: "rejected", error: body };
      this.#all = this.#all.map((e) => (e.id === entry.id ? rejected : e));
      // Needs attention: buzz the phone (where the browser allows it), the badge says the rest.
      navigator.vibrate?.([300, 100, 300]);
      await saveEntry(rejected).catch((e) => (this.#storageError = String(e)));
      return "rejected";
    } finally {
      this.#sending = undefined;
    }
  }
}
