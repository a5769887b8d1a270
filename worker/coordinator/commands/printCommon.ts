// Pieces the print commands share: the print.changed frame of a set of job changes (with the
// states of the printers they touch), and a job made on request (a reprint, a ticket again, a
// receipt), exactly once by the id the screen made.
import type { CommandContext, CoordinatorState, Outcome } from "../command.ts";
import { answer } from "../command.ts";
import { insertJobs, newJobView, updateJob, type StoredJob } from "../../db/printJobs.ts";
import { statusesAfter } from "../../print/status.ts";
import type { NewJob } from "../../print/documents.ts";
import { fail } from "../../errors.ts";
import type { PrintChangedFrame, PrintJob } from "../../protocol.ts";

/** The frame and statements of job changes; `counts`: the waiting jobs per printer before them. */
export function printChange(ctx: CommandContext, state: CoordinatorState, counts: Map<string, number>, changes: { before: PrintJob | undefined; after: PrintJob }[], printers: Iterable<string> = []) {
  const frame: PrintChangedFrame = {
    type: "print.changed",
    seq: state.seq + 1,
    jobs: changes.map((c) => c.after),
    printers: statusesAfter(ctx.event.config, ctx.print, printers, counts, changes),
  };
  const statements = changes.filter((c) => c.before).map((c) => updateJob(ctx.db, c.after));
  return { frame, statements, state: { ...state, seq: frame.seq } };
}

export type JobResult = { job: PrintJob; replay: boolean };

/**
 * A job of its own with a screen-made id: the same id and request again answers the stored job,
 * the same id with another request is a conflict; otherwise `make` builds it (or refuses).
 */
export function requestedJobPlan(
  ctx: CommandContext,
  state: CoordinatorState,
  existing: StoredJob | undefined,
  counts: Map<string, number>,
  make: (seq: number) => NewJob | ReturnType<typeof fail>,
): Outcome<JobResult> {
  if (existing) {
    return existing.bodyHash === ctx.requestHash ? answer({ job: existing.job, replay: true }) : fail("ID_CONFLICT", "a print job with this id exists with other content", "id");
  }
  const made = make(state.seq + 1);
  if ("ok" in made) return made;
  const view = newJobView(made);
  const change = printChange(ctx, state, counts, [{ before: undefined, after: view }]);
  return {
    kind: "plan",
    statements: [...insertJobs(ctx.db, ctx.event.config.id, [made]), ...change.statements],
    frames: [change.frame],
    state: change.state,
    result: { job: view, replay: false },
  };
}

/** A printer must still be in the config to print on it. */
export function noPrinter(what: string) {
  return fail("NO_PRINTER", `${what} has no printer in config.json`, "printer");
}
