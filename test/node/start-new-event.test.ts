// After "new event" on /admin, a restart names the event that runs (not config.json's) in the
// banner, on access.html and on every page (GET /event/public, which the login pages show).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, root, runScript, type Run } from "./cli.ts";

const running: Run[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
});

async function start(data: string): Promise<{ run: Run; base: string }> {
  const port = await freePort();
  const run = runScript("start.ts", ["--port", String(port), "--host", "127.0.0.1", "--data", data, "--config", join(root, "config.json")]);
  running.push(run);
  await run.waitFor("Press Ctrl-C to stop.", 90_000);
  return { run, base: `http://127.0.0.1:${port}` };
}

describe("npm start after a new event was started on /admin", () => {
  it("names the event that runs in the banner, on access.html and on the pages", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-new-event-"));
    const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
    const first = await start(data);
    expect(first.run.output()).toContain(`Mini POS is running: ${config.name}`);
    const origin = { "content-type": "application/json", origin: first.base };
    const login = await fetch(`${first.base}/api/v1/login`, { method: "POST", headers: origin, body: JSON.stringify({ name: "Chef", pin: config.access.adminPin }) });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const started = await fetch(`${first.base}/api/v1/events`, { method: "POST", headers: { ...origin, cookie }, body: JSON.stringify({ id: "herbstfest-2026", name: "Herbstfest TSV 2026" }) });
    expect(started.status, await started.clone().text()).toBe(201);
    first.run.child.kill("SIGTERM");
    await first.run.exited;
    running.length = 0;

    const again = await start(data);
    expect(again.run.output()).toContain("Mini POS is running: Herbstfest TSV 2026");
    expect(again.run.output()).not.toContain(config.name);
    const page = readFileSync(join(data, "access.html"), "utf8");
    expect(page).toContain("<h1>Herbstfest TSV 2026</h1>");
    expect(page).not.toContain(config.name);
    expect(await (await fetch(`${again.base}/api/v1/event/public`)).json()).toEqual({ name: "Herbstfest TSV 2026", language: "de" });
  }, 240_000);
});
