// The waiter app's state in one place: who is logged in, the live event (stream), the outbox, the
// drafts and the current screen, with its parts: the menu (MenuNow.svelte.ts), the map
// (TableFigures.svelte.ts), the open table (OpenTable.svelte.ts), the tables' orders
// (TableOrders.svelte.ts) and the ready notices (ReadyNotices.svelte.ts). The money part, a table's
// bill and recording a payment, is here. Components read it as `app`.
import { counterBillOrder, isCounterBill, placeName, type DeltaFrame, type PayBody, type PhoneSnapshotFrame, type TableSummary } from "../../../worker/protocol.ts";
import { NetworkError } from "../lib/api.ts";
import { EventState, savedStateKey } from "../lib/eventState.svelte.ts";
import { translator, type Language } from "../lib/i18n.ts";
import { formatCents } from "../lib/money.ts";
import { SessionState } from "../lib/session.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";
import { tableBill, type TableBill } from "./bill.ts";
import { Drafts } from "./Drafts.svelte.ts";
import { MenuNow } from "./MenuNow.svelte.ts";
import { readOffline, storeOffline } from "./offlineStart.ts";
import { OrderOutbox } from "./OrderOutbox.svelte.ts";
import type { PaymentEntry } from "./outbox.ts";
import { ReadyNotices } from "./ReadyNotices.svelte.ts";
import { hashOf, parseRoute, type Route } from "./route.ts";
import { strings } from "./strings.ts";
import { TableOrders } from "./TableOrders.svelte.ts";
import { TableFigures } from "./TableFigures.svelte.ts";
import { OpenTable } from "./OpenTable.svelte.ts";
import { newOrderId } from "./util.ts";

export type { TableBill };
export { stageOf, viewOfOrder, type OrderView, type Stage } from "./orderViews.ts";
export type { Route } from "./route.ts";

