// The waiter app's state in one place: who is logged in, the menu, the live event (stream), the
// outbox, the drafts, the ready notices and the current screen. Components read it as `app`.
import { openQtyOf, type Category, type Menu, type Order, type PayBody, type Product, type Ticket } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import { EventState, savedStateKey } from "../lib/eventState.svelte.ts";
import { translator } from "../lib/i18n.ts";
import { formatCents } from "../lib/money.ts";
import { SessionState } from "../lib/session.svelte.ts";
import { EventStream } from "../lib/stream.svelte.ts";
import { Drafts, type Draft } from "./Drafts.svelte.ts";
import { newOrderId } from "./util.ts";
import { OrderOutbox } from "./OrderOutbox.svelte.ts";
import { tableBill, type TableBill } from "./bill.ts";
import { isOrder, type OrderEntry, type PaymentEntry } from "./outbox.ts";
import { strings } from "./strings.ts";
import { viewOfEntry, viewOfOrder, type OrderView } from "./orderViews.ts";
import { hashOf, parseRoute, type Route } from "./route.ts";
import { readOffline, storeOffline } from "./offlineStart.ts";

export type { TableBill };
export { stageOf, viewOfOrder, type OrderView, type Stage } from "./orderViews.ts";
export type { Route } from "./route.ts";

const DISMISSED_KEY = "mini-pos.service.dismissed";

export class ServiceState {
  readonly session = new SessionState();
  readonly live = new EventState();
  readonly stream = new EventStream({
    onSnapshot: (f) => {
      this.live.applySnapshot(f);
      this.#saver?.schedule();
    },
    onDelta: (f) => {
      this.live.applyDelta(f);
      this.#saver?.schedule();
    },
    onUnauthorized: (reason) => this.#sessionEnded(reason),
  });
  /** Keeps the live state across a reload, so the phone resumes with `since` instead of a snapshot. */
  #saver: ReturnType<EventState["keepSaved"]> | undefined;
  readonly outbox = new OrderOutbox(
    () => this.#sessionEnded(),
    () => this.me,
  );
  readonly drafts = new Drafts(() => this.me);
  /** Draft ids being handed to the outbox (a double tap must not queue one twice). */
  readonly #placing = new Set<string>();

