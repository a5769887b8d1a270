// Who may do what: the one table that the routes check (a socket sends no commands).
import type { Role } from "../protocol.ts";

export type Permission =
  | "read"
  | "order.place"
  | "ticket.bump"
  | "ticket.pickup"
  | "availability.set"
  | "payment.take"
  | "payment.reverse"
  | "item.void"
  | "table.move"
  | "settlement.read"
  | "settlement.record"
  | "access.manage"
  | "report.read"
  | "menu.edit"
  | "event.start";

const allowed: Record<Permission, readonly Role[]> = {
  read: ["waiter", "station", "admin"],
  "order.place": ["waiter", "admin"],
  "ticket.bump": ["station", "admin"],
  // Runners may be waiters or station staff.
  "ticket.pickup": ["waiter", "station", "admin"],
  "availability.set": ["admin"],
  "payment.take": ["waiter", "admin"],
  "payment.reverse": ["admin"],
  // A waiter's void also needs the admin PIN typed for it (routes/voids.ts).
  "item.void": ["waiter", "admin"],
  "table.move": ["waiter", "admin"],
  // A waiter sees only their own figures.
  "settlement.read": ["waiter", "admin"],
  "settlement.record": ["admin"],
  // Who is logged in, ending sessions, the PIN-attack view.
  "access.manage": ["admin"],
  // The evening's figures: the organiser's (a waiter sees their own on "Meine Kasse").
  "report.read": ["admin"],
  "menu.edit": ["admin"],
  "event.start": ["admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return allowed[permission].includes(role);
}
