// Running commands inside the coordinator's exclusive chain: check, read, decide, commit with the
// change-log rows of its frames in one atomic D1 batch, and only then answer and broadcast
// (durable before visible). `runOne` is one command in its own batch; `runGroup` is several orders
// that arrived while the chain was busy, decided one after another on the state the ones before
// them leave, and written in one batch — if that batch fails, nothing of it was stored and each
// runs again on its own, so a bad one cannot lose or double the others.
import type { LoadedEvent } from "../config/event.ts";
import * as q from "../db/queries.ts";
import { fail, type Result } from "../errors.ts";
import { can } from "../auth/permissions.ts";
import type { DeltaFrame, Session } from "../protocol.ts";
import type { Command, CommandContext, CoordinatorState, Outcome } from "./command.ts";

/** What the runner needs of the Durable Object. */
export interface CommandHost {
  readonly db: q.Db;
  event(): LoadedEvent;
  /** The cached state, loaded from D1 if there is none. */
  state(): Promise<CoordinatorState>;
  /** After a commit the next state; undefined when the cache may be behind D1 (read it again). */
  setState(state: CoordinatorState | undefined): void;
  broadcast(frame: DeltaFrame): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commands of every shape go through here
export type AnyCommand = Command<any, any, any>;

export interface Job {
  command: AnyCommand;
  actor: Session;
  input: unknown;
  resolve(result: Result<object>): void;
  reject(error: unknown): void;
}

/** Permission, load, decide on `state`; a refused command may still find its replay. */
async function decideOn(host: CommandHost, job: Job, state: CoordinatorState): Promise<{ ctx: CommandContext; outcome: Outcome<object> }> {
  const { command, actor, input } = job;
  const ctx: CommandContext = { event: host.event(), db: host.db, actor, now: Date.now() };
  const permission = typeof command.permission === "function" ? command.permission(input) : command.permission;
  if (!can(actor.role, permission)) return { ctx, outcome: fail("FORBIDDEN", `a ${actor.role} cannot do ${permission}`) };
  const data = await command.load(ctx, state, input);
  let outcome: Outcome<object> = command.decide(ctx, state, input, data);
  if ("ok" in outcome && command.onRefused) outcome = await command.onRefused(ctx, input, outcome);
  return { ctx, outcome };
}

function changeRows(host: CommandHost, frames: DeltaFrame[], now: number): q.Statement[] {
  const eventId = host.event().config.id;
  return frames.map((f) => q.insertChange(host.db, eventId, f, now));
}

/** One command in its own batch. */
export async function runOne<T extends object>(host: CommandHost, command: Command<unknown, unknown, T>, actor: Session, input: unknown): Promise<Result<T>> {
  const job = { command, actor, input } as Job;
  const { ctx, outcome } = await decideOn(host, job, await host.state());
  if ("ok" in outcome) return outcome;
  if (outcome.kind === "answer") return { ok: true, ...(outcome.result as T) };
  const statements = [...outcome.statements, ...changeRows(host, outcome.frames, ctx.now)];
  try {
    await host.db.batch(statements as [q.Statement, ...q.Statement[]]);
  } catch (error) {
    // Nothing of the batch was stored; the cached state may be behind D1, so read it again next time.
    host.setState(undefined);
    const known = await command.onCommitError?.(ctx, input, error);
    if (!known) throw error;
    return "ok" in known ? known : { ok: true, ...known.result };
  }
  host.setState(outcome.state);
  for (const frame of outcome.frames) host.broadcast(frame);
  return { ok: true, ...(outcome.result as T) };
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
  if (jobs.length === 1) return settle(jobs[0]!, () => runOne(host, jobs[0]!.command, jobs[0]!.actor, jobs[0]!.input));
  let state: CoordinatorState;
  try {
    state = await host.state();
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  }
  const decided: { job: Job; outcome: Outcome<object> | undefined; error?: unknown }[] = [];
  const statements: q.Statement[] = [];
  const frames: DeltaFrame[] = [];
  for (const job of jobs) {
    try {
      const { ctx, outcome } = await decideOn(host, job, state);
      decided.push({ job, outcome });
      if ("ok" in outcome || outcome.kind === "answer") continue;
      statements.push(...outcome.statements, ...changeRows(host, outcome.frames, ctx.now));
      frames.push(...outcome.frames);
      state = outcome.state;
    } catch (error) {
      // A read that failed for this job alone: the others go on; it gets its error.
      decided.push({ job, outcome: undefined, error });
    }
  }
  if (statements.length) {
    try {
      await host.db.batch(statements as [q.Statement, ...q.Statement[]]);
    } catch {
      host.setState(undefined);
      for (const job of jobs) await settle(job, () => runOne(host, job.command, job.actor, job.input));
      return;
    }
    host.setState(state);
    for (const frame of frames) host.broadcast(frame);
  }
  for (const { job, outcome, error } of decided) {
    if (!outcome) job.reject(error);
    else if ("ok" in outcome) job.resolve(outcome);
    else job.resolve({ ok: true, ...outcome.result });
  }
}
