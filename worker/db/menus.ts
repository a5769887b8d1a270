// The edited menu in D1: each event's menu in config.json's shape, with what the coordinator needs
// to judge the next change. The write returns a statement, so the coordinator commits it in one
// batch with the change it belongs to.
import { eq } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { Db, Statement } from "./client.ts";
import type { MenuCategoryInput, MenuProductInput } from "../protocol.ts";

export interface MenuDefinition {
  categories: MenuCategoryInput[];
  products: MenuProductInput[];
}

/** An event's menu as stored, with what the coordinator needs to judge the next change. */
export interface StoredMenu extends MenuDefinition {
  removed: { id: string; name: string }[];
  source: "config" | "admin";
  configHash: string;
  editedVersion: number;
}

export async function readStoredMenu(db: Db, eventId: string): Promise<StoredMenu | undefined> {
  const row = await db.select().from(schema.menus).where(eq(schema.menus.eventId, eventId)).get();
  if (!row) return undefined;
  return {
    categories: JSON.parse(row.categories) as MenuCategoryInput[],
    products: JSON.parse(row.products) as MenuProductInput[],
    removed: JSON.parse(row.removed) as StoredMenu["removed"],
    source: row.source === "admin" ? "admin" : "config",
    configHash: row.configHash,
    editedVersion: row.editedVersion,
  };
}

export function writeStoredMenu(db: Db, eventId: string, menu: StoredMenu, now: number, by: string): Statement {
  const values = {
    categories: JSON.stringify(menu.categories),
    products: JSON.stringify(menu.products),
    removed: JSON.stringify(menu.removed),
    source: menu.source,
    configHash: menu.configHash,
    editedVersion: menu.editedVersion,
    updatedAt: now,
    updatedBy: by,
  };
  return db.insert(schema.menus).values({ eventId, ...values }).onConflictDoUpdate({ target: schema.menus.eventId, set: values });
}
