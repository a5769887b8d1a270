// Small pure helpers of the waiter app: amounts, ids, category colours.

import { MAX_NOTE, MAX_QTY } from "../../../worker/protocol.ts";
import { newUuid } from "../lib/uuid.ts";

export const MIN_QTY = 1;
/** The API's limits of an order line, re-exported for the waiter app's inputs. */
export { MAX_NOTE, MAX_QTY };

/**
 * What a typed amount means: the leading digits only, clamped to 1–999. "1e3" → 1, "0x10" → 1,
 * "2.5" → 2, "-5" → fallback, "" → fallback, "99999999" → 999. Never NaN, negative or a fraction.
 */
export function parseQty(text: string, fallback: number): number {
  const match = /^\s*([0-9]+)/.exec(text);
  if (!match) return clampQty(fallback);
  // Long digit strings are huge: cut before Number() so "1".repeat(400) cannot become Infinity.
  return clampQty(Number((match[1] ?? "").slice(0, 6)));
}

export function clampQty(n: number): number {
  if (!Number.isFinite(n)) return MIN_QTY;
  return Math.min(MAX_QTY, Math.max(MIN_QTY, Math.trunc(n)));
}

/** A v4 UUID for an order or payment (lib/uuid.ts). */
export const newOrderId = newUuid;

// mini_pos's seven hues in its order (service_table.css: category-1 … category-7 are hsl 330, 260,
// 210, 135, 45, 15, 0; 8–14 the same again), so a menu imported from mini_pos keeps its colours:
// its 13 (Alkoholfrei) is orange, 10 blue, 12 yellow, 8 pink. [light, strong] each.
export const CATEGORY_HUES: [string, string][] = [
  ["#fbcfe8", "#db2777"], // pink
  ["#ddd6fe", "#7c3aed"], // violet
  ["#bfdbfe", "#2563eb"], // blue
  ["#bbf7d0", "#16a34a"], // green
  ["#fef08a", "#ca8a04"], // yellow
  ["#fed7aa", "#ea580c"], // orange
  ["#fecaca", "#dc2626"], // red
];

/**
 * How a category colour looks: 1–7 light, strong when selected; 8–14 white with a strong left
 * border, light when selected; anything else white, green when selected.
 */
export function categoryStyle(color: number): { kind: "fill" | "edge" | "plain"; style: string } {
  if (Number.isInteger(color) && color >= 1 && color <= 14) {
    const [light, strong] = CATEGORY_HUES[(color - 1) % 7]!;
    return { kind: color <= 7 ? "fill" : "edge", style: `--light:${light};--strong:${strong}` };
  }
  return { kind: "plain", style: "--light:#fff;--strong:#16a34a" };
}
