// The end-of-night report for the organiser: GET /report (every figure as JSON) and
// GET /report/<file>.csv (orders, items, payments, voids, settlements). Admin only; reads D1 directly.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent } from "../config/event.ts";
import { eventDb } from "../db/eventDb.ts";
import { ApiError } from "../errors.ts";
import { REPORT_CSV_FILES, type ReportCsvFile } from "../protocol.ts";
import { csvText } from "../report/csv.ts";
import { isTimeZone } from "../report/isoTime.ts";
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
    const { db } = eventDb(c.env);
    return c.json(await readReport(db, loadEvent(c.env), window));
  })
  .get("/report/:file", requireRole("report.read"), valid("param", fileParam), valid("query", windowQuery), async (c) => {
    const query = c.req.valid("query");
    const window = windowOf(query);
    const file = c.req.valid("param").file.replace(/\.csv$/, "") as ReportCsvFile;
    const { db, eventId } = eventDb(c.env);
    const text = csvText(file, await readRecords(db, eventId, file, window), query.tz ?? "UTC");
    return c.body(text, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${eventId}-${file}.csv"` });
  });
