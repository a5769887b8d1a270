// One Durable Object per event: the single coordinator of its orders, tickets, availability and
// money. Its one command method, run(name, actor, input), runs the commands named in
// commands/index.ts (their shape: command.ts) one at a time, commits each one's statements in one
// atomic D1 batch with the next sequence numbers, and only then answers and broadcasts. Reads that
// need no ordering (bills, history, settlement) do not come here: the routes read D1. The table
// map is kept in memory (domain/tableBook.ts) by the commands' frames: GET /tables reads it here.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { loadEvent, renameEvent, type LoadedEvent } from "../config/event.ts";
import { openDb, type Db, type Statement } from "../db/client.ts";
import { STREAM_LIMITS, type Menu, type MenuEditView, type Session, type TableSummary } from "../protocol.ts";
import { TableBook } from "../domain/tableBook.ts";
import { readTableMarks } from "../db/tableMarks.ts";
import type { CoordinatorState } from "./command.ts";
import { commands, isCommandName, type CommandInput, type CommandName, type CommandResult } from "./commands/index.ts";
import { readStartState } from "../menu/loadState.ts";
import { editView, menuOf } from "../menu/definition.ts";
import { SocketHub, STREAM_HEADERS, type SocketAttachment } from "./SocketHub.ts";
import { StreamSync } from "./streamSync.ts";
import { requestOf, runOne, type AnyCommand, type CommandHost } from "./commandRunner.ts";
import { OrderGroups } from "./orderGroups.ts";
import { DisplayRoom } from "./displayRoom.ts";
import { warnOnce } from "../lib/warnOnce.ts";
import { PrintQueue } from "../print/queue.ts";
import { statusesAfter } from "../print/status.ts";
import { readPrintedTickets, readWaitingCounts } from "../db/printJobs.ts";
import type { DisplayState, PrinterStatus } from "../protocol.ts";

/** Who the print queue's state changes are recorded as (they need no one's permission but "read"). */
const PRINT_SENDER: Session = { name: "printer", role: "admin" };

