// The menu edited on /admin: read it in config.json's shape, save it (one coordinator command: a new
// menu version, broadcast as menu.changed; at most MENU_SAVE_LIMITS saves in a row, menu/saveRate.ts),
// and download the venue with it as a config.json.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type AppEnv } from "../auth/session.ts";
import { loadEvent } from "../config/event.ts";
import { coordinator } from "../coordinator/stub.ts";
import { MENU_SAVE_LIMITS, menuSaveLimited, returnMenuSave, takeMenuSave } from "../menu/saveRate.ts";
import { unwrap } from "../errors.ts";
import { valid } from "../validate.ts";

/** The body's frame; categories and products are checked by config.json's schema in the command, so that every problem is listed at once. */
export const putMenuBodySchema = z.strictObject({
  baseVersion: z.number({ error: "must be the menu version the editor showed" }).int().min(0),
  categories: z.array(z.unknown(), { error: "must be a list of categories" }).max(200, "at most 200 categories"),
  products: z.array(z.unknown(), { error: "must be a list of products" }).max(1000, "at most 1000 products"),
});


export const menuRoutes = new Hono<AppEnv>()
  .get("/menu/edit", requireRole("menu.edit"), async (c) => c.json(await coordinator(c.env).menuEdit()))
  .put("/menu", requireRole("menu.edit"), valid("json", putMenuBodySchema), async (c) => {
    const eventId = loadEvent(c.env).config.id;
    if (!takeMenuSave(eventId, Date.now())) {
      c.header("Retry-After", String(MENU_SAVE_LIMITS.everySeconds));
      throw menuSaveLimited();
    }
    const outcome = await coordinator(c.env).run("editMenu", c.var.session, c.req.valid("json"));
    if (!outcome.ok || !outcome.saved) returnMenuSave(eventId, Date.now());
    const result = unwrap(outcome);
    return c.json({ version: result.version, menu: result.menu });
  })
  // The evening's final menu, ready to start the next box or event with: the venue as loaded
  // (defaults filled in) with the current event's id, name and menu.
  .get("/menu/config.json", requireRole("menu.edit"), async (c) => {
    // Without the PINs: this file gets copied and mailed around, and PINs changed on /admin live
    // in the data folder anyway. The next start generates PINs, or takes an access block added to it.
    const { access: _pins, ...venue } = loadEvent(c.env).config;
    const config = venue;
    const menu = await coordinator(c.env).menuEdit();
    const file = { ...venue, categories: menu.categories, products: menu.products };
    c.header("Content-Disposition", `attachment; filename="${config.id}.config.json"`);
    return c.body(`${JSON.stringify(file, null, 2)}\n`, 200, { "Content-Type": "application/json; charset=utf-8" });
  });
