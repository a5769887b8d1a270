// Running commands inside the coordinator's exclusive chain: check, read, decide, commit with the
// change-log rows of its frames in one atomic D1 batch, and only then answer and broadcast
// (durable before visible); then each plan's afterCommit starts, unawaited. `runOne` is one command
// in its own batch; `runGroup` is several orders that arrived while the chain was busy, decided one
// after another on the state the ones before them leave, and written in one batch — if that batch
// fails, nothing of it was stored and each runs again on its own, so a bad one cannot lose or
// double the others.
import type { LoadedEvent } from "../config/event.ts";
import type { Db, Statement } from "../db/client.ts";
import { insertChange } from "../db/changes.ts";
import { DISK_FULL_MESSAGE, fail, isDiskFull, type Result } from "../errors.ts";
import { can } from "../auth/permissions.ts";
import type { DeltaFrame, Session } from "../protocol.ts";
import type { BookDraft } from "../domain/tableBook.ts";
import type { Command, CommandContext, CoordinatorState, Outcome, Plan } from "./command.ts";
import type { PrintHost } from "../print/status.ts";

/** What the runner needs of the Durable Object. */
export interface CommandHost {
  readonly db: Db;
  event(): LoadedEvent;
  /** The cached state, loaded from D1 if there is none. */
  state(): Promise<CoordinatorState>;
  /** After a commit the next state; undefined when the cache may be behind D1 (read it again). */
  setState(state: CoordinatorState | undefined): void;
  broadcast(frame: DeltaFrame): void;
  /** Changes to the table map (domain/tableBook.ts) that reach it once committed. Call after state(). */
  tableDraft(): Pick<BookDraft, "apply" | "commit">;
  /** Keeps work that runs after the answer alive (the Durable Object's ctx.waitUntil). */
  waitUntil(work: Promise<unknown>): void;
  /** The printers' sender (worker/print/queue.ts). */
  readonly print: PrintHost;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commands of every shape go through here
export type AnyCommand = Command<any, any, any>;

/** One command to run: who asks, with what, and the request's hash. */
export interface Request {
  /** The command's name in commands/index.ts, for the log. */
  name: string;
  command: AnyCommand;
  actor: Session;
  input: unknown;
  requestHash: string;
}

export interface Job extends Request {
  resolve(result: Result<object>): void;
  reject(error: unknown): void;
}

/** The request with its hash, computed before it waits for the chain (hashing reads nothing). */
export async function requestOf(name: string, command: AnyCommand, actor: Session, input: unknown): Promise<Request> {
  return { name, command, actor, input, requestHash: command.hash ? await command.hash(input) : "" };
}

type Decided = { ctx: CommandContext; outcome: Outcome<object> };
type Committed = { request: Request; ctx: CommandContext; plan: Plan<object> };

/** Permission, load, decide on `state`; a refused command may still find its replay. */
async function decideOn(host: CommandHost, request: Request, state: CoordinatorState): Promise<Decided> {
  const { command, actor, input, requestHash } = request;
  const ctx: CommandContext = { event: host.event(), db: host.db, actor, now: Date.now(), requestHash, print: host.print };
  const permission = typeof command.permission === "function" ? command.permission(input) : command.permission;
  if (!can(actor.role, permission)) return { ctx, outcome: fail("FORBIDDEN", `a ${actor.role} cannot do ${permission}`) };
  const data = await command.load(ctx, state, input);
  let outcome: Outcome<object> = command.decide(ctx, state, input, data);
  if ("ok" in outcome && command.onRefused) outcome = await command.onRefused(ctx, input, outcome);
  return { ctx, outcome };
}

/** Each frame's change-log row; a frame that changes the table map carries the figures of the tables it touched. */
function changeRows(host: CommandHost, draft: Pick<BookDraft, "apply">, frames: DeltaFrame[], now: number): Statement[] {
  const eventId = host.event().config.id;
  return frames.map((f) => {
    const tables = draft.apply(f);
    if (tables.length) (f as { tables?: unknown }).tables = tables;
    return insertChange(host.db, eventId, f, now);
  });
}

/** Starts the afterCommit of each committed plan without waiting for it: a failure is logged, never the command's. */
function startEffects(host: CommandHost, committed: Committed[]): void {
  for (const { request, ctx, plan } of committed) {
    const { command } = request;
    if (!command.afterCommit) continue;
    const work = Promise.resolve()
      .then(() => command.afterCommit!(plan, ctx))
      .catch((error: unknown) => console.error(`EventCoordinator ${request.name}: afterCommit failed`, error));
    host.waitUntil(work);
  }
}

/** One command in its own batch. */
export async function runOne(host: CommandHost, request: Request): Promise<Result<object>> {
  const { ctx, outcome } = await decideOn(host, request, await host.state());
  if ("ok" in outcome) return outcome;
  if (outcome.kind === "answer") return { ok: true, ...outcome.result };
  const draft = host.tableDraft();
  const statements = [...outcome.statements, ...changeRows(host, draft, outcome.frames, ctx.now)];
  try {
    await host.db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    // Nothing of the batch was stored; the cached state may be behind D1, so read it again next time.
    host.setState(undefined);
    const known = await request.command.onCommitError?.(ctx, request.input, error);
    if (!known && isDiskFull(error)) {
      console.error(`EventCoordinator ${request.name}: the disk is full`, error);
      return fail("DISK_FULL", DISK_FULL_MESSAGE);
    }
    if (!known) throw error;
    return "ok" in known ? known : { ok: true, ...known.result };
  }
  host.setState(outcome.state);
  draft.commit();
  for (const frame of outcome.frames) host.broadcast(frame);
  startEffects(host, [{ request, ctx, plan: outcome }]);
  return { ok: true, ...outcome.result };
}

async function settle(job: Job, run: () => Promise<Result<object>>): Promise<void> {
  try {
    job.resolve(await run());
  } catch (error) {
    job.reject(error);
  }
}

/**
 * Several commands in one batch. Nothing is answered before the batch is committed: a refusal
 * may depend on an earlier order of the group (the last of a quota), so it too waits, and on a
 * failed batch every job is decided again on its own.
 */
export async function runGroup(host: CommandHost, jobs: Job[]): Promise<void> {
  if (jobs.length === 1) return settle(jobs[0]!, () => runOne(host, jobs[0]!));
  let state: CoordinatorState;
  try {
    state = await host.state();
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  }
  const decided: { job: Job; outcome: Outcome<object> | undefined; error?: unknown }[] = [];
  const committed: Committed[] = [];
  const statements: Statement[] = [];
  const frames: DeltaFrame[] = [];
  const draft = host.tableDraft();
  for (const job of jobs) {
    try {
      const { ctx, outcome } = await decideOn(host, job, state);
      decided.push({ job, outcome });
      if ("ok" in outcome || outcome.kind === "answer") continue;
      statements.push(...outcome.statements, ...changeRows(host, draft, outcome.frames, ctx.now));
      frames.push(...outcome.frames);
      committed.push({ request: job, ctx, plan: outcome });
      state = outcome.state;
    } catch (error) {
      // A read that failed for this job alone: the others go on; it gets its error.
      decided.push({ job, outcome: undefined, error });
    }
  }
  if (statements.length) {
    try {
      await host.db.batch(statements as [Statement, ...Statement[]]);
    } catch {
      host.setState(undefined);
      for (const job of jobs) await settle(job, () => runOne(host, job));
      return;
    }
    host.setState(state);
    draft.commit();
    for (const frame of frames) host.broadcast(frame);
    startEffects(host, committed);
  }
  for (const { job, outcome, error } of decided) {
    if (!outcome) job.reject(error);
    else if ("ok" in outcome) job.resolve(outcome);
    else job.resolve({ ok: true, ...outcome.result });
  }
}
