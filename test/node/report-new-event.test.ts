// `npm run report` after "new event" on /admin: it reports the event the data folder runs now by
// default; when that one has no orders (the evening's are in the event before) it lists the folder's
// events with their dates and order counts and how to pick one.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiLogin, placeOrder } from "../browser/api-client.ts";
import { startTestServer } from "../browser/harness.ts";
import { root, runScript } from "./cli.ts";

const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));

async function report(args: string[]) {
  const run = runScript("report.ts", args);
  return { code: await run.exited, output: run.output() };
}

describe("npm run report after a new event", () => {
  it("defaults to the running event and, when it has no orders, lists the events and how to pick one", async () => {
    const work = mkdtempSync(join(tmpdir(), "mini-pos-report-events-"));
    const data = join(work, "data");
    const server = await startTestServer(undefined, { data });
    try {
      const waiter = await apiLogin(server.base, "Anna", config.access.waiterPin);
      await placeOrder(waiter, config.tables.list[0].name, [{ product: config.products[0].id, qty: 2 }]);
      await placeOrder(waiter, config.tables.list[1].name, [{ product: config.products[1].id, qty: 1 }]);
      const admin = await apiLogin(server.base, "Chef", config.access.adminPin);
      const started = await admin.post("/events", { id: "herbstfest-2026", name: "Herbstfest TSV 2026", openBills: "keep" });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
    } finally {
      await server.stop();
    }

    const running = await report(["--data", data, "--out", join(work, "now.pdf")]);
    expect(running.code).toBe(1);
    const lines = running.output.trim().split("\n");
    expect(lines[0]).toBe('event "herbstfest-2026" has no orders: nothing to report.');
    expect(lines[1]).toBe("The events in this data folder:");
    expect(lines[2]).toMatch(new RegExp(`^  ${config.id} +${config.name}, .+ – .+, 2 orders$`));
    expect(lines[3]).toMatch(/^  herbstfest-2026 +Herbstfest TSV 2026, since .+ \(running\), 0 orders {2}← asked for$/);
    expect(lines[4]).toBe(`Pick one with --event, e.g.: npm run report -- --event ${config.id}`);

    const picked = await report(["--data", data, "--event", config.id, "--out", join(work, "before.pdf")]);
    expect(picked.code, picked.output).toBe(0);
    expect(picked.output).toContain(`Wrote ${join(work, "before.pdf")}`);
  }, 240_000);
});
