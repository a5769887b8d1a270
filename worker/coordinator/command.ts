// The shape every coordinator command has. A command reads what it needs (load), then decides in a
// plain function of (state, input, data): a failure, an answer with nothing to write (a replay), or a
// plan of statements, frames and the next state. The Durable Object runs commands one at a time,
// commits each plan in one atomic batch with its frames' change-log rows, and only then answers
// and broadcasts (durable before visible); work that must follow the commit but never delay the
// answer is the command's afterCommit. A new capability is a new command module, named once in
// commands/index.ts.
import type { LoadedEvent } from "../config/event.ts";
import type { Permission } from "../auth/permissions.ts";
import type { Db, Statement } from "../db/client.ts";
import type { StoredMenu } from "../db/menus.ts";
import type { Failure } from "../errors.ts";
import type { DeltaFrame, ProductAvailability, Session } from "../protocol.ts";
import type { PrintHost } from "../print/status.ts";

/** What the coordinator keeps in memory between commands; everything else is read from D1. */
export interface CoordinatorState {
  seq: number;
  menuVersion: number;
  availability: Map<string, ProductAvailability>;
  /** The event as it is now: the venue from config.json, the id and name of this coordinator's event, its menu as stored. Commands get it as ctx.event. */
  event: LoadedEvent;
  /** The stored menu behind `event` (removed ids, the version it was edited at) and whether config.json's differs. */
  menu: { stored: StoredMenu; configDiffers: boolean };
  /** A newer event started (POST /events): this one takes no more orders, only money for the bills it left open. */
  ended: boolean;
  /** The last order number given in this event (issue 22): the next order gets lastNumber + 1. Read from D1 with the state, so a failed batch or a restart gives no gap and no number twice. */
  lastNumber: number;
}

export interface CommandContext {
  event: LoadedEvent;
  db: Db;
  actor: Session;
  now: number;
  /** The request's hash (the command's `hash`), stored with its record to tell a replay from a conflict; "" for a command without one. */
  requestHash: string;
  /** The printers' sender (worker/print/queue.ts): their state for print frames, and the kick after a commit. */
  print: PrintHost;
}

export interface Plan<T> {
  kind: "plan";
  /** Written in one batch together with a change-log row per frame. */
  statements: Statement[];
  /** Broadcast in this order after the commit; their seqs follow state.seq without a gap. */
  frames: DeltaFrame[];
  state: CoordinatorState;
  result: T;
}
/** Nothing to write: a replay of a command already done, or a change that changes nothing. */
export interface Answer<T> {
  kind: "answer";
  result: T;
}
export type Outcome<T> = Failure | Plan<T> | Answer<T>;

export interface Command<I, D, T extends object> {
  /** Who may run it; checked before anything is read. */
  permission: Permission | ((input: I) => Permission);
  /** What "the same request again" means: a hash of the input's canonical form (ctx.requestHash). Its text is stored, so it must never change. */
  hash?(input: I): Promise<string>;
  /** Requests with a key are written in groups (group commit, orderGroups.ts); two with the same key never share a group. */
  groupKey?(input: I): string;
  /** Reads what decide needs. Runs inside the exclusive chain, so nothing changes until the commit. */
  load(ctx: CommandContext, state: CoordinatorState, input: I): Promise<D>;
  /** No I/O: the whole rule of the command. */
  decide(ctx: CommandContext, state: CoordinatorState, input: I, data: D): Outcome<T>;
  /** The command was refused; a command whose replays are not looked up first can find one here. */
  onRefused?(ctx: CommandContext, input: I, failure: Failure): Promise<Failure | Answer<T>>;
  /** The batch failed; if it hit an id that exists, say what that id holds (a replay or a conflict). */
  onCommitError?(ctx: CommandContext, input: I, error: unknown): Promise<Failure | Answer<T> | undefined>;
  /**
   * Work once the plan is durable and broadcast that must never delay the answer (printing a
   * ticket). The runner starts it and does not wait for it; a failure is logged and changes nothing
   * of the command. Not run for answers (replays) or refusals.
   */
  afterCommit?(plan: Plan<T>, ctx: CommandContext): Promise<void>;
}

export function answer<T>(result: T): Answer<T> {
  return { kind: "answer", result };
}

/** SHA-256 hex of a canonical JSON text: what "the same request" means for a replay. */
export async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
