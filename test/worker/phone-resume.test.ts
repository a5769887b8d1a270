// A phone back from a WiFi blip is never held up by someone's reconnect loop (issue 23). The
// pickup page's reads of every open order (?view=tickets, open to the waiter PIN) are paced: after
// a read that took t, the next waits 19 t (coordinator/streamSync.ts). A phone's catch-up of a few
// changes, or its own snapshot when it is further behind, reads little and never waits for that.
// Asserted by order, not by time: the phone's frames arrive while a pickup socket still waits.
import { beforeAll, describe, expect, it } from "vitest";
import { login, mustPlaceOrder, type Stream } from "./helpers.ts";
import { insertOpenOrders } from "./bulk-orders.ts";
import { streamsClosedAfterEach } from "./money-helpers.ts";
import { STREAM_LIMITS } from "../../worker/protocol.ts";
import config from "../../config.json";

const stream = streamsClosedAfterEach();
const tables = config.tables.list.map((t) => t.name);

let anna: string;
let bert: string;
let runner: string;
/** Waiters who place the orders Anna's phone misses (a person may send 30 orders at once: ORDER_RATE). */
let others: string[];
beforeAll(async () => {
  [anna, bert, runner] = await Promise.all([login("waiter", "Anna"), login("waiter", "Bert"), login("waiter", "Läufer")]);
  others = await Promise.all(["Carla", "Dora", "Emil"].map((name) => login("waiter", name)));
  // A big evening: 1,000 open orders (2,000 tickets), so that reading every open order takes long
  // enough (well over the 10 ms without a pause) to make the next such read wait.
  const template = await mustPlaceOrder(bert, { table: tables[0], items: [{ product: "pils", qty: 2 }, { product: "kaeseweck", qty: 1, note: "ohne Zwiebeln" }] });
  await insertOpenOrders(template, 999, tables, ["Bert", "Carla", "Dora"], "phone-resume-test");
}, 60_000);

/** The pickup page read every open order just now; a second one waits out the pause it earned. */
async function pickupLoop(): Promise<Stream> {
  const first = await stream(runner, "?view=tickets");
  expect((await first.next(20_000)).orders.length).toBeGreaterThanOrEqual(1000);
  return stream(runner, "?view=tickets");
}

describe("a phone back from a WiFi blip", () => {
  it("gets the order it missed at once while the pickup page's next read of every order waits", { timeout: 60_000 }, async () => {
    const phone = await stream(anna);
    const { seq } = await phone.next(20_000);
    phone.close();
    const waiting = await pickupLoop();
    const missed = await mustPlaceOrder(bert, { table: "B2", items: [{ product: "cola", qty: 1 }] });
    const back = await stream(anna, `?since=${seq}`);
    expect(await back.next(20_000)).toMatchObject({ type: "order.placed", order: { id: missed.id } });
    expect(waiting.received, "the pickup page's second read has not come yet").toEqual([]);
    // It does come once its pause is over.
    expect((await waiting.next(30_000)).type).toBe("snapshot");
  });

  it(`more than ${STREAM_LIMITS.phoneResumeChanges} changes behind, gets its own snapshot at once instead of waiting`, { timeout: 60_000 }, async () => {
    const phone = await stream(anna);
    const { seq } = await phone.next(20_000);
    phone.close();
    for (let i = 0; i <= STREAM_LIMITS.phoneResumeChanges; i++) await mustPlaceOrder(others[i % others.length]!, { table: tables[i % tables.length], items: [{ product: "pils", qty: 1 }] });
    const waiting = await pickupLoop();
    const back = await stream(anna, `?since=${seq}`);
    expect(await back.next(20_000)).toMatchObject({ type: "snapshot", view: "phone" });
    expect(waiting.received, "the pickup page's second read has not come yet").toEqual([]);
    expect((await waiting.next(30_000)).type).toBe("snapshot");
  });
});