export class EventCoordinator extends DurableObject<Env> {
  private readonly db: Db;
  private readonly hub: SocketHub;
  private readonly streamSync: StreamSync;
  private state: CoordinatorState | undefined;
  /** The table map, loaded with the state and dropped with it (a failed batch: read both again). */
  private book: TableBook | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly host: CommandHost;
  private readonly orderGroups: OrderGroups;
  private readonly print: PrintQueue;
  /** The guests' pickup display: its board and its public sockets (displayRoom.ts). */
  private readonly display: DisplayRoom;
  /** When the sockets are pinged next (the alarm also rings for print retries). */
  private nextPingAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = openDb(env.DB);
    this.print = new PrintQueue({
      db: this.db,
      eventId: () => this.event.config.id,
      config: () => this.event.config,
      apply: async (jobs, printers) => {
        const result = await this.run("printState", PRINT_SENDER, { jobs, printers });
        return result.ok ? result.applied : [];
      },
      wakeAt: async (at) => {
        const current = await this.ctx.storage.getAlarm();
        if (current === null || current > at) await this.ctx.storage.setAlarm(at);
      },
      waitUntil: (work) => this.ctx.waitUntil(work),
    });
    // What the command runner (commandRunner.ts) and the order groups need of this object.
    this.host = {
      db: this.db,
      event: () => this.event,
      state: () => this.ensureState(),
      setState: (state) => {
        this.state = state;
        if (!state) this.book = undefined;
      },
      broadcast: (frame) => {
        this.hub.broadcast(frame);
        this.display.apply(frame);
      },
      tableDraft: () => {
        if (!this.book) throw new Error("the table map is read with the state");
        return this.book.draft();
      },
      waitUntil: (work) => this.ctx.waitUntil(work),
      print: this.print,
    };
    this.display = new DisplayRoom({ ctx, db: this.db, event: () => this.event, seq: async () => (await this.loadedState()).seq, serialize: (fn) => this.serialize(fn) });
    this.orderGroups = new OrderGroups(this.host, (fn) => this.serialize(fn));
    this.hub = new SocketHub(ctx, {
      // Outside the exclusive chain: a socket's first frames are a read (DESIGN invariant 11).
      sync: async (ws, station, since) => {
        const { view, name, role } = ws.deserializeAttachment() as SocketAttachment;
        const phone = view === "phone" ? name : undefined;
        // A phone's resume goes by how far behind it is (streamSync.ts), so after a wake the state is
        // read first (a phone's snapshot reads it for the map anyway).
        const knownSeq = phone !== undefined && since !== undefined ? (await this.loadedState()).seq : this.state?.seq;
        return this.streamSync.sync(ws, station, since, knownSeq, phone, role === "waiter");
      },
    });
    const printing = loadEvent(env).config.printers.length > 0;
    this.streamSync = new StreamSync(this.db, () => this.eventId, this.hub, () => this.tables(), printing ? (ids) => readPrintedTickets(this.db, ids) : undefined);
    // Jobs a restart cut short become `unsure`; waiting ones are sent (worker/print/queue.ts).
    if (printing) ctx.waitUntil(this.print.start());
  }

  /** This object's event: the name it was addressed by (one coordinator per event, stub.ts). */
  private get eventId(): string {
    return this.ctx.id.name ?? loadEvent(this.env).config.id;
  }

  /** The event with its menu as stored (state.event); before the state is loaded, the venue under this event's id. */
  private get event(): LoadedEvent {
    if (this.state) return this.state.event;
    const venue = loadEvent(this.env);
    return venue.config.id === this.eventId ? venue : renameEvent(venue, { id: this.eventId, name: this.eventId });
  }

  /**
   * D1 is external I/O, so the runtime's input gates do not keep two requests from interleaving
   * between an await and the next (STACK-NOTES §6). Every command runs in this chain.
   */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => {});
    return run;
  }

  /** The state as held, or read first in the exclusive chain (after a start or a wake). */
  private async loadedState(): Promise<CoordinatorState> {
    return this.state ?? (await this.serialize(() => this.ensureState()));
  }

  /** Loads the event's sequence, availability and menu (worker/menu/loadState.ts); a new menu version is written and announced. */
  private async ensureState(): Promise<CoordinatorState> {
    if (this.state && this.book) return this.state;
    const book = new TableBook(await readTableMarks(this.db, this.eventId));
    if (this.state) {
      book.seq = this.state.seq;
      this.book = book;
      return this.state;
    }
    const start = await readStartState(this.db, loadEvent(this.env).config, this.eventId, Date.now());
    if (start.warning) warnOnce(start.warning);
    if (start.writes.length) await this.db.batch(start.writes as [Statement, ...Statement[]]);
    this.state = start.state;
    book.seq = start.state.seq;
    this.book = book;
    if (start.announced) this.hub.broadcast(start.announced);
    return this.state;
  }

  // --- commands (RPC) ---------------------------------------------------------------------------

  /**
   * Runs the command of that name (commands/index.ts) exclusively: check, read, decide, commit with
   * its change-log rows, then answer and broadcast. A command with a groupKey (an order) waits to be
   * written together with the others that arrive while the chain is busy (orderGroups.ts).
   */
  async run<N extends CommandName>(name: N, actor: Session, input: CommandInput<N>): Promise<CommandResult<N>> {
    if (!isCommandName(name)) throw new Error(`no command "${name}"`);
    const command: AnyCommand = commands[name];
    const request = await requestOf(name, command, actor, input);
    const result = command.groupKey ? this.orderGroups.push(request, command.groupKey(input)) : this.serialize(() => runOne(this.host, request));
    return result as Promise<CommandResult<N>>;
  }

  // --- the menu: it is the coordinator's state (its version, availability and the edited menu) ----

  async menu(): Promise<Menu> {
    const state = await this.loadedState();
    return menuOf(state.event, state.menuVersion, state.availability);
  }

  /** The menu in config.json's shape, for /admin/menu and "Download as config.json". */
  async menuEdit(): Promise<MenuEditView> {
    const state = await this.loadedState();
    return editView(state.event, state.menuVersion, state.menu.stored, state.menu.configDiffers);
  }

  // --- the table map: what is open and ready on each table, from memory -------------------------

  /** Every table with anything open or ready (a table left out is free), and the seq of the last change it holds. */
  async tables(): Promise<{ seq: number; tables: TableSummary[] }> {
    if (!this.state || !this.book) await this.serialize(() => this.ensureState());
    return { seq: this.book!.seq, tables: this.book!.summaries() };
  }

  // --- the stream -------------------------------------------------------------------------------

  async fetch(request: Request): Promise<Response> {
    // The worker's display route asks for /display with the upgrade and the device's address (routes/display.ts).
    if (new URL(request.url).pathname === "/display") return this.display.accept(request.headers.get(STREAM_HEADERS.address) ?? "");
    return this.hub.accept(request);
  }

  /** GET /api/v1/display: the counter orders' numbers, from memory. */
  async displayState(): Promise<DisplayState> {
    return this.display.state();
  }

  /**
   * The server's heartbeat (pings every socket and closes those that stopped answering; again while
   * any is open) and the print queue's retries: the one alarm rings for whichever is due first.
   */
  async alarm(): Promise<void> {
    let next: number | undefined;
    const printing = this.event.config.printers.length > 0;
    // With printers the alarm also rings for print retries (every 2 s at first): the sockets are pinged
    // only when their ping is due, else two early rings would close a socket as not answering.
    if (!printing || Date.now() >= this.nextPingAt - 1_000) {
      this.nextPingAt = Date.now() + STREAM_LIMITS.pingIntervalMs;
      if (this.hub.ping() > 0) next = this.nextPingAt;
    } else if (this.ctx.getWebSockets().length) next = this.nextPingAt;
    if (printing) {
      const retry = await this.print.alarm().catch((error: unknown) => {
        console.error("print queue: alarm failed", error);
        return Date.now() + 5_000;
      });
      if (retry !== undefined) next = Math.min(next ?? retry, retry);
    }
    if (next !== undefined) await this.ctx.storage.setAlarm(next);
  }

  /** The printers' states with their waiting jobs (GET /printers): a read outside the chain. */
  async printers(): Promise<PrinterStatus[]> {
    const config = this.event.config;
    const counts = await readWaitingCounts(this.db, config.id);
    return statusesAfter(config, this.print, config.printers.map((p) => p.id), counts, []);
  }

  /** Closes the sockets of these login sessions (logout, revoked) with 4001 and the reason; returns how many. */
  endSessions(ids: string[], reason: string): number {
    return this.hub.endSessions(ids, reason);
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (this.display.isDisplay(ws)) return this.display.message(ws);
    this.hub.message(ws, message);
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.hub.close(ws, code);
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    this.hub.close(ws, 1011);
  }
}
