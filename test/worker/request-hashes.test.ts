// Each command's request hash (its `hash` member) as text. D1 stores these hashes with every order,
// payment, void, move and settlement, and a replay is told from a conflict by comparing them, so
// the text for a request must never change: the expected values were computed by the hash
// functions before they moved into the commands (coordinator/canonical.ts, coordinator/orders.ts).
import { describe, expect, it } from "vitest";
import type { Command } from "../../worker/coordinator/command.ts";
import { commands } from "../../worker/coordinator/commands/index.ts";

const o1 = "11111111-1111-4111-8111-111111111111";
const o2 = "22222222-2222-4222-8222-222222222222";
const id = "33333333-3333-4333-8333-333333333333";

/** The command's hash of this input (every command here has one). */
function hashOf<I>(command: Command<I, unknown, object>, input: I): Promise<string> {
  if (!command.hash) throw new Error("this command has no request hash");
  return command.hash(input);
}

describe("request hashes stay what D1 stores", () => {
  it("an order: table and lines, not the menu version, options in any order, the note trimmed", async () => {
    const body = { id: o1, table: "A1", menuVersion: 3, items: [{ product: "pommes", qty: 2, note: " extra crispy ", options: ["mit Mayo", "mit Ketchup"] }, { product: "pils", qty: 1 }] };
    expect(await hashOf(commands.placeOrder, { body })).toBe("0a16b3493da74f771ec1bcb2f55b82f78aa0eedf966590c24e62b8ee68b73d5f");
    expect(await hashOf(commands.placeOrder, { body: { ...body, menuVersion: 9 } })).toBe("0a16b3493da74f771ec1bcb2f55b82f78aa0eedf966590c24e62b8ee68b73d5f");
  });

  it("a payment, with its lines and returns in any order, and one with every default", async () => {
    const items = [{ order: o2, line: 1, qty: 1 }, { order: o1, line: 2, qty: 2 }, { order: o1, line: 0, qty: 1 }];
    const depositReturns = [{ product: "radler", qty: 1 }, { product: "pils", qty: 2 }];
    const body = { id, table: "A1", method: "cash" as const, items, tenderedCents: 2000, tipCents: 50, depositReturns, reason: "Stammgast" };
    expect(await hashOf(commands.pay, { body })).toBe("2c9942a18993f8ea622828865fbd4273ac316b057a617293e5f6734952837f6d");
    const reordered = { ...body, items: [...items].reverse(), depositReturns: [...depositReturns].reverse() };
    expect(await hashOf(commands.pay, { body: reordered })).toBe("2c9942a18993f8ea622828865fbd4273ac316b057a617293e5f6734952837f6d");
    expect(await hashOf(commands.pay, { body: { id, table: "B2", method: "card", items: [{ order: o1, line: 0, qty: 1 }] } })).toBe(
      "ee9c782fbe7b530e8db04563cd6f503873b8bd5b56d44a3e38bf9f69dd461ffc",
    );
  });

  it("a void, with a table and a note and without", async () => {
    const full = { id, order: o1, line: 1, qty: 2, reason: "mistake" as const, note: "falsch getippt", table: "A1" };
    expect(await hashOf(commands.voidItem, { body: full, approvedBy: "Chef" })).toBe("1acb29265edcb336bc34485f8949742233fef37f6bdf9465553615c27262a354");
    const bare = { id, order: o1, line: 0, qty: 1, reason: "cancelled" as const };
    expect(await hashOf(commands.voidItem, { body: bare, approvedBy: "admin PIN" })).toBe("8e62992ef27da90fa433b8eb6d9050eb2978c45a70866fe663d4562d53ae77e0");
  });

  it("a move of some items (in any order) and of a whole table", async () => {
    const items = [{ order: o2, line: 0, qty: 1 }, { order: o1, line: 3, qty: 2 }];
    expect(await hashOf(commands.moveItems, { from: "A1", body: { id, to: "C3", items } })).toBe("c188b35abead7e1e38e49f3625f667d0e3822f29970ab9899913fcefa98b1ef7");
    expect(await hashOf(commands.moveItems, { from: "A1", body: { id, to: "C3", items: [...items].reverse() } })).toBe("c188b35abead7e1e38e49f3625f667d0e3822f29970ab9899913fcefa98b1ef7");
    expect(await hashOf(commands.moveItems, { from: "A1", body: { id, to: "C3" } })).toBe("e291a06462ccd6a12af2d213b357b55063b9ccd933303c16e5cdbe5693001ebd");
  });

  it("a settlement", async () => {
    const body = { id, waiter: "Anna", floatCents: 5000, countedCents: 12345 };
    expect(await hashOf(commands.settle, { body })).toBe("f1da2c66a9d11905678f99a950c6e1c46268b9b30f43cef4a3ec46c0a520cbea");
  });
});
