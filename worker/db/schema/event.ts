// The event's tables: its state row and menu versions, availability, the change log (the ordered
// stream), the box's events and each event's edited menu. Every row carries its event id.
import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";

/**
 * One row per event: the current menu version and the config it was made from. It is written when
 * the menu version changes; `seq` is the sequence number at that moment (the live sequence number
 * is the newest row of `changes`, so that a change is one row fewer to write).
 */
export const eventState = sqliteTable("event_state", {
  eventId: text("event_id").primaryKey(),
  seq: integer("seq").notNull(),
  menuVersion: integer("menu_version").notNull(),
  configHash: text("config_hash").notNull(),
});

/** The menu as it was at each version: what a 409 MENU_CHANGED compares against. */
export const menuVersions = sqliteTable(
  "menu_versions",
  {
    eventId: text("event_id").notNull(),
    version: integer("version").notNull(),
    /** JSON: { [productId]: { name, priceCents, soldOut } } */
    products: text("products").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version] })],
);

export const availability = sqliteTable(
  "availability",
  {
    eventId: text("event_id").notNull(),
    productId: text("product_id").notNull(),
    soldOut: integer("sold_out", { mode: "boolean" }).notNull(),
    quota: integer("quota"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.productId] })],
);

/** The event's ordered stream: every change as the frame that was broadcast. Resume reads it. */
export const changes = sqliteTable(
  "changes",
  {
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    frame: text("frame").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.seq] })],
);

/**
 * The events of this box. The current one is the row without `endedAt`; config.json's event is the
 * first (written on the first request). POST /events ends the current one and starts the next.
 */
export const events = sqliteTable("events", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  startedAt: integer("started_at").notNull(),
  endedAt: integer("ended_at"),
});

/**
 * Each event's menu as it is now, in config.json's shape: seeded from config.json on the event's
 * first start (or copied from the event before), edited on /admin from then on.
 */
export const menus = sqliteTable("menus", {
  eventId: text("event_id").primaryKey(),
  /** JSON: the categories as config.json writes them */
  categories: text("categories").notNull(),
  /** JSON: the products as config.json writes them (prices as decimals) */
  products: text("products").notNull(),
  /** JSON: [{ id, name }] of products taken off the menu; their ids are never given to another product. */
  removed: text("removed").notNull(),
  /** "config" while the menu is config.json's own; "admin" once it was edited on /admin (config.json no longer replaces it). */
  source: text("source").notNull(),
  /** Fingerprint of config.json's menu when it was last looked at: a change is taken only while source is "config". */
  configHash: text("config_hash").notNull(),
  /** The menu version this definition was written at (sold-out changes make versions too, but do not count here). */
  editedVersion: integer("edited_version").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
