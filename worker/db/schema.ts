// The D1 schema, one module per area in schema/. drizzle-kit reads this file (drizzle.config.ts) and
// writes the SQL migrations in migrations/ from it; the queries in db/ import the tables from here.
// Every row of an event's data carries its event id, so several events can share one database.
export * from "./schema/event.ts";
export * from "./schema/orders.ts";
export * from "./schema/money.ts";
export * from "./schema/access.ts";
export * from "./schema/printing.ts";
