// What the organiser types into a money field: "123,50", "123.50", "123" or "0,5" (both decimal
// marks, since a German keyboard's numpad gives a point). Anything else is refused, never guessed:
// "1.234,50", "12,345", "-3" and "1e3" are errors, not amounts.
import { MAX_CENTS } from "../../../worker/protocol.ts";

export type MoneyInput = { kind: "empty" } | { kind: "ok"; cents: number } | { kind: "bad" } | { kind: "tooLarge" };

export function parseMoneyInput(text: string): MoneyInput {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const match = /^([0-9]{1,7})(?:[.,]([0-9]{1,2}))?$/.exec(trimmed);
  if (!match) return { kind: "bad" };
  // Whole units and cents are added as integers: no float arithmetic ever touches money.
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return cents > MAX_CENTS ? { kind: "tooLarge" } : { kind: "ok", cents };
}
