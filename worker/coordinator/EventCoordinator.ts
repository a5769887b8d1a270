// One Durable Object per event: the single coordinator of its orders, tickets and availability.
// Every change runs through `serialize`, is written to D1 in one atomic batch with the next
// sequence number, and only then is answered and broadcast.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { loadEvent, type LoadedEvent } from "../config/event.ts";
import * as q from "../db/queries.ts";
import { fail, type Failure, type Result } from "../errors.ts";
import { can } from "../auth/permissions.ts";
import type {
  AvailabilityBody,
  AvailabilityChangedFrame,
  ClientFrame,
  Menu,
  Order,
  OrderPlacedFrame,
  PlaceOrderBody,
  ProductAvailability,
  Session,
  SnapshotFrame,
  TableState,
  Ticket,
  TicketChangedFrame,
} from "../protocol.ts";
import { buildOrder, checkReferences, menuChanges, menuSnapshot, takeFromStock } from "./orders.ts";
import { applyTicketAction, changeTypeOf, type TicketAction } from "./tickets.ts";
import { LoginThrottle } from "./LoginThrottle.ts";
import { SocketHub, type SocketAttachment } from "./SocketHub.ts";
import { tableStates } from "./tables.ts";

/** D1 reports an insert of an order id that exists as a UNIQUE constraint failure. */
function isDuplicateOrderId(error: unknown): boolean {
  return String(error).includes("UNIQUE constraint failed: orders.id");
}

interface State {
  seq: number;
  menuVersion: number;
  availability: Map<string, ProductAvailability>;
}

