// Effects after commit (Command.afterCommit, run by coordinator/commandRunner.ts): work that must
// happen once a command's batch is durable and must never delay its answer, such as printing a
// ticket. A small command defined here runs through the runner inside the real coordinator, with
// its real D1 and host: the effect sees what the command committed; an effect that throws or never
// finishes leaves the command's answer as it is, and the answer does not wait for it.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { EventCoordinator } from "../../worker/coordinator/EventCoordinator.ts";
import type { Command, Plan } from "../../worker/coordinator/command.ts";
import { requestOf, runGroup, runOne, type CommandHost, type Job } from "../../worker/coordinator/commandRunner.ts";
import { settings } from "../../worker/db/schema.ts";
import type { Result } from "../../worker/errors.ts";
import type { AvailabilityChangedFrame, Session } from "../../worker/protocol.ts";
import { currentSeq, EVENT_ID } from "./helpers.ts";

const actor: Session = { name: "Tester", role: "admin" };
type Noted = { key: string; seq: number };

/** A command that stores one settings row and broadcasts an empty availability change; `effect` is its afterCommit. */
function noteCommand(effect: (plan: Plan<Noted>, row: () => Promise<string | undefined>) => Promise<void>): Command<{ key: string }, undefined, Noted> {
  return {
    permission: "read",
    async load() {
      return undefined;
    },
    decide({ db }, state, { key }) {
      const frame: AvailabilityChangedFrame = { type: "availability.changed", seq: state.seq + 1, menuVersion: state.menuVersion, availability: [] };
      return {
        kind: "plan",
        statements: [db.insert(settings).values({ key, value: "committed" })],
        frames: [frame],
        state: { ...state, seq: frame.seq },
        result: { key, seq: frame.seq },
      };
    },
    afterCommit(plan, { db }) {
      const row = async () => (await db.select().from(settings).where(eq(settings.key, plan.result.key)).get())?.value;
      return effect(plan, row);
    },
  };
}

/** The command's answer, or the test fails with the refusal. */
function noted(result: Result<object>): Noted {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result as unknown as Noted;
}

/** Runs `fn` in the coordinator's exclusive chain with its real host; `log` records the host's broadcasts and effect starts. */
async function inCoordinator<T>(fn: (host: CommandHost, log: string[]) => Promise<T>): Promise<{ value: T; log: string[] }> {
  return runInDurableObject(env.EVENT_COORDINATOR.getByName(EVENT_ID), async (instance: EventCoordinator) => {
    const self = instance as any;
    const real: CommandHost = self.host;
    const log: string[] = [];
    const host: CommandHost = {
      ...real,
      broadcast: (frame) => {
        log.push(`broadcast ${frame.seq}`);
        real.broadcast(frame);
      },
      waitUntil: (work) => {
        log.push("effect started");
        real.waitUntil(work);
      },
    };
    const value = await self.serialize(() => fn(host, log));
    return { value, log };
  });
}

/** A promise and its resolve (Promise.withResolvers is newer than the worker's ES2023 lib). */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const key = () => `after-commit-test:${crypto.randomUUID()}`;

async function storedValue(k: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT value FROM settings WHERE key = ?").bind(k).first<{ value: string }>())?.value;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("effects after commit", () => {
  it("runs once the batch is durable and broadcast, and sees the command's rows", async () => {
    const seen = deferred<{ row: string | undefined; seq: number }>();
    const command = noteCommand(async (plan, row) => seen.resolve({ row: await row(), seq: plan.result.seq }));
    const k = key();
    const { value: result, log } = await inCoordinator(async (host) => runOne(host, await requestOf("note", command, actor, { key: k })));
    expect(result).toMatchObject({ ok: true, key: k });
    const seq = noted(result).seq;
    expect(log).toEqual([`broadcast ${seq}`, "effect started"]);
    expect(await seen.promise).toEqual({ row: "committed", seq });
    expect(await currentSeq()).toBe(seq);
  });

  it("gives the command's answer when the effect throws, keeps what was written, and logs the failure", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const command = noteCommand(async () => {
      throw new Error("the printer is on fire");
    });
    const k = key();
    const { value: result } = await inCoordinator(async (host) => runOne(host, await requestOf("note", command, actor, { key: k })));
    expect(result).toMatchObject({ ok: true, key: k });
    expect(await storedValue(k)).toBe("committed");
    await vi.waitFor(() => expect(logged).toHaveBeenCalledWith("EventCoordinator note: afterCommit failed", expect.objectContaining({ message: "the printer is on fire" })));
    // The next command runs as usual.
    const next = key();
    const { value: after } = await inCoordinator(async (host) => runOne(host, await requestOf("note", command, actor, { key: next })));
    expect(after).toMatchObject({ ok: true, key: next, seq: noted(result).seq + 1 });
  });

  it("answers while an effect has not finished (an effect that never ends does not delay the answer)", async () => {
    const release = deferred<void>();
    let finished = false;
    const command = noteCommand(async () => {
      await release.promise;
      finished = true;
    });
    const k = key();
    const { value: result } = await inCoordinator(async (host) => runOne(host, await requestOf("note", command, actor, { key: k })));
    expect(result).toMatchObject({ ok: true, key: k });
    expect(finished).toBe(false);
    expect(await storedValue(k)).toBe("committed");
    release.resolve();
    await vi.waitFor(() => expect(finished).toBe(true));
  });

  it("runs the effect of each command of a group commit after the group's one batch", async () => {
    const seen: Record<string, string | undefined> = {};
    const command = noteCommand(async (plan, row) => {
      seen[plan.result.key] = await row();
    });
    const keys = [key(), key(), key()];
    const { value: results, log } = await inCoordinator(async (host) => {
      const answers: Promise<Result<object>>[] = [];
      const jobs: Job[] = [];
      for (const k of keys) {
        const request = await requestOf("note", command, actor, { key: k });
        answers.push(new Promise((resolve, reject) => jobs.push({ ...request, resolve, reject })));
      }
      await runGroup(host, jobs);
      return Promise.all(answers);
    });
    const seqs = results.map((r) => noted(r).seq);
    expect(results.map((r) => noted(r).key)).toEqual(keys);
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
    expect(log).toEqual([...seqs.map((s) => `broadcast ${s}`), "effect started", "effect started", "effect started"]);
    await vi.waitFor(() => expect(seen).toEqual(Object.fromEntries(keys.map((k) => [k, "committed"]))));
  });

  it("starts no effect for a refused command or a command that wrote nothing", async () => {
    let started = 0;
    const effect = async () => {
      started++;
    };
    const refused: Command<{ key: string }, undefined, object> = { ...noteCommand(effect), permission: "event.start" };
    const nothing: Command<{ key: string }, undefined, object> = { ...noteCommand(effect), decide: () => ({ kind: "answer", result: { nothing: true } }) };
    const waiter: Session = { name: "Anna", role: "waiter" };
    const { value, log } = await inCoordinator(async (host) => [
      await runOne(host, await requestOf("refused", refused, waiter, { key: key() })),
      await runOne(host, await requestOf("nothing", nothing, actor, { key: key() })),
    ]);
    expect(value).toEqual([{ ok: false, error: expect.objectContaining({ code: "FORBIDDEN" }) }, { ok: true, nothing: true }]);
    expect(log).toEqual([]);
    expect(started).toBe(0);
  });
});
