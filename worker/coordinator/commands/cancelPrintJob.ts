// Cancelling a print job from a station screen or /admin: a job that waits, is stale or unsure
// is not printed. One already printed or being sent right now cannot be taken back.
import type { Command } from "../command.ts";
import { answer } from "../command.ts";
import { readJob, readWaitingCounts, type StoredJob } from "../../db/printJobs.ts";
import { printChange, type JobResult } from "./printCommon.ts";
import { fail } from "../../errors.ts";

export interface CancelPrintJobInput {
  jobId: string;
}
interface CancelData {
  stored: StoredJob | undefined;
  counts: Map<string, number>;
}

export const cancelPrintJob: Command<CancelPrintJobInput, CancelData, JobResult> = {
  permission: "ticket.bump",

  async load({ db, event }, _state, { jobId }) {
    const [stored, counts] = await Promise.all([readJob(db, event.config.id, jobId), readWaitingCounts(db, event.config.id)]);
    return { stored, counts };
  },

  decide(ctx, state, { jobId }, { stored, counts }) {
    if (!stored) return fail("NOT_FOUND", `no print job "${jobId}"`, "param.id");
    const job = stored.job;
    if (job.state === "cancelled") return answer({ job, replay: true });
    if (job.state === "printed") return fail("ALREADY_PRINTED", "this job has printed already; nothing to cancel", "param.id");
    if (job.state === "sending") return fail("PRINTING_NOW", "this job is being sent to the printer right now; try again in a moment", "param.id");
    const change = printChange(ctx, state, counts, [{ before: job, after: { ...job, state: "cancelled" } }]);
    return { kind: "plan", statements: change.statements, frames: [change.frame], state: change.state, result: { job: { ...job, state: "cancelled" }, replay: false } };
  },

  async afterCommit(plan, ctx) {
    // A cancelled job that was first in line lets the next one go.
    ctx.print.kick([plan.result.job.printer]);
  },
};
