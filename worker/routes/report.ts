// The end-of-night report for the organiser: GET /report (every figure as JSON) and
// GET /report/<file>.csv (orders, items, payments, voids, settlements). Admin only; reads D1 directly,
// through report/pacedReads.ts: an answer is kept until the event's sequence moves, and worked out
// one at a time with pauses, so that reading the report again and again leaves D1 to the waiters.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent } from "../config/event.ts";
import { eventDb } from "../db/eventDb.ts";
import { ApiError } from "../errors.ts";
import { REPORT_CSV_FILES, type ReportCsvFile } from "../protocol.ts";
import { csvText } from "../report/csv.ts";
import { isTimeZone } from "../report/isoTime.ts";
import { pacedRead, readChangeVersion } from "../report/pacedReads.ts";
import { readRecords } from "../report/records.ts";
import { readReport } from "../report/readReport.ts";
import { parseWindow } from "../report/windowInput.ts";
import { valid } from "../validate.ts";

const windowQuery = z.strictObject({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  /** IANA time zone for the CSV times (the browser sends its own); default UTC. */
  tz: z.string().max(64).refine(isTimeZone, "must be a time zone such as Europe/Berlin").optional(),
});

function windowOf(query: { from?: string; to?: string }) {
  const result = parseWindow(query.from, query.to, false);
  if ("error" in result) throw new ApiError("INVALID_INPUT", result.error, `query.${result.path}`);
  return result.window;
}

const fileParam = z.object({
  file: z.string().refine((f) => (REPORT_CSV_FILES as readonly string[]).includes(f.replace(/\.csv$/, "")) && f.endsWith(".csv"), `must be one of ${REPORT_CSV_FILES.map((f) => `${f}.csv`).join(", ")}`),
});

export const reportRoutes = new Hono<AppEnv>()
  .get("/report", requireRole("report.read"), valid("query", windowQuery), async (c) => {
    const window = windowOf(c.req.valid("query"));
    const { db, eventId } = eventDb(c.env);
    const event = loadEvent(c.env);
    const key = JSON.stringify(["report", eventId, event.config.name, window.from, window.to]);
    const work = async () => JSON.stringify(await readReport(db, { ...event, counters: event.info.counters ?? [] }, window));
    const bytes = await pacedRead(key, () => readChangeVersion(db, eventId), work, (p) => c.executionCtx.waitUntil(p));
    return c.body(bytes.slice(), 200, { "content-type": "application/json; charset=UTF-8" });
  })
  .get("/report/:file", requireRole("report.read"), valid("param", fileParam), valid("query", windowQuery), async (c) => {
    const query = c.req.valid("query");
    const window = windowOf(query);
    const file = c.req.valid("param").file.replace(/\.csv$/, "") as ReportCsvFile;
    const { db, eventId } = eventDb(c.env);
    const timeZone = query.tz ?? "UTC";
    const key = JSON.stringify(["csv", eventId, file, window.from, window.to, timeZone]);
    const work = async () => csvText(file, await readRecords(db, eventId, file, window), timeZone);
    const bytes = await pacedRead(key, () => readChangeVersion(db, eventId), work, (p) => c.executionCtx.waitUntil(p));
    return c.body(bytes.slice(), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${eventId}-${file}.csv"` });
  });
