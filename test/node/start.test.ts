// `npm start` as the organiser uses it: a bad config stops it, PINs are generated once and kept,
// it serves the API and the app, and SIGTERM stops it cleanly.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderSVG } from "uqr";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, root, runScript, type Run } from "./cli.ts";

const running: Run[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
});

async function start(args: string[], env: Record<string, string> = {}): Promise<{ run: Run; base: string }> {
  const port = await freePort();
  const run = runScript("start.ts", ["--port", String(port), "--host", "127.0.0.1", ...args], env);
  running.push(run);
  await run.waitFor("Press Ctrl-C to stop.", 60_000);
  return { run, base: `http://127.0.0.1:${port}` };
}

function pinsIn(output: string) {
  const m = output.match(/waiter (\d+) {2}· {2}station (\d+) {2}· {2}admin (\d+)/);
  if (!m) throw new Error(`no PINs in output:\n${output}`);
  return { waiter: m[1]!, station: m[2]!, admin: m[3]! };
}

describe("npm start", () => {
  it("refuses a bad config, listing the problems, with a non-zero exit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mini-pos-start-"));
    const bad = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
    bad.products[0].category = "nope";
    bad.access.adminPin = "123";
    writeFileSync(join(dir, "config.json"), JSON.stringify(bad));
    const run = runScript("start.ts", ["--config", join(dir, "config.json"), "--data", join(dir, "data")]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('products[0].category: unknown category "nope"');
    expect(run.output()).toContain("access.adminPin: must be 4 to 8 digits");
  });

  it("rejects a bad option with its usage", async () => {
    const run = runScript("start.ts", ["--port", "eighty"]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("--port must be a whole number");
  });

  it("generates PINs when the config has none, prints them, and keeps them across restarts", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-data-"));
    const config = join(root, "examples/config.minimal.json");
    const first = await start(["--config", config, "--data", data]);
    expect(first.run.output()).toContain("generated on first start");
    expect(first.run.output()).toMatch(/Waiters \(phones\): {4}http:\/\/127\.0\.0\.1:\d+\/service/);
    const pins = pinsIn(first.run.output());
    const login = await fetch(`${first.base}/api/v1/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: first.base },
      body: JSON.stringify({ name: "Kim", pin: pins.waiter }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ name: "Kim", role: "waiter" });
    first.run.child.kill("SIGTERM");
    expect(await first.run.exited).toBe(0);
    expect(first.run.output()).toContain("SIGTERM: stopping");

    const second = await start(["--config", config, "--data", data]);
    expect(pinsIn(second.run.output())).toEqual(pins);
  });

  it("writes the QR codes as a page to print into the data folder, without the PINs (for a server run as a service)", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-data-"));
    // Not a terminal (as under systemd): no QR codes in the output, but the page's path.
    const { run } = await start(["--config", join(root, "examples/config.minimal.json"), "--data", data]);
    const pins = pinsIn(run.output());
    expect(run.output()).not.toMatch(/Waiters +Stations/);
    expect(run.output()).toContain(`QR codes to print (no PINs): ${join(data, "access.html")}`);
    const page = readFileSync(join(data, "access.html"), "utf8");
    const waiters = run.output().match(/Waiters \(phones\): +(\S+)/)![1]!;
    const stations = run.output().match(/Bar and kitchen: +(\S+)/)![1]!;
    expect(waiters).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/service$/);
    // The codes are the ones of the start screen's addresses, with the addresses written under them.
    for (const [label, url] of [["Waiters (phones)", waiters], ["Bar and kitchen", stations]]) {
      expect(page).toContain(renderSVG(url!, { border: 2 }));
      expect(page).toContain(`<strong>${label}</strong><br>${url}`);
    }
    expect(page).toContain(`${waiters.replace("/service", "/bar/pickup")}`);
    expect(page).toContain("The PINs are left off this page on purpose");
    const text = page.replace(/<svg[\s\S]*?<\/svg>/g, "");
    for (const pin of Object.values(pins)) expect(text).not.toContain(pin);
  });

  it("serves the API, the app's pages and their SPA routes", async () => {
    const data = mkdtempSync(join(tmpdir(), "mini-pos-data-"));
    // On a terminal (here forced, as the output is a pipe) it also prints a QR code for waiters and one for stations.
    const { base, run } = await start(["--data", data], { MINI_POS_QR: "1" });
    expect(run.output()).toMatch(/Waiters +Stations\n(.*[█▀▄].*\n){10,}/);
    // The page to print speaks the event's language (config.json: German).
    const page = readFileSync(join(data, "access.html"), "utf8");
    expect(page).toContain('<html lang="de">');
    expect(page).toContain("<strong>Bedienungen (Handy)</strong>");
    expect(page).toContain("Die PINs stehen absichtlich nicht auf dieser Seite");
    expect(await (await fetch(`${base}/api/v1/health`)).json()).toMatchObject({ ok: true });
    for (const path of ["/", "/service", "/bar", "/bar/kitchen", "/admin"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain("text/html");
      // Nothing may be loaded from another host, and no inline script may run (frontend/public/_headers).
      expect(res.headers.get("content-security-policy"), path).toContain("script-src 'self'");
      expect(res.headers.get("x-mf-additional-response-log"), path).toBeNull();
    }
    // Over a shared WiFi the app's script travels gzipped (fetch asks for it and unpacks it).
    const script = (await (await fetch(`${base}/service`)).text()).match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const gzipped = await fetch(`${base}${script}`);
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(await gzipped.text()).toContain("__vite__mapDeps");
    const plain = await fetch(`${base}${script}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    // The API's GET answers too; answers to POST (an order's, on the busiest path) never.
    expect((await fetch(`${base}/api/v1/health`)).headers.get("content-encoding")).toBe("gzip");
    const posted = await fetch(`${base}/api/v1/logout`, { method: "POST", headers: { origin: base, "content-type": "application/json" } });
    expect(posted.headers.get("content-encoding")).toBeNull();
    const unknown = await fetch(`${base}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("serves HTTPS with the given certificate, for the offline app shell on phones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mini-pos-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=pos.local"], { stdio: "ignore" });
    const port = await freePort();
    const run = runScript("start.ts", ["--port", String(port), "--host", "127.0.0.1", "--data", join(dir, "data"), "--tls-cert", join(dir, "cert.pem"), "--tls-key", join(dir, "key.pem")]);
    running.push(run);
    await run.waitFor("Press Ctrl-C to stop.", 60_000);
    expect(run.output()).toContain(`https://127.0.0.1:${port}/service`);
    const served = await new Promise<{ status?: number; subject?: string; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/v1/health", rejectUnauthorized: false }, (res) => {
        let body = "";
        const subject = String((res.socket as import("node:tls").TLSSocket).getPeerCertificate().subject?.CN);
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode, subject, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(served).toMatchObject({ status: 200, subject: "pos.local" });
    expect(JSON.parse(served.body)).toMatchObject({ ok: true });
  });

  it("refuses a certificate without its key", async () => {
    const run = runScript("start.ts", ["--tls-cert", "cert.pem"]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("--tls-cert and --tls-key go together");
  });
});
