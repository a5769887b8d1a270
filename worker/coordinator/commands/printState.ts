// The sender's state changes (worker/print/queue.ts): a job being sent, printed, waiting again
// after a failure, unsure after a restart, stale after too long a wait; and printer states
// (offline, paper out, back). Each goes through the coordinator like every change, is written to
// D1 and reaches the screens as print.changed. A job whose state is no longer what the sender
// saw (a station cancelled it meanwhile) is left as it is.
import type { Command } from "../command.ts";
import { answer } from "../command.ts";
import { readJobsByIds, readWaitingCounts } from "../../db/printJobs.ts";
import { printChange } from "./printCommon.ts";
import type { PrintJob, PrintJobState } from "../../protocol.ts";

export interface PrintStateInput {
  /** Each job after the change, and the state it must be in before it. */
  jobs: { from: PrintJobState; job: PrintJob }[];
  /** Printers whose state changed (the sender's memory holds it; the frame carries it). */
  printers: string[];
}
interface PrintStateData {
  current: Map<string, PrintJob>;
  counts: Map<string, number>;
}
type PrintStateResult = { applied: string[] };

export const printState: Command<PrintStateInput, PrintStateData, PrintStateResult> = {
  permission: "read",

  /** Written together with the orders that arrive meanwhile (group commit): printing adds no D1 round trip of its own to a busy chain. */
  groupKey: () => `print:${crypto.randomUUID()}`,

  async load({ db, event }, _state, { jobs }) {
    const eventId = event.config.id;
    const [current, counts] = await Promise.all([readJobsByIds(db, eventId, jobs.map((j) => j.job.id)), readWaitingCounts(db, eventId)]);
    return { current, counts };
  },

  decide(ctx, state, { jobs, printers }, { current, counts }) {
    const changes = jobs.flatMap(({ from, job }) => {
      const before = current.get(job.id);
      return before && before.state === from ? [{ before, after: job }] : [];
    });
    if (!changes.length && !printers.length) return answer({ applied: [] });
    const change = printChange(ctx, state, counts, changes, printers);
    return { kind: "plan", statements: change.statements, frames: [change.frame], state: change.state, result: { applied: changes.map((c) => c.after.id) } };
  },
};