export class ServiceState {
  readonly session = new SessionState();
  readonly live = new EventState();
  /** The map: every table's open orders, total and ready tickets, as the server tells it. */
  readonly figures = new TableFigures();
  readonly stream: EventStream<PhoneSnapshotFrame, DeltaFrame> = new EventStream<PhoneSnapshotFrame, DeltaFrame>(
    {
      onSnapshot: (f) => {
        this.figures.replace(f.tables ?? []);
        this.live.applySnapshot(f);
        this.openTable.reload();
        this.#saver?.schedule();
      },
      onDelta: (f) => {
        this.live.applyDelta(f);
        this.figures.apply(f);
        this.openTable.afterDelta(f);
        this.#saver?.schedule();
      },
      onUnauthorized: (reason) => this.#sessionEnded(reason),
    },
    undefined,
    "phone",
  );
  /** The table the phone has open: its orders of every waiter are read when it opens. */
  readonly openTable = new OpenTable(this.live, () => this.stream.lastSeq, () => this.me);
  /** Keeps the live state across a reload, so the phone resumes with `since` instead of a snapshot. */
  #saver: ReturnType<EventState["keepSaved"]> | undefined;
  readonly outbox = new OrderOutbox(
    () => this.#sessionEnded(),
    () => this.me,
  );
  readonly drafts = new Drafts(() => this.me);
  readonly menuNow = new MenuNow({ live: this.live, drafts: this.drafts, onSessionEnded: (reason) => this.#sessionEnded(reason), onTaken: () => this.#storeOffline() });
  readonly orders = new TableOrders(this.live, this.figures, this.outbox, this.drafts, this.menuNow, () => this.me);
  readonly notices = new ReadyNotices(this.live, () => this.me);

  #route = $state<Route>(parseRoute(location.hash));
  #startError = $state("");
  readonly language: Language = $derived(this.session.language);
  readonly t = $derived(translator(strings, this.language));
  /** The logged-in waiter's name ("" when nobody is logged in). */
  readonly me: string = $derived(this.session.session?.name ?? "");
  readonly canOrder: boolean = $derived(this.session.hasRole("waiter", "admin"));
  /** The menu as last read (see MenuNow). */
  readonly menu = $derived(this.menuNow.menu);

  constructor() {
    window.addEventListener("hashchange", () => (this.#route = parseRoute(location.hash)));
  }

  get route(): Route {
    return this.#route;
  }
  /** Why the app could not start ("offline": no server and nothing stored). */
  get startError(): string {
    return this.#startError;
  }

  money = (cents: number) => formatCents(cents, this.session.event?.currency ?? "EUR", this.language);
  stationName = (id: string) => this.session.event?.stations.find((s) => s.id === id)?.name ?? id;
  /** "Kasse Grill" for a cash desk's id; a name that says so already ("Kasse 2", "Grill till") stays as it is. */
  deskTitle = (id: string | null | undefined) => {
    const name = this.session.event?.counters?.find((c) => c.id === id)?.name ?? id ?? "";
    return /kasse|till|desk|counter/i.test(name) ? name : this.t("counter", { name });
  };
  /** A bill's heading: "Tisch A3", or for a counter order's own bill its desk and number ("Kasse Süd · Nr. 7"). */
  billTitle = (table: string) => {
    const orderId = counterBillOrder(table);
    if (orderId === undefined) return this.t("table", { table });
    const order = this.orders.of(table).find((o) => o.id === orderId);
    return placeName(table, order?.place ?? undefined, this.session.event?.counters ?? [], this.language);
  };
  /** A pay or void sheet's title: "Kassieren Tisch A3", or "Kassieren Grill · Nr. 7" for a counter bill. */
  sheetTitle = (sheet: "payTitle" | "voidTitle", table: string) =>
    isCounterBill(table) ? `${this.t(sheet === "payTitle" ? "takePayment" : "voidItems")} ${this.billTitle(table)}` : this.t(sheet, { table });
  go = (route: Route) => {
    const hash = hashOf(route);
    if (location.hash !== hash) location.hash = hash;
    this.#route = route;
    window.scrollTo(0, 0);
  };

  async start(): Promise<void> {
    // Read the outbox before anyone logs in: the login screen says what waits for whom.
    void this.outbox.load();
    try {
      await this.session.check();
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        this.#startError = String(error);
        return;
      }
      const stored = readOffline();
      if (!stored) {
        this.#startError = "offline";
        return;
      }
      this.session.resumeStored(stored.session, stored.event);
    }
    if (this.session.session) await this.enter();
  }

  /** After login (or a stored session): menu, stream and outbox. Station logins get no stream here. */
  async enter(): Promise<void> {
    if (!this.session.session || !this.canOrder) return;
    this.drafts.claimOldDrafts();
    await this.menuNow.load();
    if (!this.#saver && this.session.event) {
      const key = savedStateKey(this.session.event.id, "service");
      const saved = this.stream.lastSeq < 0 ? this.live.restore(key) : undefined;
      // A state saved without the map (an older app) is not resumed: the snapshot brings the map.
      const tables = (saved?.extra as { tables?: TableSummary[] } | undefined)?.tables;
      if (saved && tables) {
        this.stream.lastSeq = saved.seq;
        this.figures.replace(tables);
        this.live.hold(this.openTable.keeps);
      }
      this.#saver = this.live.keepSaved(key, () => this.stream.lastSeq, () => ({ tables: this.figures.list }));
    }
    this.stream.open();
    void this.outbox.start();
  }

  async switchUser(): Promise<void> {
    this.stream.close();
    this.#saver?.stop();
    this.#saver = undefined;
    this.stream.lastSeq = -1;
    await this.session.logout();
  }

  // --- money: a table's bill and recording a payment ---------------------------------------------

  /** The table's bill as this phone knows it (see bill.ts). */
  billOf(table: string): TableBill {
    return tableBill(table, {
      orders: this.live.orders.values(),
      confirmed: this.outbox.confirmed.values(),
      confirmedPayments: this.outbox.confirmedPayments.values(),
      entries: this.outbox.entries,
      lastSeq: this.stream.lastSeq,
      depositOf: (product) => this.menuNow.productById.get(product)?.depositCents ?? 0,
    });
  }

  /** Records a payment at the tap: the id is made now and the entry is stored before it is sent. `event`: an earlier event's open bill. */
  async pay(body: Omit<PayBody, "id">, names: string[], totalCents: number, event?: string): Promise<PaymentEntry> {
    const id = newOrderId();
    const entry: PaymentEntry = { kind: "payment", id, table: body.table, waiter: this.me, createdAt: Date.now(), status: "queued", body: { id, ...body }, names, totalCents, ...(event ? { event } : {}) };
    await this.outbox.add(entry);
    return entry;
  }

  #sessionEnded(reason?: string) {
    this.stream.close();
    this.session.ended(reason);
  }

  #storeOffline() {
    const { session, event } = this.session;
    const menu = this.menuNow.menu;
    if (session && event && menu) storeOffline({ session, event, menu });
  }
}

export const app = new ServiceState();