export class EventCoordinator extends DurableObject<Env> {
  private readonly db: q.Db;
  private readonly hub: SocketHub;
  private readonly logins = new LoginThrottle();
  private state: State | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = q.openDb(env.DB);
    this.hub = new SocketHub(ctx, {
      onFrame: (attachment, frame) => this.handleFrame(attachment, frame),
      sync: (ws, since) => this.serialize(() => this.syncSocket(ws, since)),
    });
  }

  private get event(): LoadedEvent {
    return loadEvent(this.env);
  }

  /**
   * D1 is external I/O, so the runtime's input gates do not keep two requests from interleaving
   * between an await and the next (STACK-NOTES §6). Every read-modify-write runs in this chain.
   */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => {});
    return run;
  }

  /** Loads the event's sequence, menu version and availability; starts a new menu version if the config changed. */
  private async ensureState(): Promise<State> {
    if (this.state) return this.state;
    const event = this.event;
    const [row, rows, lastSeq] = await Promise.all([
      q.readEventState(this.db, event.config.id),
      q.readAvailability(this.db, event.config.id),
      q.readLastSeq(this.db, event.config.id),
    ]);
    const availability = new Map(rows.map((a) => [a.product, a]));
    // The sequence lives in the change log itself: each change writes its row, and nothing else.
    const seq = Math.max(row?.seq ?? 0, lastSeq);
    if (row && row.configHash === event.menuHash) {
      this.state = { seq, menuVersion: row.menuVersion, availability };
      return this.state;
    }
    const menuVersion = (row?.menuVersion ?? 0) + 1;
    await this.db.batch([
      q.upsertEventState(this.db, { eventId: event.config.id, seq, menuVersion, configHash: event.menuHash }),
      q.insertMenuVersion(this.db, event.config.id, menuVersion, menuSnapshot(event, availability), Date.now()),
    ]);
    this.state = { seq, menuVersion, availability };
    return this.state;
  }

  /** Runs a write; on any failure the cached state is dropped so that it is read again from D1. */
  private async commit(statements: q.Statement[]): Promise<void> {
    try {
      await this.db.batch(statements as [q.Statement, ...q.Statement[]]);
    } catch (error) {
      this.state = undefined;
      throw error;
    }
  }

  // --- orders -----------------------------------------------------------------------------------

  placeOrder(actor: Session, body: PlaceOrderBody, bodyHash: string): Promise<Result<{ order: Order; replay: boolean }>> {
    return this.serialize(async () => {
      if (!can(actor.role, "order.place")) return fail("FORBIDDEN", `a ${actor.role} cannot place orders`);
      const event = this.event;
      const eventId = event.config.id;
      const state = await this.ensureState();
      // Exactly once: the id decides, before any check against today's menu. To spare a new order
      // a read, the id is looked up only when the order is refused or its insert hits the id.
      const stock = await this.checkOrder(body, state);
      if (!Array.isArray(stock)) return (await this.replayOf(body, bodyHash)) ?? stock;

      const now = Date.now();
      const order = buildOrder(event, body, { seq: state.seq + 1, waiter: actor.name, menuVersion: state.menuVersion, now });
      const placed = { type: "order.placed", seq: order.seq, order } satisfies OrderPlacedFrame;
      const frames: (OrderPlacedFrame | AvailabilityChangedFrame)[] = [placed];
      const statements: q.Statement[] = [...q.insertOrder(this.db, eventId, order, bodyHash), q.insertChange(this.db, eventId, placed, now)];
      let menuVersion = state.menuVersion;
      const availability = new Map(state.availability);
      if (stock.length) {
        for (const a of stock) availability.set(a.product, a);
        if (stock.some((a) => a.soldOut)) menuVersion++;
        const changed = this.availabilityFrame(order.seq + 1, menuVersion, stock);
        frames.push(changed);
        statements.push(...this.availabilityStatements(stock, availability, menuVersion, state.menuVersion, changed, now));
      }
      const seq = frames[frames.length - 1]!.seq;
      if (menuVersion !== state.menuVersion) statements.push(q.upsertEventState(this.db, { eventId, seq, menuVersion, configHash: event.menuHash }));
      try {
        await this.commit(statements);
      } catch (error) {
        // The batch is atomic: nothing of it was stored. The id is taken, so this is a replay or a conflict.
        const replay = isDuplicateOrderId(error) ? await this.replayOf(body, bodyHash) : undefined;
        if (replay) return replay;
        throw error;
      }
      this.state = { seq, menuVersion, availability };
      for (const frame of frames) this.hub.broadcast(frame);
      return { ok: true, order, replay: false };
    });
  }

  /** The stored order with this id: itself when the content is the same, else a conflict. */
  private async replayOf(body: PlaceOrderBody, bodyHash: string): Promise<Result<{ order: Order; replay: boolean }> | undefined> {
    const eventId = this.event.config.id;
    const existing = await q.readOrderHash(this.db, body.id);
    if (!existing) return undefined;
    if (existing.eventId !== eventId || existing.bodyHash !== bodyHash)
      return fail("ORDER_ID_CONFLICT", "an order with this id exists with other content", "id");
    return { ok: true, order: (await q.readOrder(this.db, eventId, body.id))!, replay: true };
  }

  /** Table, products and options exist; the menu the waiter saw still holds; there is enough left. */
  private async checkOrder(body: PlaceOrderBody, state: State): Promise<Failure | ProductAvailability[]> {
    const event = this.event;
    const menuIsCurrent = body.menuVersion === state.menuVersion;
    const badReference = checkReferences(event, body, menuIsCurrent);
    if (badReference) return badReference;
    if (!menuIsCurrent) {
      const seen = body.menuVersion < state.menuVersion ? await q.readMenuVersion(this.db, event.config.id, body.menuVersion) : undefined;
      // A version this server never had (its data was reset while the phone kept its menu): nothing to compare.
      if (!seen)
        return fail("MENU_CHANGED", `menu version ${body.menuVersion} is not known here; reload the menu and check the order`, "menuVersion", { changes: [] });
      const changes = menuChanges(event, body, seen, state.availability);
      if (changes.length)
        return fail("MENU_CHANGED", "the menu changed since this order was made; check the items and send again", "menuVersion", { changes });
    }
    return takeFromStock(event, body, state.availability);
  }

  // --- availability -----------------------------------------------------------------------------

  setAvailability(actor: Session, productId: string, body: AvailabilityBody): Promise<Result<{ availability: ProductAvailability; menuVersion: number }>> {
    return this.serialize(async () => {
      if (!can(actor.role, "availability.set")) return fail("FORBIDDEN", "only an admin can change availability");
      const event = this.event;
      if (!event.productById.has(productId)) return fail("NOT_FOUND", `unknown product "${productId}"`, "param.product");
      const state = await this.ensureState();
      const before = state.availability.get(productId) ?? { product: productId, soldOut: false, quota: null };
      const quota = body.quota === undefined ? before.quota : body.quota;
      // A quota of 0 is sold out; setting a new quota above 0 puts the product back on sale unless soldOut says otherwise.
      const soldOut = body.soldOut ?? (body.quota !== undefined ? quota === 0 : before.soldOut);
      const after: ProductAvailability = { product: productId, soldOut: soldOut || quota === 0, quota };
      if (after.soldOut === before.soldOut && after.quota === before.quota) return { ok: true, availability: after, menuVersion: state.menuVersion };
      const now = Date.now();
      const menuVersion = after.soldOut !== before.soldOut ? state.menuVersion + 1 : state.menuVersion;
      const availability = new Map(state.availability).set(productId, after);
      const frame = this.availabilityFrame(state.seq + 1, menuVersion, [after]);
      const statements = this.availabilityStatements([after], availability, menuVersion, state.menuVersion, frame, now);
      if (menuVersion !== state.menuVersion)
        statements.push(q.upsertEventState(this.db, { eventId: event.config.id, seq: frame.seq, menuVersion, configHash: event.menuHash }));
      await this.commit(statements);
      this.state = { seq: frame.seq, menuVersion, availability };
      this.hub.broadcast(frame);
      return { ok: true, availability: after, menuVersion };
    });
  }

  private availabilityFrame(seq: number, menuVersion: number, availability: ProductAvailability[]): AvailabilityChangedFrame {
    return { type: "availability.changed", seq, menuVersion, availability };
  }

  private availabilityStatements(
    changed: ProductAvailability[],
    all: Map<string, ProductAvailability>,
    menuVersion: number,
    previousVersion: number,
    frame: AvailabilityChangedFrame,
    now: number,
  ): q.Statement[] {
    const eventId = this.event.config.id;
    const statements = changed.map((a) => q.upsertAvailability(this.db, eventId, a, now));
    if (menuVersion !== previousVersion) statements.push(q.insertMenuVersion(this.db, eventId, menuVersion, menuSnapshot(this.event, all), now));
    statements.push(q.insertChange(this.db, eventId, frame, now));
    return statements;
  }

  // --- tickets ----------------------------------------------------------------------------------

  ticketAction(actor: Session, ticketId: string, action: TicketAction): Promise<Result<{ ticket: Ticket; seq: number | null }>> {
    return this.serialize(async () => {
      const permission = action.type === "ticket.pickup" ? "ticket.pickup" : "ticket.bump";
      if (!can(actor.role, permission)) return fail("FORBIDDEN", `a ${actor.role} cannot do ${action.type}`);
      const event = this.event;
      const state = await this.ensureState();
      const ticket = await q.readTicket(this.db, event.config.id, ticketId);
      if (!ticket) return fail("NOT_FOUND", `no ticket "${ticketId}"`, "ticket");
      const now = Date.now();
      const after = applyTicketAction(ticket, action, event.config.ui.auto_close, now);
      if ("ok" in after) return after;
      if (after === ticket) return { ok: true, ticket, seq: null };
      const frame = { type: changeTypeOf[action.type], seq: state.seq + 1, ticket: after, by: actor.name } satisfies TicketChangedFrame;
      await this.commit([...q.updateTicket(this.db, after), q.insertChange(this.db, event.config.id, frame, now)]);
      state.seq = frame.seq;
      this.hub.broadcast(frame);
      return { ok: true, ticket: after, seq: frame.seq };
    });
  }

  // --- reads ------------------------------------------------------------------------------------

  menu(): Promise<Menu> {
    return this.serialize(async () => {
      const event = this.event;
      const state = await this.ensureState();
      return {
        version: state.menuVersion,
        stations: event.stations,
        categories: event.categories,
        products: event.products.map((p) => {
          const a = state.availability.get(p.id);
          return { id: p.id, name: p.name, priceCents: p.priceCents, category: p.category, options: p.options, soldOut: a?.soldOut ?? false, quota: a?.quota ?? null };
        }),
      };
    });
  }

  tables(): Promise<TableState[]> {
    return this.serialize(async () => tableStates(this.event, await q.readOpenOrders(this.db, this.event.config.id)));
  }

  tableOrders(table: string): Promise<Result<{ orders: Order[] }>> {
    return this.serialize(async () => {
      if (!this.event.tableNames.has(table)) return fail("NOT_FOUND", `unknown table "${table}"`, "param.name");
      return { ok: true, orders: await q.readTableOrders(this.db, this.event.config.id, table) };
    });
  }

  order(id: string): Promise<Result<{ order: Order }>> {
    return this.serialize(async () => {
      const order = await q.readOrder(this.db, this.event.config.id, id);
      return order ? { ok: true, order } : fail("NOT_FOUND", `no order "${id}"`, "param.id");
    });
  }

  tickets(query: q.TicketQuery): Promise<Ticket[]> {
    return this.serialize(() => q.searchTickets(this.db, this.event.config.id, query));
  }

  /** Counts a wrong PIN; true when this client has used up its attempts for now. */
  loginFailed(client: string): boolean {
    return this.logins.fail(client, Date.now());
  }

  loginBlocked(client: string): boolean {
    return this.logins.blocked(client, Date.now());
  }

  // --- the stream -------------------------------------------------------------------------------

  async fetch(request: Request): Promise<Response> {
    return this.hub.accept(request);
  }

  /** Sends a new socket what it missed since `since`, or a snapshot; only then does it get broadcasts. */
  private async syncSocket(ws: WebSocket, since: number | undefined): Promise<void> {
    const state = await this.ensureState();
    const eventId = this.event.config.id;
    if (since !== undefined && since <= state.seq && state.seq - since <= SocketHub.RESUME_LIMIT) {
      const frames = await q.readChangesSince(this.db, eventId, since, SocketHub.RESUME_LIMIT);
      if (frames.length === state.seq - since) return this.hub.markReady(ws, frames);
    }
    const orders = await q.readOpenOrders(this.db, eventId);
    const snapshot = { type: "snapshot", seq: state.seq, now: Date.now(), menuVersion: state.menuVersion, availability: [...state.availability.values()], orders } satisfies SnapshotFrame;
    this.hub.markReady(ws, [JSON.stringify(snapshot)]);
  }

  private async handleFrame(attachment: SocketAttachment, frame: ClientFrame) {
    const actor = { name: attachment.name, role: attachment.role };
    const action: TicketAction = frame.type === "item.bump" || frame.type === "item.undo" ? { type: frame.type, line: frame.line } : { type: frame.type };
    const result = await this.ticketAction(actor, frame.ticket, action);
    return result.ok ? { seq: result.seq } : result;
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.hub.message(ws, message);
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.hub.close(ws, code);
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    this.hub.close(ws, 1011);
  }
}
