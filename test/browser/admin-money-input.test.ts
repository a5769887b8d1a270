// The organiser's money fields read "123,50" and "123.50" alike and refuse anything they would
// have to guess at (no browser needed: the parser is a plain function).
import { describe, expect, test } from "vitest";
import { parseMoneyInput } from "../../frontend/src/admin/moneyInput.ts";

describe("admin money input", () => {
  test.each([
    ["123,50", 12350],
    ["123.50", 12350],
    [" 123 ", 12300],
    ["0,5", 50],
    ["0.05", 5],
    ["10000", 1_000_000],
  ])("%j is %i cents", (text, cents) => {
    expect(parseMoneyInput(text)).toEqual({ kind: "ok", cents });
  });

  test.each(["12,345", "1.234,50", "-3", "1e3", "12,", ",5", "abc", "12 50", "0x10", "١٢"])("%j is refused", (text) => {
    expect(parseMoneyInput(text)).toEqual({ kind: "bad" });
  });

  test("an empty field is not an amount yet, and more than the API takes is too large", () => {
    expect(parseMoneyInput("  ")).toEqual({ kind: "empty" });
    expect(parseMoneyInput("10000,01")).toEqual({ kind: "tooLarge" });
  });
});
