// Run by Node inside the guest of debian-kernel.ts (plain JavaScript: it is copied there as it is).
// Asks the workerd with process id `pid` for the first request until the answer contains the
// expected text or workerd exits, then makes the other requests once each, in order, as a phone
// would (the session cookie kept, the Origin header set, JSON bodies), and prints one "@@ " report
// line each, with the guest's uptime. Node asks because busybox's wget crashes on a refused connection.
//   node guestProbe.mjs <name> <port> <pid> '<GuestRequest[] as JSON (guestInit.ts)>'
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

const [name, port, pid, requestsJson] = process.argv.slice(2);
const requests = JSON.parse(requestsJson);
const base = `http://127.0.0.1:${port}`;
const up = () => readFileSync("/proc/uptime", "utf8").split(" ")[0];
const alive = () => existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] !== "Z";
const remembered = {};
let cookie = "";

async function ask({ path, method = "GET", body, remember }) {
  const headers = { origin: base, ...(cookie ? { cookie } : {}) };
  if (body !== undefined) headers["content-type"] = "application/json";
  const text = body?.replaceAll("$uuid", randomUUID()).replace(/"\$(\w+)"/g, (_, key) => JSON.stringify(remembered[key]));
  const response = await fetch(`${base}${path}`, { method, headers, body: text, signal: AbortSignal.timeout(120_000) });
  const set = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (set.length) cookie = [...new Map([...cookie.split("; ").filter(Boolean), ...set].map((c) => [c.split("=")[0], c])).values()].join("; ");
  const answer = await response.text();
  if (remember) remembered[remember] = JSON.parse(answer)[remember];
  return `${response.status} ${answer}`;
}

let served = false;
const until = Date.now() + 20 * 60_000;
while (!served && alive() && Date.now() < until) {
  served = await ask(requests[0]).then((text) => text.includes(requests[0].expect), () => false);
  if (!served) await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!served) {
  console.log(`@@ ${name} not-served ${up()}`);
} else {
  console.log(`@@ ${name} served ${requests[0].path} ${up()}`);
  for (const request of requests.slice(1)) {
    const text = await ask(request).catch((error) => String(error));
    const label = `${request.method ?? "GET"} ${request.path}`;
    console.log(text.includes(request.expect) ? `@@ ${name} served ${request.path} ${up()} (${label}: ${text.slice(0, 3)})` : `@@ ${name} failed ${request.path} ${label}: ${text.slice(0, 300).replace(/\s+/g, " ")}`);
  }
  console.log(`@@ ${name} rss peak ${/VmHWM:\s*(\d+ kB)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]}`);
}
