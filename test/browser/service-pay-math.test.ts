// The pay sheet's arithmetic without a browser: grouping a bill into rows, splitting a pick over
// the merged positions oldest first, items being paid, totals, quick cash amounts, change, tips.
import { describe, expect, it } from "vitest";
import type { BillLine } from "../../worker/protocol.ts";
import { changeDue, groupBill, pickedItems, pickedTotals, picksFor, quickTendered, roundUpTips, splitRow } from "../../frontend/src/service/payMath.ts";

const line = (over: Partial<BillLine>): BillLine => ({
  order: "o1",
  line: 0,
  product: "pils",
  name: "Pils",
  options: [],
  note: "",
  unitCents: 300,
  depositCents: 200,
  qty: 1,
  paidQty: 0,
  voidedQty: 0,
  openQty: 1,
  waiter: "Anna",
  orderedAt: 1000,
  ...over,
});

describe("pay arithmetic", () => {
  const bill = [
    line({ order: "o2", line: 0, openQty: 1, orderedAt: 2000 }),
    line({ order: "o1", line: 0, openQty: 2, qty: 3, paidQty: 1 }),
    line({ order: "o1", line: 1, product: "cola", name: "Cola", unitCents: 250, depositCents: 0, openQty: 1 }),
    line({ order: "o2", line: 1, options: ["b", "a"], openQty: 1, orderedAt: 2000 }),
    line({ order: "o3", line: 0, options: ["a", "b"], openQty: 1, orderedAt: 3000 }),
    line({ order: "o3", line: 1, note: "kalt", openQty: 1, orderedAt: 3000 }),
    line({ order: "o3", line: 2, openQty: 0, qty: 1, voidedQty: 1, orderedAt: 3000 }),
  ];

  it("merges lines of the same product, options (in any order), price and note, oldest first; drops closed ones", () => {
    const rows = groupBill(bill);
    expect(rows.map((r) => [r.name, r.options, r.note, r.openQty])).toEqual([
      ["Pils", [], "", 3],
      ["Cola", [], "", 1],
      ["Pils", ["a", "b"], "", 2],
      ["Pils", [], "kalt", 1],
    ]);
    expect(rows[0]!.parts).toEqual([
      { order: "o1", line: 0, qty: 2 },
      { order: "o2", line: 0, qty: 1 },
    ]);
  });

  it("splits a picked quantity over the merged positions, oldest first, never more than is open", () => {
    const [pils] = groupBill(bill);
    expect(splitRow(pils!, 1)).toEqual([{ order: "o1", line: 0, qty: 1 }]);
    expect(splitRow(pils!, 3)).toEqual([
      { order: "o1", line: 0, qty: 2 },
      { order: "o2", line: 0, qty: 1 },
    ]);
    expect(splitRow(pils!, 9)).toHaveLength(2);
    expect(splitRow(pils!, 0)).toEqual([]);
  });

  it("counts items waiting in a payment as being paid, and they cannot be picked", () => {
    const rows = groupBill(bill, [{ order: "o1", line: 0, qty: 2 }]);
    expect([rows[0]!.openQty, rows[0]!.payingQty]).toEqual([1, 2]);
    expect(rows[0]!.parts).toEqual([{ order: "o2", line: 0, qty: 1 }]);
    expect(pickedItems(rows, { [rows[0]!.key]: 3 })).toEqual([{ order: "o2", line: 0, qty: 1 }]);
  });

  it("preselects by (order, line) and totals goods, deposit, returned glasses and tip", () => {
    const rows = groupBill(bill);
    const picks = picksFor(rows, [
      { order: "o2", line: 0, qty: 1 },
      { order: "o1", line: 1, qty: 1 },
    ]);
    expect(Object.values(picks)).toEqual([1, 1]);
    expect(pickedTotals(rows, picks, [{ depositCents: 200, qty: 3 }], 50)).toEqual({
      amountCents: 550,
      depositCents: 200,
      depositReturnCents: 600,
      tipCents: 50,
      totalCents: 200,
    });
  });

  it("offers exact, the next 5, 10, 20 and 50 without repeats, and the change due", () => {
    expect(quickTendered(850)).toEqual([850, 1000, 2000, 5000]);
    expect(quickTendered(1000)).toEqual([1000, 2000, 5000]);
    expect(quickTendered(1234)).toEqual([1234, 1500, 2000, 5000]);
    expect(quickTendered(5000)).toEqual([5000, 6000]);
    expect(quickTendered(0)).toEqual([]);
    expect(quickTendered(-400)).toEqual([]);
    expect(changeDue(1000, 850)).toBe(150);
    expect(changeDue(500, 850)).toBeNull();
    expect(changeDue(null, 850)).toBeNull();
  });

  it("rounds up to the next full 1, 5 and 10 above the amount as tips, without repeats", () => {
    expect(roundUpTips(850)).toEqual([
      { toCents: 900, tipCents: 50 },
      { toCents: 1000, tipCents: 150 },
    ]);
    expect(roundUpTips(600)).toEqual([
      { toCents: 700, tipCents: 100 },
      { toCents: 1000, tipCents: 400 },
    ]);
    expect(roundUpTips(1000).map((r) => r.toCents)).toEqual([1100, 1500, 2000]);
    expect(roundUpTips(0)).toEqual([]);
    expect(roundUpTips(1230)).toEqual([
      { toCents: 1300, tipCents: 70 },
      { toCents: 1500, tipCents: 270 },
      { toCents: 2000, tipCents: 770 },
    ]);
  });
});
