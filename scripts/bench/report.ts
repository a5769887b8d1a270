// Bench "report": the time `npm run report` takes for a big evening. Starts the server as
// `npm start` does (loopback, fresh data folder), places N orders (default 20,000) from 8 clients,
// pays and bumps half of them, stops the server, then times `node scripts/report.ts` writing the
// PDF and the five CSV files (the target: under 10 s for 20,000 orders).
//   node scripts/bench/report.ts [--orders N] [--keep]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Order } from "../../worker/protocol.ts";
import { ROOT, getMenu, indexMenu, login, machineInfo, placeOrder, randomOrder, rng, startServerProcess, stopServer } from "../lib/loadClient.ts";
import { closeEvening } from "./closing.ts";

const { values: args } = parseArgs({ options: { orders: { type: "string", default: "20000" }, keep: { type: "boolean", default: false } } });
const total = Number(args.orders);
if (!Number.isInteger(total) || total < 1) {
  console.error(`--orders must be a whole number above 0, not "${args.orders}"`);
  process.exit(1);
}

const data = mkdtempSync(join(tmpdir(), "mini-pos-bench-report-"));
const server = await startServerProcess(data);
const orders: Order[] = [];
try {
  const waiters = await Promise.all(Array.from({ length: 8 }, (_, i) => login(server.base, `Bench ${i + 1}`, "waiter")));
  const stations = [await login(server.base, "Theke", "station")];
  const menu = await getMenu(server.base, waiters[0]!);
  const index = indexMenu(menu);
  const random = rng(9);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    waiters.map(async (cookie) => {
      while (next < total) {
        next++;
        const result = await placeOrder(server.base, cookie, randomOrder(index, random, menu.stations.map((s) => s.id)));
        if (!result.order) throw new Error(`order refused: ${result.status} ${result.error}`);
        orders.push(result.order);
        if (orders.length % 2000 === 0) console.log(`  ${orders.length} orders, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }),
  );
  console.log(`Placed ${orders.length} orders in ${((performance.now() - started) / 1000).toFixed(1)} s; paying and bumping half of them …`);
  const closing = await closeEvening(server.base, orders.slice(0, Math.floor(orders.length / 2)), waiters, stations, 8);
  console.log(`Paid and bumped ${closing.orders} orders in ${closing.seconds.toFixed(1)} s`);
} finally {
  await stopServer(server);
}

const pdf = join(data, "report.pdf");
const began = performance.now();
const run = spawnSync(process.execPath, [join(ROOT, "scripts/report.ts"), "--data", data, "--out", pdf, "--csv", join(data, "csv")], { cwd: ROOT, encoding: "utf8" });
const seconds = (performance.now() - began) / 1000;
if (run.status !== 0) {
  console.error(`npm run report failed (${run.status}):\n${run.stdout}${run.stderr}`);
  process.exit(1);
}
console.log(run.stdout.trim());
console.log(JSON.stringify({ bench: "report", orders: orders.length, reportSeconds: Number(seconds.toFixed(2)), pdfBytes: statSync(pdf).size, itemsCsvBytes: statSync(join(data, "csv", "items.csv")).size, machine: machineInfo() }));
if (args.keep) console.log(`Data kept in ${data}`);
else rmSync(data, { recursive: true, force: true });