  menu = $state.raw<Menu | undefined>(undefined);
  route = $state<Route>(parseRoute(location.hash));
  /** Started from the stored copy because the server could not be reached. */
  offlineStart = $state(false);
  startError = $state("");
  dismissed = $state.raw(new Set<string>(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? "[]") as string[]));

  language = $derived(this.session.language);
  t = $derived(translator(strings, this.language));
  me = $derived(this.session.session?.name ?? "");
  canOrder = $derived(this.session.hasRole("waiter", "admin"));

  /** What other waiters left on this phone (drafts, orders and payments not sent), by name. */
  leftBehind = $derived.by(() => {
    const left = new Map<string, { drafts: number; orders: number; payments: number }>();
    const of = (name: string) => left.get(name) ?? left.set(name, { drafts: 0, orders: 0, payments: 0 }).get(name)!;
    for (const [name, drafts] of this.drafts.countsByWaiter(this.me)) of(name).drafts = drafts;
    for (const e of this.outbox.all) if (e.waiter !== this.me) of(e.waiter)[isOrder(e) ? "orders" : "payments"]++;
    return [...left].map(([name, counts]) => ({ name, ...counts }));
  });

  categories = $derived.by(() => {
    const menu = this.menu;
    if (!menu) return [] as { category: Category; products: Product[] }[];
    return menu.categories.map((category) => ({ category, products: menu.products.filter((p) => p.category === category.id) }));
  });
  productById = $derived(new Map((this.menu?.products ?? []).map((p) => [p.id, p])));

  /** This waiter's done tickets that nobody has picked up yet and the waiter has not dismissed. */
  readyNotices = $derived.by(() =>
    this.live.tickets().filter((t) => t.waiter === this.me && t.doneAt !== null && t.pickedUpAt === null && !this.dismissed.has(t.id)),
  );

  /** Per table: open (unpaid) positions, ready tickets, entries waiting in the outbox or needing attention. */
  tableMarks = $derived.by(() => {
    const marks = new Map<string, { open: number; ready: number; queued: number; attention: number }>();
    const mark = (table: string) => marks.get(table) ?? marks.set(table, { open: 0, ready: 0, queued: 0, attention: 0 }).get(table)!;
    for (const order of this.live.orders.values()) {
      // Open means not paid (or voided) yet: a paid table is free even while its tickets are made.
      for (const p of order.positions ?? []) if (openQtyOf(p) > 0) mark(p.table).open++;
      const m = mark(order.table);
      m.ready += order.tickets.filter((t) => t.doneAt !== null && t.pickedUpAt === null).length;
    }
    for (const entry of this.outbox.entries) {
      if (entry.status === "rejected") mark(entry.table).attention++;
      else if (isOrder(entry)) mark(entry.table).queued++;
    }
    return marks;
  });

  constructor() {
    window.addEventListener("hashchange", () => (this.route = parseRoute(location.hash)));
    this.live.onTicketChange((ticket, before) => {
      // A new ready notice: buzz the phone once (where the browser allows it).
      if (ticket.waiter === this.me && ticket.doneAt !== null && before?.doneAt === null) navigator.vibrate?.([200, 100, 200]);
    });
  }

  money = (cents: number) => formatCents(cents, this.session.event?.currency ?? "EUR", this.language);
  stationName = (id: string) => this.session.event?.stations.find((s) => s.id === id)?.name ?? id;
  go = (route: Route) => {
    const hash = hashOf(route);
    if (location.hash !== hash) location.hash = hash;
    this.route = route;
    window.scrollTo(0, 0);
  };

  async start(): Promise<void> {
    // Read the outbox before anyone logs in: the login screen says what waits for whom.
    void this.outbox.load();
    try {
      await this.session.check();
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        this.startError = String(error);
        return;
      }
      const stored = readOffline();
      if (!stored) {
        this.startError = "offline";
        return;
      }
      this.session.session = stored.session;
      this.session.event = stored.event;
      this.offlineStart = true;
    }
    if (this.session.session) await this.enter();
  }

  /** After login (or a stored session): menu, stream and outbox. Station logins get no stream here. */
  async enter(): Promise<void> {
    if (!this.session.session || !this.canOrder) return;
    this.drafts.claimOldDrafts();
    await this.loadMenu();
    if (!this.#saver && this.session.event) {
      const key = savedStateKey(this.session.event.id, "service");
      const saved = this.stream.lastSeq < 0 ? this.live.restore(key) : undefined;
      if (saved) this.stream.lastSeq = saved.seq;
      this.#saver = this.live.keepSaved(key, () => this.stream.lastSeq);
    }
    this.stream.open();
    void this.outbox.start();
  }

  /** Reads the server's menu and takes it (see takeMenu). */
  async loadMenu(): Promise<void> {
    try {
      const menu = await api<Menu>("GET", "/menu");
      // A reply that left the server before a menu.changed this page already took is older than it.
      if (!this.live.menu || this.live.menu.version <= menu.version) this.takeMenu(menu);
    } catch (error) {
      // The session ended meanwhile (logout elsewhere, a PIN change): back to the login, not an error.
      if (error instanceof ApiRequestError && error.status === 401) return this.#sessionEnded(endReasonOf(error));
      if (!(error instanceof NetworkError)) throw error;
      this.menu ??= readOffline()?.menu;
    }
  }

  /**
   * Takes a menu: from GET /menu, or whole from the stream (menu.changed, an edit on /admin). When
   * its version differs, the drafts follow it and mark what changed.
   */
  takeMenu(menu: Menu): void {
    const before = this.menu ?? readOffline()?.menu;
    if (before && before.version !== menu.version) this.drafts.followMenu(before, menu);
    this.menu = menu;
    this.#storeOffline();
  }

  #askedVersion = 0;
  /** A version the stream announced that differs from the menu's: fetch the menu once for it (menu.changed brings it along). */
  followMenuVersion(version: number): void {
    if (this.live.menu?.version === version) return;
    if (!this.menu || version <= 0 || version === this.menu.version || version === this.#askedVersion) return;
    this.#askedVersion = version;
    void this.loadMenu();
  }

  async switchUser(): Promise<void> {
    this.stream.close();
    this.#saver?.stop();
    this.#saver = undefined;
    this.stream.lastSeq = -1;
    await this.session.logout();
    this.offlineStart = false;
  }

  soldOut(product: Product): boolean {
    return this.live.availability.get(product.id)?.soldOut ?? product.soldOut;
  }
  quotaLeft(product: Product): number | null {
    const a = this.live.availability.get(product.id);
    return a ? a.quota : product.quota;
  }
  menuVersion(): number {
    return Math.max(this.live.menuVersion, this.menu?.version ?? 0);
  }

  /** Every order of a table this phone knows of, newest first: waiting ones, sent ones, live ones. */
  ordersOf(table: string): OrderView[] {
    // The stream may announce an order before its POST has answered: the live one wins.
    const views = new Map<string, OrderView>();
    // After a move an order's items may lie on other tables: it shows where its positions are.
    const here = (o: Order) => (o.positions?.length ? o.positions.some((p) => p.table === table) : o.table === table);
    for (const o of this.live.orders.values()) if (here(o)) views.set(o.id, viewOfOrder(o));
    for (const o of this.outbox.confirmed.values()) if (o.table === table && !views.has(o.id)) views.set(o.id, viewOfOrder(o, "sent"));
    for (const e of this.outbox.entries) if (isOrder(e) && e.table === table && !views.has(e.id)) views.set(e.id, viewOfEntry(e, this.outbox.sending === e.id));
    return [...views.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The table's bill as this phone knows it (see bill.ts). */
  billOf(table: string): TableBill {
    return tableBill(table, {
      orders: this.live.orders.values(),
      confirmed: this.outbox.confirmed.values(),
      confirmedPayments: this.outbox.confirmedPayments.values(),
      entries: this.outbox.entries,
      lastSeq: this.stream.lastSeq,
      depositOf: (product) => this.productById.get(product)?.depositCents ?? 0,
    });
  }

  /** Records a payment at the tap: the id is made now and the entry is stored before it is sent. `event`: an earlier event's open bill. */
  async pay(body: Omit<PayBody, "id">, names: string[], totalCents: number, event?: string): Promise<PaymentEntry> {
    const id = newOrderId();
    const entry: PaymentEntry = { kind: "payment", id, table: body.table, waiter: this.me, createdAt: Date.now(), status: "queued", body: { id, ...body }, names, totalCents, ...(event ? { event } : {}) };
    await this.outbox.add(entry);
    return entry;
  }

  /** Hands the table's draft to the outbox; the draft is cleared only once the entry is stored. */
  async placeOrder(table: string): Promise<OrderEntry | undefined> {
    const draft = this.drafts.get(table);
    if (!draft || !draft.lines.length || this.#placing.has(draft.id)) return;
    this.#placing.add(draft.id);
    const products = draft.lines.map((l) => this.productById.get(l.product));
    const entry: OrderEntry = {
      id: draft.id,
      table,
      menuVersion: draft.menuVersion,
      items: draft.lines.map((l) => ({
        product: l.product,
        qty: l.qty,
        ...(l.note.trim() ? { note: l.note.trim() } : {}),
        ...(l.options.length ? { options: [...l.options] } : {}),
      })),
      names: products.map((p, i) => p?.name ?? draft.lines[i]?.product ?? "?"),
      unitCents: products.map((p) => p?.priceCents ?? 0),
      waiter: this.me,
      createdAt: Date.now(),
      status: "queued",
    };
    try {
      await this.outbox.add(entry);
      if (this.drafts.get(table)?.id === entry.id) this.drafts.clear(table);
      return entry;
    } finally {
      this.#placing.delete(entry.id);
    }
  }

  /**
   * A refused order goes back to its table to be reviewed again: removed and sold-out products
   * are dropped, quantities cut to what is left, and the changes are shown with it.
   */
  async recompose(id: string): Promise<string | undefined> {
    const entry = await this.outbox.remove(id);
    if (!entry || !isOrder(entry)) return undefined;
    await this.loadMenu();
    const drop = new Set<string>();
    const left = new Map<string, number>();
    for (const c of entry.error?.changes ?? []) if (c.kind !== "price") drop.add(c.product);
    for (const p of entry.error?.products ?? []) (p.left > 0 ? left.set(p.product, p.left) : drop.add(p.product));
    for (const item of entry.items) {
      const product = this.productById.get(item.product);
      if (!product || this.soldOut(product)) drop.add(item.product);
    }
    const draft: Draft = {
      id: entry.id,
      table: entry.table,
      menuVersion: this.menuVersion(),
      lines: entry.items
        .filter((i) => !drop.has(i.product))
        .map((i) => ({ key: Drafts.newLineKey(), product: i.product, qty: Math.min(i.qty, left.get(i.product) ?? i.qty), note: i.note ?? "", options: i.options ?? [] })),
      changes: entry.error?.changes,
      problem: entry.error && !entry.error.changes ? entry.error.message : undefined,
    };
    if (draft.lines.length) this.drafts.restore(draft);
    return entry.table;
  }

  async discard(id: string): Promise<void> {
    await this.outbox.remove(id);
  }

  dismiss(ticket: Ticket): void {
    this.dismissed = new Set(this.dismissed).add(ticket.id);
    localStorage.setItem(DISMISSED_KEY, JSON.stringify([...this.dismissed].slice(-200)));
  }

  async pickUp(ticket: Ticket): Promise<void> {
    try {
      await api("POST", `/tickets/${encodeURIComponent(ticket.id)}/pickup`);
    } catch (error) {
      // Already picked up by someone else, or no network: hide it on this phone anyway.
      if (!(error instanceof ApiRequestError || error instanceof NetworkError)) throw error;
    }
    this.dismiss(ticket);
  }

  #sessionEnded(reason?: string) {
    this.stream.close();
    this.session.ended(reason);
  }

  #storeOffline() {
    const { session, event } = this.session;
    if (session && event && this.menu) storeOffline({ session, event, menu: this.menu });
  }
}

/** Why the server ended the session (SESSION_ENDED's `reason`), for the login screen. */
function endReasonOf(error: ApiRequestError): string | undefined {
  return error.body.code === "SESSION_ENDED" ? error.body.reason : undefined;
}

export const app = new ServiceState();
