// The parts of an error body that are checked on their own: a menu change of a refused order.
import { z } from "zod";
import { MENU_CHANGE_KINDS, type MenuChange } from "../protocol.ts";
import { assertEqual } from "./typeCheck.ts";

/** What changed in the menu for one product of a refused order (409 MENU_CHANGED). */
export const menuChangeSchema = z.object({
  product: z.string(),
  name: z.string(),
  /** "added" and "renamed" only in a refused menu save (409 on PUT /menu); an order is refused for price, sold_out or removed. */
  kind: z.enum(MENU_CHANGE_KINDS),
  oldCents: z.number().int().optional(),
  newCents: z.number().int().optional(),
});
assertEqual<z.output<typeof menuChangeSchema>, MenuChange>(true);
