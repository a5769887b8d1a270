// Who may do what: the one table that routes and socket frames both check.
import type { Role } from "../protocol.ts";

export type Permission = "read" | "order.place" | "ticket.bump" | "ticket.pickup" | "availability.set";

const allowed: Record<Permission, readonly Role[]> = {
  read: ["waiter", "station", "admin"],
  "order.place": ["waiter", "admin"],
  "ticket.bump": ["station", "admin"],
  // Runners may be waiters or station staff.
  "ticket.pickup": ["waiter", "station", "admin"],
  "availability.set": ["admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return allowed[permission].includes(role);
}
