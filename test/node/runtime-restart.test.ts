// `npm start` runs workerd as its only child (scripts/lib/workerd.ts): if the runtime dies in the
// middle of the evening it is started again on the same port with the orders it had, and Ctrl-C
// (here SIGTERM) takes the runtime down with it, leaving the port free.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { descendants, getMenu, http, indexMenu, login, placeOrder, randomOrder, rng } from "../../scripts/lib/loadClient.ts";
import { freePort, root, runScript, type Run } from "./cli.ts";

const running: Run[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null) run.child.kill("SIGTERM");
    await run.exited;
  }
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function processName(pid: number): string {
  try {
    return /^Name:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "";
  } catch {
    return "";
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("npm start and its runtime", () => {
  it("starts workerd again when it dies during the evening, on the same port and with the orders", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-restart-"));
    folders.push(data);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // config.json has fixed PINs, which the load client reads and logs in with.
    const run = runScript("start.ts", ["--port", String(port), "--host", "127.0.0.1", "--data", data, "--config", join(root, "config.json")]);
    running.push(run);
    await run.waitFor("Press Ctrl-C to stop.", 60_000);

    // the server's processes: workerd (miniflare and esbuild stayed in a process that is gone)
    const children = descendants(run.child.pid!).map(processName);
    expect(children).toContain("workerd");
    expect(children).not.toContain("node");
    expect(children).not.toContain("esbuild");

    const waiter = await login(base, "Kim", "waiter");
    const menu = indexMenu(await getMenu(base, waiter));
    const placed = await placeOrder(base, waiter, randomOrder(menu, rng(7), ["bar"]));
    expect(placed.status).toBe(201);

    const workerd = descendants(run.child.pid!).find((pid) => processName(pid) === "workerd")!;
    process.kill(workerd, "SIGKILL");
    await run.waitFor("starting it again", 30_000);
    await expect.poll(async () => (await fetch(`${base}/api/v1/health`).catch(() => undefined))?.status, { timeout: 30_000, interval: 100 }).toBe(200);
    const again = await http(base, "GET", `/api/v1/orders/${placed.order!.id}`, { cookie: waiter });
    expect(again.status).toBe(200);
    expect(again.body.order.totalCents).toBe(placed.order!.totalCents);

    const restarted = descendants(run.child.pid!).filter((pid) => processName(pid) === "workerd");
    expect(restarted).toHaveLength(1);
    expect(restarted).not.toContain(workerd);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("SIGTERM: stopping");
    expect(processName(restarted[0]!)).toBe(""); // gone with the server
    expect(await portIsFree(port)).toBe(true);
  });
});
