// The frame that tells every screen what is sold out or limited now, and the menu version it makes.
// Made by an admin's change (commands/setAvailability.ts) and by a new menu version at the start
// (menu/loadState.ts: an empty list, the version alone).
import type { AvailabilityChangedFrame, ProductAvailability } from "../protocol.ts";

export function availabilityChanged(seq: number, menuVersion: number, availability: ProductAvailability[]): AvailabilityChangedFrame {
  return { type: "availability.changed", seq, menuVersion, availability };
}
