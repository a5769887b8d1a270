// A server restart with print jobs waiting (issue 21): the jobs are rows in D1, so after the restart
// each one prints exactly once when its printer answers, and nothing printed before prints again.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getMenu, http, login } from "../../scripts/lib/loadClient.ts";
import { FakePrinter } from "../fakePrinter.ts";
import { completeWith, jobs, printingConfig, startPrintServer, until, type PrintServer } from "./print-helpers.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe("printing across a restart", () => {
  it("prints the jobs that waited through a restart once each, and prints nothing twice", async () => {
    const [kitchen, bar, till] = await Promise.all([FakePrinter.start(), FakePrinter.start(), FakePrinter.start()]);
    cleanup.push(() => Promise.all([kitchen, bar, till].map((p) => p.stop())).then(() => {}));
    const config = printingConfig({ kitchen: kitchen.port, bar: bar.port, till: till.port });
    let srv: PrintServer = await startPrintServer(config);
    const data = srv.data;
    cleanup.push(() => srv.stop());

    const waiter = await login(srv.base, "Kim", "waiter");
    const menuVersion = (await getMenu(srv.base, waiter)).version;
    const order = async (table: string) => {
      const res = await http(srv.base, "POST", "/api/v1/orders", { cookie: waiter, body: { id: randomUUID(), table, menuVersion, items: [{ product: "cola", qty: 1 }] } });
      expect(res.status, res.text).toBe(201);
    };
    await order("F1");
    await until("the first Bon", () => completeWith(bar, "Tisch F1").length === 1);

    await bar.setMode("refuse");
    await order("F2");
    await order("F3");
    const station = await login(srv.base, "Theke", "station");
    await until("the jobs waiting", async () => (await jobs(srv.base, station, "theke")).filter((j) => j.state === "waiting").length === 2);
    await srv.stop(true);

    await bar.setMode("ok");
    srv = await startPrintServer(config, data);
    const admin = await login(srv.base, "Chefin", "admin");
    await until("both waiting Bons after the restart", () => completeWith(bar, "Tisch F2").length === 1 && completeWith(bar, "Tisch F3").length === 1, 60_000);
    await until("printed", async () => (await jobs(srv.base, admin, "theke")).every((j) => j.state === "printed"));
    await new Promise((r) => setTimeout(r, 1_500));
    for (const table of ["F1", "F2", "F3"]) expect(completeWith(bar, `Tisch ${table}`), table).toHaveLength(1);
  }, 180_000);
});
