// The menu as an event's state: config.json's shape (what PUT /menu sends and "Download as
// config.json" writes), checked by config.json's own schema, and turned into the lookups in cents
// that orders use. Pure functions: the coordinator's commands and its start use them.
import { buildEvent, fnv1a, type LoadedEvent } from "../config/event.ts";
import { checkConfig, type ConfigProblem, type EventConfig } from "../config/schema.ts";
import type { MenuSnapshot } from "../db/eventState.ts";
import type { Menu, MenuChange, MenuEditView, ProductAvailability } from "../protocol.ts";
import type { MenuDefinition, StoredMenu } from "../db/menus.ts";

export function definitionOf(config: Pick<EventConfig, "categories" | "products">): MenuDefinition {
  return { categories: config.categories, products: config.products };
}

/** Fingerprint of a definition: the same text, the same menu (order counts: it is the menu's order). */
export function definitionHash(menu: MenuDefinition): string {
  return fnv1a(JSON.stringify({ categories: menu.categories, products: menu.products }));
}

/** The event with this id, name and menu, at the venue of `config`. */
export function eventWithMenu(config: EventConfig, ref: { id: string; name: string }, menu: MenuDefinition): LoadedEvent {
  return buildEvent({ ...config, id: ref.id, name: ref.name, categories: menu.categories, products: menu.products });
}

/** The menu as GET /menu and menu.changed give it: prices in cents, with availability. */
export function menuOf(event: LoadedEvent, version: number, availability: Map<string, ProductAvailability>): Menu {
  return {
    version,
    stations: event.stations,
    categories: event.categories,
    products: event.products.map((p) => {
      const a = availability.get(p.id);
      return { id: p.id, name: p.name, priceCents: p.priceCents, depositCents: p.depositCents, depositGroup: p.depositGroup, category: p.category, options: p.options, soldOut: a?.soldOut ?? false, quota: a?.quota ?? null };
    }),
  };
}

export function editView(event: LoadedEvent, version: number, stored: StoredMenu, configDiffers: boolean): MenuEditView {
  const { categories, products } = definitionOf(event.config);
  return { version, editedVersion: stored.editedVersion, categories, products, removed: stored.removed, stations: event.stations, configDiffers };
}

/**
 * A menu from PUT /menu checked as config.json is (schema, duplicates, unknown category or
 * station), at this venue, and against ids taken off the menu before: every problem by its path.
 */
export function checkMenu(venue: EventConfig, body: { categories: unknown; products: unknown }, removed: StoredMenu["removed"]): { menu?: MenuDefinition; problems: ConfigProblem[] } {
  const { config, problems } = checkConfig({ ...venue, categories: body.categories, products: body.products });
  const errors = problems.filter((p) => p.level === "error");
  const removedIds = new Map(removed.map((r) => [r.id, r.name]));
  if (Array.isArray(body.products)) {
    for (const [i, p] of body.products.entries()) {
      const id = p && typeof p === "object" ? (p as { id?: unknown }).id : undefined;
      if (typeof id === "string" && removedIds.has(id))
        errors.push({ level: "error", path: `products[${i}].id`, message: `"${id}" was the id of "${removedIds.get(id)}", taken off the menu; an id is never given to another product: choose another id` });
    }
  }
  if (errors.length || !config) return { problems: errors };
  return { menu: definitionOf(config), problems: [] };
}

/** Products of `before` that `after` no longer has, added to those removed earlier. */
export function removedAfter(stored: StoredMenu, before: MenuDefinition, after: MenuDefinition): StoredMenu["removed"] {
  const kept = new Set(after.products.map((p) => p.id));
  const out = [...stored.removed];
  for (const p of before.products) if (!kept.has(p.id) && !out.some((r) => r.id === p.id)) out.push({ id: p.id, name: p.name });
  return out;
}

/** What changed from a menu version to the menu now, product by product (a refused save says this). */
export function menuDiff(before: MenuSnapshot, now: LoadedEvent): MenuChange[] {
  const changes: MenuChange[] = [];
  for (const p of now.products) {
    const was = before[p.id];
    if (!was) changes.push({ product: p.id, name: p.name, kind: "added", newCents: p.priceCents });
    else if (was.priceCents !== p.priceCents) changes.push({ product: p.id, name: p.name, kind: "price", oldCents: was.priceCents, newCents: p.priceCents });
    else if (was.name !== p.name) changes.push({ product: p.id, name: p.name, kind: "renamed" });
  }
  for (const [id, was] of Object.entries(before)) if (!now.productById.has(id)) changes.push({ product: id, name: was.name, kind: "removed", oldCents: was.priceCents });
  return changes;
}
